/**
 * One request by XMLHttpRequest, for what `fetch` cannot do yet: report upload progress (Chromium streams
 * request bodies only over HTTP/2, Safari not at all). Answers as a `Response`, so the client reads it
 * the same way as a fetched one.
 */
import { ZdApiError } from './errors.js';

export interface XhrOptions {
  method: string;
  headers: Headers;
  body: XMLHttpRequestBodyInit;
  signal?: AbortSignal | undefined;
  /** Bytes of the body sent so far, and of the whole body. */
  onProgress?: ((sent: number, total: number) => void) | undefined;
}

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  for (const line of xhr
    .getAllResponseHeaders()
    .trim()
    .split(/[\r\n]+/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

export function xhrRequest(url: string, options: XhrOptions): Promise<Response> {
  return new Promise((resolve, reject) => {
    const { signal } = options;
    if (signal?.aborted) return reject(signal.reason);
    const xhr = new XMLHttpRequest();
    xhr.open(options.method, url);
    options.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
    const abort = () => xhr.abort();
    signal?.addEventListener('abort', abort, { once: true });
    const done = () => signal?.removeEventListener('abort', abort);
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : 0);
    xhr.onload = () => {
      done();
      // 0 never comes with `load`; anything else is the proxy's answer, JSON or not.
      resolve(
        new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          headers: headersOf(xhr),
        }),
      );
    };
    xhr.onerror = xhr.ontimeout = () => {
      done();
      reject(new ZdApiError({ kind: 'network', message: 'the upload was interrupted' }));
    };
    xhr.onabort = () => {
      done();
      reject(signal?.reason ?? new DOMException('The upload was cancelled', 'AbortError'));
    };
    xhr.send(options.body);
  });
}
