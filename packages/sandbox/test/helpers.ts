/** Test helpers: signed calls to a sandbox, in-process (its `fetch`) or over HTTP. */
import { signRequest, type Params } from '@zadarma-elements/api';
import { createSandbox, type Sandbox } from '../src/index.js';
import type { SandboxOptions } from '../src/options.js';

export interface CallOptions {
  /** Sign with these instead of the reseller's. */
  key?: string;
  secret?: string;
  /** Multipart upload: the file goes along unsigned. */
  file?: { field: string; name: string; type: string; bytes: Uint8Array };
  /** A JSON body (the scenario edit). */
  json?: boolean;
  /** Send to this base URL over HTTP instead of in-process. */
  baseUrl?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export function testSandbox(options: SandboxOptions = {}): Sandbox {
  return createSandbox({ verificationDelayMs: null, ...options });
}

/** Builds a request exactly as a Zadarma client does: `format=json` signed with everything else. */
export function signedRequest(
  sandbox: Pick<Sandbox, 'key' | 'secret'>,
  method: string,
  path: string,
  params: Params = {},
  options: CallOptions = {},
): Request {
  const all: Params = { ...params, format: 'json' };
  const key = options.key ?? sandbox.key;
  const secret = options.secret ?? sandbox.secret;
  const { query, authorization } = signRequest(path, all, key, secret);
  const url = new URL(path, options.baseUrl ?? 'http://sandbox.test');
  const headers = new Headers({ authorization, ...options.headers });
  let body: RequestInit['body'];
  if (method === 'GET') {
    url.search = query;
  } else if (options.file) {
    const form = new FormData();
    for (const [k, v] of Object.entries(all)) form.append(k, String(v));
    form.append(
      options.file.field,
      new Blob([options.file.bytes], { type: options.file.type }),
      options.file.name,
    );
    body = form;
  } else if (options.json) {
    headers.set('content-type', 'application/json');
    body = JSON.stringify(all);
  } else {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    body = query;
  }
  return new Request(url, { method, headers, body });
}

export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  params: Params = {},
  options: CallOptions = {},
): Promise<CallResult> {
  const request = signedRequest(sandbox, method, path, params, options);
  const res = options.baseUrl ? await fetch(request) : await sandbox.fetch(request);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Record<string, unknown> };
}

/** A sandbox-only endpoint, JSON in and out. */
export async function sandboxCall(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await sandbox.fetch(
    new Request(new URL(path, 'http://sandbox.test'), {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Smallest files of each kind, by their magic bytes. */
export const FILES = {
  png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
  pdf: new TextEncoder().encode('%PDF-1.4\n%sandbox\n'),
  text: new TextEncoder().encode('just some text, not an image'),
  mp3: new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]),
  wav: new Uint8Array([
    ...new TextEncoder().encode('RIFF'),
    36,
    0,
    0,
    0,
    ...new TextEncoder().encode('WAVEfmt '),
  ]),
};

/** A document group of a person in Berlin: everything `groups/create` requires (without `user_id`). */
export const BERLIN_GROUP = {
  email: 'demo@example.com',
  salutation: 'MR',
  first_name: 'Demo',
  last_name: 'User',
  country: 'DE',
  city: 'Berlin',
  address: 'Torstraße 1, 10119 Berlin',
  zip_code: '10119',
  street: 'Torstraße',
  building_number: '1',
  phone: '4915112345678',
};
