/**
 * The params of a request to the Zadarma surface, from wherever Zadarma reads them: the query for
 * GET, the form body for POST/PUT/DELETE (DELETE may use the query too), multipart text fields for
 * uploads, and a JSON body for the few operations the spec gives one.
 */
import { JsonInputError, nestPhpParams, parseJsonInput, type Params } from '@zadarma-elements/api';
import { refused } from './errors.js';
import { parseMultipart, type UploadedFile } from './multipart.js';

export interface RequestParams {
  /** Everything signed, as text (JSON bodies keep their structure for signing). */
  signed: Params;
  file: UploadedFile | undefined;
}

export async function readParams(request: Request, url: URL): Promise<RequestParams> {
  // As PHP reads them: `a[b]=…` nested (what a PHP client signed), the last of repeated keys kept.
  const query: Params = nestPhpParams(url.searchParams);
  if (request.method === 'GET' || request.method === 'HEAD') return { signed: query, file: undefined };

  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('multipart/form-data')) {
    const { fields, file } = await parseMultipart(request);
    return { signed: { ...query, ...nestPhpParams(Object.entries(fields)) }, file };
  }
  const text = await request.text();
  if (contentType.startsWith('application/json')) {
    let body: unknown;
    try {
      // Bounded nesting: the signature check walks the body recursively.
      body = text ? parseJsonInput(text) : {};
    } catch (error) {
      throw refused(
        error instanceof JsonInputError
          ? `The JSON body is refused: ${error.message}`
          : 'The JSON body is not valid',
      );
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw refused('The JSON body must be an object');
    return { signed: { ...query, ...(body as Params) }, file: undefined };
  }
  return { signed: { ...query, ...nestPhpParams(new URLSearchParams(text)) }, file: undefined };
}
