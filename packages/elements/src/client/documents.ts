/** The documents operations of the proxy (`/v1/documents/...`): what `<zd-doc-upload>` calls (and the picker's check). */
import { xhrRequest } from './xhr.js';
import type {
  CallOptions,
  CheckingWrongs,
  DocumentGroup,
  DocumentUpload,
  GroupFile,
  GroupParams,
  GroupValidity,
  Json200,
  PathWith,
  UploadOptions,
  UploadResult,
  ZdClient,
} from './zd-client.js';

export function documentGroups(client: ZdClient, options: CallOptions = {}): Promise<DocumentGroup[]> {
  return client
    .request<Json200<'documents.groups.list'>>('GET', '/v1/documents/groups/list' satisfies PathWith<'GET'>, {
      signal: options.signal,
    })
    .then((d) => d.groups);
}

export function groupValidity(
  client: ZdClient,
  groupId: number,
  directionId: number,
  options: CallOptions = {},
): Promise<GroupValidity> {
  return client.request<GroupValidity>('GET', '/v1/documents/groups/valid/{id}' satisfies PathWith<'GET'>, {
    path: { id: groupId },
    query: { direction_id: directionId },
    signal: options.signal,
  });
}

/** Creates a document group: who will use the number (`direction_id` checks the data for it at once). */
export function createGroup(
  client: ZdClient,
  params: GroupParams,
  options: CallOptions = {},
): Promise<DocumentGroup> {
  return client
    .request<Json200<'documents.groups.create'>>(
      'POST',
      '/v1/documents/groups/create' satisfies PathWith<'POST'>,
      {
        form: params,
        signal: options.signal,
      },
    )
    .then((d) => d.group);
}

export function updateGroup(
  client: ZdClient,
  groupId: number,
  params: GroupParams,
  options: CallOptions = {},
): Promise<DocumentGroup> {
  return client
    .request<Json200<'documents.groups.update'>>(
      'PUT',
      '/v1/documents/groups/update/{groupid}' satisfies PathWith<'PUT'>,
      { path: { groupid: groupId }, form: params, signal: options.signal },
    )
    .then((d) => d.group);
}

/** The files uploaded to a group, with whether each is verified. */
export function groupFiles(
  client: ZdClient,
  groupId: number,
  options: CallOptions = {},
): Promise<GroupFile[]> {
  return client
    .request<Json200<'documents.files'>>('GET', '/v1/documents/files' satisfies PathWith<'GET'>, {
      query: { group_id: groupId },
      signal: options.signal,
    })
    .then((d) => d.documents);
}

/** The verifier's reasons for rejecting a document or the address of a group. */
export function checkingWrongs(
  client: ZdClient,
  groupId: number,
  options: CallOptions = {},
): Promise<CheckingWrongs> {
  return client
    .request<Json200<'direct_numbers.checking_wrongs'>>(
      'GET',
      '/v1/direct_numbers/checking-wrongs' satisfies PathWith<'GET'>,
      { query: { group_id: groupId }, signal: options.signal },
    )
    .then((d) => d.info);
}

/**
 * Uploads one document file (multipart, text fields first as the proxy wants them), reporting progress.
 * The proxy checks the type by content and the size; the browser sends nothing but the session token.
 */
export function uploadDocument(
  client: ZdClient,
  upload: DocumentUpload,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const url = client.url('/v1/documents/upload' satisfies PathWith<'POST'>);
  return client.exchange<UploadResult>((token) => {
    const form = new FormData();
    form.append('group_id', String(upload.groupId));
    form.append('document_type', upload.documentType);
    form.append('file', upload.file, upload.filename);
    return xhrRequest(url, {
      method: 'POST',
      headers: client.headers(token),
      body: form,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  });
}
