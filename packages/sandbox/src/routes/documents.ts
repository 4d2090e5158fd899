/** Documents (tag "Documents"): groups of personal/company data, uploads and their verification. */
import { createHash } from 'node:crypto';
import { findDestination } from '../catalog/destinations.js';
import { isDocumentType, sniffType } from '@zadarma-elements/api';
import { refused } from '../errors.js';
import { groupOf, groupView, isReadonly, validity } from '../state/documents.js';
import type { DocumentGroup, DocumentType } from '../state/types.js';
import { flag, integer, optionalInteger, text, type HandlerTable, type OperationContext } from './context.js';

/** Group data params (everything the create/update schema names but `user_id` and `direction_id`). */
function groupData(ctx: OperationContext): Record<string, string> {
  const skip = new Set(['user_id', 'direction_id', 'format']);
  return Object.fromEntries(Object.entries(ctx.params).filter(([k]) => !skip.has(k)));
}

/** The spec lets create/update name a destination: its data requirements are then checked at once. */
function checkForDestination(ctx: OperationContext, group: DocumentGroup): void {
  const directionId = optionalInteger(ctx, 'direction_id');
  if (directionId === undefined) return;
  const d = findDestination(directionId);
  if (!d) throw refused(`Direction ${directionId} not found`);
  const missing = d.specify.filter((f) => !group.info[f]?.trim());
  if (missing.length)
    throw refused(`Data required for direction ${directionId} is missing: ${missing.join(', ')}`);
}

/** File names as Zadarma keeps them: the base name, nothing that could be a path. */
const safeName = (name: string): string =>
  name
    .split(/[\\/]/)
    .pop()
    ?.replace(/[^\w.\- ]/g, '_') || 'document';

export const documentHandlers: HandlerTable = {
  'documents.groups.list': (ctx) => ({ status: 'success', groups: ctx.account.groups.map(groupView) }),

  'documents.groups.get': (ctx) => ({
    status: 'success',
    group: groupView(groupOf(ctx.account, Number(ctx.op.pathParams.id))),
  }),

  'documents.groups.create': (ctx) => {
    const group: DocumentGroup = {
      id: ctx.state.nextId.group++,
      info: groupData(ctx),
      files: [],
      addressRejection: null,
    };
    checkForDestination(ctx, group);
    ctx.account.groups.push(group);
    return { status: 'success', group: groupView(group) };
  },

  'documents.groups.update': (ctx) => {
    const group = groupOf(ctx.account, Number(ctx.op.pathParams.groupid));
    if (isReadonly(group))
      throw refused(`Documents group ${group.id} is verified and can no longer be changed`);
    const updated: DocumentGroup = { ...group, info: { ...group.info, ...groupData(ctx) } };
    checkForDestination(ctx, updated);
    group.info = updated.info;
    // New data is checked anew: a rejected address is no longer the current one.
    if (ctx.params.address || ctx.params.street || ctx.params.city) group.addressRejection = null;
    return { status: 'success', group: groupView(group) };
  },

  'documents.groups.valid': (ctx) => {
    const group = groupOf(ctx.account, Number(ctx.op.pathParams.id));
    const d = findDestination(integer(ctx, 'direction_id'));
    if (!d) throw refused(`Direction ${text(ctx, 'direction_id')} not found`);
    const v = validity(group, d);
    return {
      status: 'success',
      is_information_match: flag(v.is_information_match),
      is_documents_uploaded: flag(v.is_documents_uploaded),
      is_documents_verified: flag(v.is_documents_verified),
      is_address_match: flag(v.is_address_match),
    };
  },

  'documents.files': (ctx) => {
    const group = groupOf(ctx.account, optionalInteger(ctx, 'group_id') ?? 0);
    return {
      status: 'success',
      documents: group.files
        // Zadarma's list has no place for other types; the spec's enum is what it shows.
        .filter((f) => f.type !== 'certificate')
        .map((f) => ({
          type: f.type,
          is_verified: flag(f.status === 'verified'),
          source: 'upload',
          name: f.name,
        })),
    };
  },

  'documents.upload': (ctx) => {
    const group = groupOf(ctx.account, integer(ctx, 'group_id'));
    const file = ctx.file;
    if (!file || file.field !== 'file') throw refused('file: is required');
    if (file.bytes.length === 0) throw refused('file: is empty');
    const mime = sniffType(file.bytes);
    if (!isDocumentType(mime)) {
      throw refused('file: must be an image (JPEG, PNG, GIF, WEBP, TIFF) or a PDF');
    }
    const name = safeName(file.filename);
    const delay = ctx.options.verificationDelayMs;
    group.files.push({
      id: ctx.state.nextId.file++,
      type: text(ctx, 'document_type') as DocumentType,
      name,
      size: file.bytes.length,
      mime,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      status: 'uploaded',
      uploaded: ctx.now,
      decideAt: delay === null ? null : ctx.now + delay,
      rejection: null,
    });
    return {
      status: 'success',
      message: `The File ${name} has been successfully uploaded to the website.`,
      doc_name: name,
    };
  },
};
