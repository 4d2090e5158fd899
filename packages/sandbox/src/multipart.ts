/** Real multipart parsing (busboy) of Zadarma's upload operations: text fields and one file. */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { refused } from './errors.js';

export interface UploadedFile {
  field: string;
  filename: string;
  /** What the client claimed; the sandbox trusts only the bytes (sniffType in @zadarma-elements/api). */
  declaredType: string;
  bytes: Buffer;
}

export interface Multipart {
  fields: Record<string, string>;
  file: UploadedFile | undefined;
}

/** Files beyond this are refused while still streaming (the largest thing Zadarma takes is 5 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export async function parseMultipart(request: Request): Promise<Multipart> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!request.body) throw refused('The upload has no body');
  const fields: Record<string, string> = {};
  let file: UploadedFile | undefined;
  let tooLarge = false;
  let parser: busboy.Busboy;
  try {
    // One byte over the limit makes busboy report `limit`, which then means "over".
    parser = busboy({
      headers: { 'content-type': contentType },
      limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 },
    });
  } catch {
    throw refused('The upload is not valid multipart/form-data');
  }
  await new Promise<void>((resolve, reject) => {
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => (tooLarge = true));
      stream.on('end', () => {
        file = {
          field,
          filename: info.filename ?? '',
          declaredType: info.mimeType,
          bytes: Buffer.concat(chunks),
        };
      });
    });
    parser.on('close', resolve);
    parser.on('error', () => reject(refused('The upload is not valid multipart/form-data')));
    const source = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
    // A client that hangs up mid-body (the proxy cancelling an upload) is a refusal, not a crash.
    source.on('error', () => reject(refused('The upload was interrupted')));
    source.pipe(parser);
  });
  if (tooLarge) throw refused(`The file is too large: at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  return { fields, file };
}
