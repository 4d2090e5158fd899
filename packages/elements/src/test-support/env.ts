/**
 * For the browser tests: where the real proxy and sandbox run (web-test-runner.config.mjs starts them),
 * tokens with chosen scopes, fault injection and resets of the sandbox, and a recorder of every request
 * the page sends.
 */

export interface ZdTestEnv {
  proxy: string;
  sessionUrl: string;
  demoUserId: number;
  /** The sandbox's key and secret and the proxy's session secret: no request from the page may carry them. */
  secrets: string[];
}

let env: Promise<ZdTestEnv> | undefined;

export function zdEnv(): Promise<ZdTestEnv> {
  env ??= fetch('/__zd/env').then((r) => r.json() as Promise<ZdTestEnv>);
  return env;
}

async function sandbox(method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await fetch(`/__zd/sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!answer.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${answer.status} ${await answer.text()}`);
  return answer.json();
}

/** Fresh state, no faults, rate limits cleared. */
export async function resetSandbox(): Promise<void> {
  await sandbox('POST', '/reset');
}

export interface FaultRule {
  latencyMs?: number;
  status?: number;
  malformedJson?: boolean;
  connectionReset?: boolean;
  phase?: 'before' | 'after';
  count?: number;
  pathPrefix?: string;
  method?: string;
}

export async function addFault(rule: FaultRule): Promise<void> {
  await sandbox('POST', '/faults', rule);
}

export async function clearFaults(): Promise<void> {
  await sandbox('DELETE', '/faults');
}

export interface SandboxUser {
  id: number;
  balance: number;
  currency: string;
  orders: number;
  numbers: { number: string; directionId: number; status: string; documentsGroupId: number }[];
  groups: {
    id: number;
    files: { type: string; name: string; size: number; mime: string; status: string }[];
  }[];
}

export function sandboxUser(id: number): Promise<SandboxUser> {
  return sandbox('GET', `/users/${id}`) as Promise<SandboxUser>;
}

/** The verifier accepts a group's pending documents (or, with `address`, its address instead). */
export async function verifyGroup(
  userId: number,
  groupId: number,
  what: 'documents' | 'address' = 'documents',
): Promise<void> {
  await sandbox('POST', `/users/${userId}/groups/${groupId}/verify`, { address: what === 'address' });
}

/** The verifier refuses a group's documents (of one type) or its address, with a reason. */
export async function rejectGroup(
  userId: number,
  groupId: number,
  verdict: { documentType?: string; message?: string; address?: boolean },
): Promise<void> {
  await sandbox('POST', `/users/${userId}/groups/${groupId}/reject`, verdict);
}

/** A session token for the demo user with these scopes (as a partner backend would mint it). */
export async function mintToken(
  scopes: string[],
  ttlSeconds = 900,
): Promise<{ token: string; expiresAt: string }> {
  const answer = await fetch('/__zd/token', { method: 'POST', body: JSON.stringify({ scopes, ttlSeconds }) });
  return answer.json() as Promise<{ token: string; expiresAt: string }>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  status?: number;
  /** The request's AbortSignal (aborted when the element gave the request up). */
  signal: AbortSignal;
}

/** What a request body says, as text: form fields as `name=value`, files as `name=<file name, size>`. */
async function bodyText(body: unknown): Promise<string> {
  if (body instanceof FormData) {
    return [...body.entries()]
      .map(([name, value]) =>
        typeof value === 'string' ? `${name}=${value}` : `${name}=<${value.name}, ${value.size}>`,
      )
      .join('&');
  }
  if (body instanceof Blob) return `<blob, ${body.size}>`;
  return body === undefined || body === null ? '' : String(body);
}

/** Records every `fetch` and `XMLHttpRequest` of the page (URL, headers, body, status) until `stop()`. */
export function recordRequests(): { requests: RecordedRequest[]; stop(): void } {
  const original = window.fetch;
  const requests: RecordedRequest[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const entry: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body: request.body ? await request.clone().text() : '',
      signal: init?.signal ?? request.signal,
    };
    requests.push(entry);
    const response = await original(input, init);
    entry.status = response.status;
    return response;
  };
  const xhr = XMLHttpRequest.prototype;
  const { open, setRequestHeader, send } = xhr;
  const entries = new WeakMap<XMLHttpRequest, RecordedRequest>();
  xhr.open = function (this: XMLHttpRequest, method: string, url: string | URL) {
    const controller = new AbortController();
    const entry: RecordedRequest = {
      method,
      url: new URL(url, location.href).href,
      headers: {},
      body: '',
      signal: controller.signal,
    };
    entries.set(this, entry);
    this.addEventListener('abort', () => controller.abort());
    this.addEventListener('loadend', () => (entry.status = this.status));
    open.call(this, method, url, true);
  } as typeof xhr.open;
  xhr.setRequestHeader = function (this: XMLHttpRequest, name: string, value: string) {
    const entry = entries.get(this);
    if (entry) entry.headers[name.toLowerCase()] = value;
    setRequestHeader.call(this, name, value);
  };
  xhr.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const entry = entries.get(this);
    if (entry) {
      requests.push(entry);
      void bodyText(body).then((text) => (entry.body = text));
    }
    send.call(this, body);
  };
  return {
    requests,
    stop: () => {
      window.fetch = original;
      Object.assign(xhr, { open, setRequestHeader, send });
    },
  };
}

/** Waits until `check` returns a truthy value (polling), or fails with `what`. */
export async function waitFor<T>(
  check: () => T | undefined | null | false,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
