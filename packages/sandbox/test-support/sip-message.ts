/**
 * Just enough SIP (RFC 3261) text handling for the raw test client: build a message, parse one
 * WebSocket frame (one whole message, RFC 7118), answer a digest challenge (RFC 2617, MD5, qop=auth
 * or none). The tests and the bench use it to drive servers faster and more precisely than a full UA.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface SipMessage {
  /** `INVITE` etc. for a request; undefined for a response. */
  method?: string;
  uri?: string;
  status?: number;
  reason?: string;
  /** Lower-case names; a header that came several times (or comma-joined Via/Route) keeps its order. */
  headers: Map<string, string[]>;
  body: string;
}

const COMPACT: Record<string, string> = {
  v: 'via',
  f: 'from',
  t: 'to',
  i: 'call-id',
  m: 'contact',
  l: 'content-length',
  c: 'content-type',
  k: 'supported',
};
/** Headers whose comma-separated values are separate entries (others, e.g. WWW-Authenticate, are not). */
const LISTS = new Set(['via', 'route', 'record-route']);

export function parseSip(text: string): SipMessage {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const body = split < 0 ? '' : text.slice(split + 4);
  const [first = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 1) continue;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    const value = line.slice(colon + 1).trim();
    const values = LISTS.has(name) ? value.split(/,(?=\s*(?:<|SIP\/))/i).map((v) => v.trim()) : [value];
    headers.set(name, [...(headers.get(name) ?? []), ...values]);
  }
  const status = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(first);
  if (status) return { status: Number(status[1]), reason: status[2], headers, body };
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(first);
  if (!request) throw new Error(`not a SIP message: ${first.slice(0, 60)}`);
  return { method: request[1], uri: request[2], headers, body };
}

export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name)?.[0];
}

/** Builds a message; Content-Length is computed, other headers go in the order given. */
export function buildSip(firstLine: string, headers: [string, string][], body = ''): string {
  const lines = [firstLine, ...headers.map(([n, v]) => `${n}: ${v}`)];
  lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

export const randomToken = (bytes = 8) => randomBytes(bytes).toString('hex');
export const newBranch = () => `z9hG4bK${randomToken()}`;

/** A URI inside a name-addr (`"x" <sip:a@b>;tag=1` → `sip:a@b`). */
export function uriOf(nameAddr: string): string {
  return /<([^>]+)>/.exec(nameAddr)?.[1] ?? nameAddr.split(';')[0]?.trim() ?? '';
}

export function tagOf(nameAddr: string): string | undefined {
  return /;\s*tag=([^;>\s]+)/i.exec(nameAddr.replace(/<[^>]*>/, ''))?.[1];
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function challengeParams(challenge: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of challenge.replace(/^Digest\s+/i, '').matchAll(/(\w+)=("([^"]*)"|[^,\s]+)/g)) {
    if (m[1]) params.set(m[1].toLowerCase(), m[3] ?? m[2] ?? '');
  }
  return params;
}

/** The Authorization (or Proxy-Authorization) value that answers a Digest challenge. */
export function digestAnswer(
  challenge: string,
  credentials: { username: string; password: string },
  method: string,
  uri: string,
): string {
  const p = challengeParams(challenge);
  const realm = p.get('realm') ?? '';
  const nonce = p.get('nonce') ?? '';
  const ha1 = md5(`${credentials.username}:${realm}:${credentials.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const qop = p
    .get('qop')
    ?.split(',')
    .map((q) => q.trim())
    .includes('auth');
  const fields = [
    `username="${credentials.username}"`,
    `realm="${realm}"`,
    `nonce="${nonce}"`,
    `uri="${uri}"`,
  ];
  if (qop) {
    const cnonce = randomToken();
    const nc = '00000001';
    fields.push(
      `response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`,
      'qop=auth',
      `nc=${nc}`,
      `cnonce="${cnonce}"`,
    );
  } else {
    fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  fields.push('algorithm=MD5');
  const opaque = p.get('opaque');
  if (opaque !== undefined) fields.push(`opaque="${opaque}"`);
  return `Digest ${fields.join(', ')}`;
}

/** A minimal valid audio offer/answer (PCMU), for signalling-only calls; no media flows. */
export function audioSdp(sessionId = Date.now()): string {
  return [
    'v=0',
    `o=- ${sessionId} 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 RTP/AVP 0',
    'a=rtpmap:0 PCMU/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');
}
