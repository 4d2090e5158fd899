/**
 * Multipart uploads (documents): streamed through, never held whole. The text fields must come before
 * the file (browsers' FormData keeps the order they were appended in); once the file starts they are
 * validated and signed, the file's first bytes are sniffed for its real type, and the rest is piped
 * upstream while counted — past the limit the upstream request is aborted and the browser gets 413.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { fileTypeFromBuffer } from 'file-type';
import type { Context } from 'hono';
import type { MatchedOperation } from '@zadarma-elements/api';
import { bodyTimeout, tooLarge } from '../http/body.js';
import { ProxyError } from '../http/errors.js';
import type { BrowserRule } from '../policy/allowlist.js';
import { checkBrowserParams } from '../policy/browser-params.js';
import { addParam, type FlatParams } from '../policy/params.js';
import { validateParams } from '../policy/validate.js';
import type { Session } from '../session/tokens.js';
import type { PassthroughDeps } from './passthrough.js';

// Enough for every signature file-type knows (it reads at most 4100 bytes for a verdict).
const SNIFF_BYTES = 4100;
// Room for the text fields and part headers around the file.
const ENVELOPE_BYTES = 64 * 1024;

interface UploadContext {
  op: MatchedOperation;
  rule: BrowserRule;
  upload: NonNullable<BrowserRule['upload']>;
  session: Session;
  deps: PassthroughDeps;
}

export async function forwardUpload(c: Context, ctx: UploadContext): Promise<Response> {
  const { uploadBytes, bodyTimeoutMs } = ctx.deps.limits;
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(contentType)) {
    throw new ProxyError('unsupported_media_type', 'an upload must be sent as multipart/form-data');
  }
  if (Number(c.req.header('content-length') ?? 0) > uploadBytes + ENVELOPE_BYTES) throw tooLarge(uploadBytes);
  if (!c.req.raw.body) throw new ProxyError('invalid_request', 'the upload has no body');

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // busboy signals `limit` on reaching fileSize, so one byte more: `limit` then means over the limit.
      limits: { fileSize: uploadBytes + 1, files: 1, fields: 32, fieldSize: 64 * 1024, parts: 40 },
    });
  } catch {
    throw new ProxyError('invalid_request', 'the multipart Content-Type has no usable boundary');
  }
  const source = Readable.fromWeb(c.req.raw.body as unknown as NodeReadableStream<Uint8Array>);

  return new Promise<Response>((resolve, reject) => {
    const fields: FlatParams = {};
    let settled = false;
    let fileSeen = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      source.unpipe(parser);
      source.resume(); // drain, so the client can read our answer
      reject(error);
    };
    // A body that trickles in is cut at the time limit like any other; the file's upstream request too.
    const timer = setTimeout(() => {
      fail(bodyTimeout(bodyTimeoutMs));
      source.destroy();
    }, bodyTimeoutMs);
    source.once('end', () => clearTimeout(timer));
    source.once('close', () => clearTimeout(timer));

    parser.on('field', (name, value, info) => {
      try {
        requireName(name);
        if (fileSeen) throw new ProxyError('invalid_request', 'text fields must come before the file');
        if (info.valueTruncated)
          throw new ProxyError('too_large', `${name}: the field is too long`, { field: name });
        addParam(fields, name, value);
      } catch (error) {
        fail(error);
      }
    });

    parser.on('file', (name, file, info) => {
      if (fileSeen || settled) {
        file.resume();
        return fail(new ProxyError('invalid_request', 'send one file per upload'));
      }
      try {
        requireName(name);
      } catch (error) {
        file.resume();
        return fail(error);
      }
      fileSeen = true;
      if (name !== ctx.upload.field) {
        file.resume();
        return fail(
          new ProxyError('invalid_param', `the file must be sent as "${ctx.upload.field}"`, { field: name }),
        );
      }
      streamFile(ctx, fields, file, info.filename ?? '', c.req.raw.signal).then((response) => {
        if (!settled) {
          settled = true;
          resolve(response);
        }
      }, fail);
    });

    parser.on('filesLimit', () => fail(new ProxyError('invalid_request', 'send one file per upload')));
    parser.on('partsLimit', () => fail(new ProxyError('invalid_request', 'too many parts in the upload')));
    parser.on('fieldsLimit', () => fail(new ProxyError('invalid_request', 'too many fields in the upload')));
    parser.on('error', () => fail(new ProxyError('invalid_request', 'the multipart body could not be read')));
    parser.on('close', () => {
      if (!fileSeen)
        fail(
          new ProxyError('invalid_param', `${ctx.upload.field}: is required`, { field: ctx.upload.field }),
        );
    });
    source.on('error', () => fail(new ProxyError('invalid_request', 'the upload was interrupted')));
    source.pipe(parser);
  });
}

/**
 * Every part is named by a plain `name="..."`. busboy leaves the name undefined for a part without one
 * or with only the extended `name*=` form, which no browser sends.
 */
function requireName(name: string | undefined): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new ProxyError(
      'invalid_request',
      'a multipart part has no name (each needs name="..."; name* is not read)',
    );
  }
}

/** Sniffs, then pipes the file upstream; resolves with the proxy's answer. */
async function streamFile(
  ctx: UploadContext,
  fields: FlatParams,
  file: Readable,
  filename: string,
  /** Aborted when the browser goes away (a cancelled upload): the upstream request is cancelled too. */
  browserGone: AbortSignal,
): Promise<Response> {
  const { op, rule, upload, session, deps } = ctx;
  const limit = deps.limits.uploadBytes;
  checkBrowserParams(op.id, rule, fields);
  validateParams(op, fields, { files: [upload.field] });

  // The head of the file decides its type; the name and the browser's claim do not count.
  const iterator = file[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headSize += next.value.byteLength;
  }
  const headBytes = Buffer.concat(head);
  if (headBytes.byteLength === 0) {
    throw new ProxyError('invalid_param', `${upload.field}: the file is empty`, { field: upload.field });
  }
  if ((file as Readable & { truncated?: boolean }).truncated || headBytes.byteLength > limit)
    throw tooLarge(limit);
  const detected = await fileTypeFromBuffer(headBytes);
  if (!detected || !upload.types.includes(detected.mime)) {
    throw new ProxyError(
      'unsupported_media_type',
      `${upload.field}: the file's content is ${detected?.mime ?? 'of an unknown type'}; accepted: ${upload.types.join(', ')}`,
      { field: upload.field },
    );
  }

  // Past the limit busboy stops the file and sets `truncated`: abort upstream, answer 413.
  const abort = new AbortController();
  if (browserGone.aborted) abort.abort();
  else browserGone.addEventListener('abort', () => abort.abort(), { once: true });
  let tooBig = false;
  file.once('limit', () => {
    tooBig = true;
    abort.abort();
  });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(headBytes);
      if (ended) controller.close();
    },
    async pull(controller) {
      if (ended) return;
      const next = await iterator.next();
      if (tooBig) return controller.error(tooLarge(limit));
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      file.resume();
    },
  });

  try {
    return await deps.gateway.forward({
      method: op.spec.method,
      path: op.path,
      params: { ...fields, user_id: session.userId },
      sessionId: session.id,
      statistics: false,
      file: {
        field: upload.field,
        filename: safeFilename(filename, detected.ext),
        contentType: detected.mime,
        body,
      },
      signal: abort.signal,
    });
  } catch (error) {
    if (tooBig) throw tooLarge(limit);
    throw error;
  }
}

/** A plain file name with the extension of what the file really is. */
function safeFilename(name: string, ext: string): string {
  const base = (name || 'upload')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .slice(0, 80);
  return `${base || 'upload'}.${ext}`;
}
