/**
 * SIP messages (RFC 3261 §7) as the gateway sees them: one WebSocket frame is one whole message
 * (RFC 7118 §5), parsed into our own types so nothing else touches JsSIP's untyped objects.
 *
 * Who does what: JsSIP's grammar (jssip-grammar.ts) decides whether the first line and the known
 * headers are well-formed and parses header values (Via, name-addr, URIs, Contact). Framing, header
 * order, compact forms, mandatory headers, single-valued headers, Content-Length and the size limit are
 * ours (tested with the RFC 4475 torture messages that apply, test/gateway/message.test.ts), as is
 * serialisation, which always recomputes Content-Length.
 */
import {
  jssipAccepts,
  parseRule,
  type JsSipFirstLine,
  type JsSipListElement,
  type JsSipNameAddr,
  type JsSipUri,
  type JsSipVia,
} from './jssip-grammar.js';

/** The largest message accepted (RFC 7118 sets none; a phone's INVITE with SDP is a few KB). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

export type SipHeader = [name: string, value: string];

interface SipMessageBase {
  /** In order, as received; compact names expanded (`v` → `Via`), values unfolded and trimmed. */
  headers: SipHeader[];
  body: string;
}

export interface SipRequest extends SipMessageBase {
  kind: 'request';
  method: string;
  uri: string;
}

export interface SipResponse extends SipMessageBase {
  kind: 'response';
  status: number;
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Why a message was refused; `status` is what a request gets answered (when it can be answered). */
export class SipParseError extends Error {
  override name = 'SipParseError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const COMPACT: Record<string, string> = {
  v: 'Via',
  f: 'From',
  t: 'To',
  i: 'Call-ID',
  m: 'Contact',
  l: 'Content-Length',
  c: 'Content-Type',
  k: 'Supported',
  s: 'Subject',
  e: 'Content-Encoding',
  o: 'Event',
  r: 'Refer-To',
  b: 'Referred-By',
  u: 'Allow-Events',
  x: 'Session-Expires',
};
const CANONICAL = new Map(
  [
    'Via',
    'From',
    'To',
    'Call-ID',
    'CSeq',
    'Contact',
    'Content-Length',
    'Content-Type',
    'Max-Forwards',
    'Route',
    'Record-Route',
    'Expires',
    'Authorization',
    'Proxy-Authorization',
    'WWW-Authenticate',
    'Proxy-Authenticate',
    'Supported',
    'Require',
    'Allow',
  ].map((n) => [n.toLowerCase(), n]),
);
/** Headers a message may carry once only (RFC 3261 §7.3.1: only lists may repeat). */
const SINGLE = ['From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards', 'Content-Length', 'Expires'];
/** Headers whose comma-separated elements are entries of their own. */
const LISTS = new Set(['via', 'route', 'record-route', 'contact']);
const MANDATORY_REQUEST = ['Via', 'From', 'To', 'Call-ID', 'CSeq', 'Max-Forwards'];
const MANDATORY_RESPONSE = ['Via', 'From', 'To', 'Call-ID', 'CSeq'];
const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

function headerName(raw: string): string {
  const lower = raw.toLowerCase();
  return COMPACT[lower] ?? CANONICAL.get(lower) ?? raw;
}

/** Splits at commas outside quotes and angle brackets (the elements of a list header). */
export function splitList(value: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (ch === ',' && depth === 0) {
      parts.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(value.slice(start).trim());
  return parts.filter((p) => p !== '');
}

/** The head's lines with continuation lines (starting with SP or HTAB) folded into the previous one. */
function unfold(head: string): string[] {
  const lines: string[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && lines.length > 0) lines[lines.length - 1] += `\r\n${line}`;
    else lines.push(line);
  }
  return lines;
}

/** Parses one message; throws SipParseError saying what is wrong. */
export function parseSipMessage(text: string): SipMessage {
  if (Buffer.byteLength(text) > MAX_MESSAGE_BYTES)
    throw new SipParseError(`message larger than ${MAX_MESSAGE_BYTES} bytes`, 513);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new SipParseError('no empty line after the headers');
  const [firstLine = '', ...headerLines] = unfold(text.slice(0, end));
  const first = parseRule<JsSipFirstLine>(firstLine, 'Request_Response');
  if (!first) throw new SipParseError('malformed first line');
  if (first.sip_version?.toUpperCase() !== 'SIP/2.0') throw new SipParseError('Version Not Supported', 505);
  const headers: SipHeader[] = [];
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const rawName = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!TOKEN.test(rawName)) throw new SipParseError('malformed header line');
    const name = headerName(rawName);
    // Folding is only whitespace: collapse it so values are one line when forwarded (RFC 3261 §7.3.1).
    const value = line
      .slice(colon + 1)
      .replace(/\r\n[ \t]+/g, ' ')
      .trim();
    if (LISTS.has(name.toLowerCase()) && value !== '*') {
      for (const element of splitList(value)) headers.push([name, element]);
    } else headers.push([name, value]);
  }
  const rawBody = text.slice(end + 4);
  const message: SipMessage =
    first.status_code !== undefined
      ? {
          kind: 'response',
          status: first.status_code,
          reason: first.reason_phrase ?? '',
          headers,
          body: rawBody,
        }
      : {
          kind: 'request',
          method: first.method ?? '',
          uri: firstLine.split(' ')[1] ?? '',
          headers,
          body: rawBody,
        };
  check(message, text);
  return message;
}

function check(message: SipMessage, text: string): void {
  const names = new Map<string, number>();
  for (const [name] of message.headers)
    names.set(name.toLowerCase(), (names.get(name.toLowerCase()) ?? 0) + 1);
  const mandatory = message.kind === 'request' ? MANDATORY_REQUEST : MANDATORY_RESPONSE;
  for (const name of mandatory) {
    if (!names.has(name.toLowerCase())) throw new SipParseError(`missing ${name}`);
  }
  for (const name of SINGLE) {
    if ((names.get(name.toLowerCase()) ?? 0) > 1) throw new SipParseError(`more than one ${name}`);
  }
  for (const via of getHeaders(message, 'Via')) {
    if (!parseVia(via)) throw new SipParseError('malformed Via');
  }
  for (const name of ['From', 'To']) {
    if (!parseRule<JsSipNameAddr>(getHeader(message, name) ?? '', name))
      throw new SipParseError(`malformed ${name}`);
  }
  const cseq = parseCSeq(getHeader(message, 'CSeq') ?? '');
  if (!cseq) throw new SipParseError('malformed CSeq');
  if (message.kind === 'request' && cseq.method !== message.method)
    throw new SipParseError('CSeq method does not match the request');
  const maxForwards = getHeader(message, 'Max-Forwards');
  if (maxForwards !== undefined && !/^\d{1,10}$/.test(maxForwards))
    throw new SipParseError('malformed Max-Forwards');
  if (message.kind === 'request') {
    for (const name of ['Route', 'Record-Route']) {
      for (const value of getHeaders(message, name)) {
        if (!parseNameAddr(value)) throw new SipParseError(`malformed ${name}`);
      }
    }
    if (parseContacts(message) === undefined) throw new SipParseError('malformed Contact');
    const expires = getHeader(message, 'Expires');
    if (expires !== undefined && !/^\d{1,10}$/.test(expires)) throw new SipParseError('malformed Expires');
  }
  // Content-Length: optional over WebSocket (the frame delimits the message); when given it must
  // not promise more than arrived, and bytes beyond it are discarded (RFC 3261 §18.3).
  const length = getHeader(message, 'Content-Length');
  if (length !== undefined) {
    if (!/^\d{1,10}$/.test(length)) throw new SipParseError('malformed Content-Length');
    const bytes = Buffer.from(message.body);
    if (Number(length) > bytes.length) throw new SipParseError('Content-Length larger than the body');
    message.body = bytes.subarray(0, Number(length)).toString();
  }
  // JsSIP's Contact rule throws on REGISTER's `Contact: *` (checked above): leave that line out.
  if (!jssipAccepts(text.replace(/\r\n(?:contact|m)[ \t]*:[ \t]*\*[ \t]*(?=\r\n)/gi, '')))
    throw new SipParseError('malformed header');
}

/** All values of a header (case-insensitive name), in order. */
export function getHeaders(message: SipMessage, name: string): string[] {
  const lower = name.toLowerCase();
  return message.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

export function getHeader(message: SipMessage, name: string): string | undefined {
  return getHeaders(message, name)[0];
}

/** A copy without the named headers. */
export function withoutHeaders(headers: SipHeader[], ...names: string[]): SipHeader[] {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return headers.filter(([n]) => !drop.has(n.toLowerCase()));
}

/** The text of a message; Content-Length is always the body's length in bytes. */
export function serializeSipMessage(message: SipMessage): string {
  const firstLine =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0`
      : `SIP/2.0 ${message.status} ${message.reason}`;
  const lines = [firstLine];
  for (const [name, value] of withoutHeaders(message.headers, 'Content-Length'))
    lines.push(`${name}: ${value}`);
  lines.push(`Content-Length: ${Buffer.byteLength(message.body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}

// ---- Header values ----

export interface SipUri {
  scheme: string;
  user: string | undefined;
  host: string;
  port: number | undefined;
  param(name: string): string | null | undefined;
  text: string;
}

function uriOf(uri: JsSipUri): SipUri {
  return {
    scheme: uri.scheme,
    user: uri.user,
    host: uri.host.toLowerCase(),
    port: uri.port,
    param: (name) => {
      if (!uri.hasParam(name)) return undefined;
      const v = uri.getParam(name);
      return v === null || v === undefined ? null : String(v);
    },
    text: uri.toString(),
  };
}

export function parseUri(value: string): SipUri | undefined {
  const uri = parseRule<JsSipUri>(value, 'SIP_URI');
  return uri ? uriOf(uri) : undefined;
}

export interface NameAddr {
  display: string | undefined;
  uri: SipUri;
  param(name: string): string | null | undefined;
  /** The value as received. */
  text: string;
}

/** A From, To, Contact, Route or Record-Route value. */
export function parseNameAddr(value: string): NameAddr | undefined {
  // JsSIP's From rule is name-addr or addr-spec with parameters: right for To, Contact and Route too.
  const parsed = parseRule<JsSipNameAddr>(value, 'From');
  if (!parsed) return undefined;
  return {
    display: parsed.display_name,
    uri: uriOf(parsed.uri),
    param: (name) => {
      if (!parsed.hasParam(name)) return undefined;
      const v = parsed.getParam(name);
      return v === null || v === undefined ? null : String(v);
    },
    text: value,
  };
}

/** The Contacts of a request: `'*'` (REGISTER's remove-all), a list (maybe empty), undefined if malformed. */
export function parseContacts(message: SipMessage): '*' | NameAddr[] | undefined {
  const values = getHeaders(message, 'Contact');
  if (values.length === 1 && values[0] === '*') return '*';
  const contacts: NameAddr[] = [];
  for (const value of values) {
    const list = parseRule<JsSipListElement[]>(value, 'Contact');
    if (!list || list.length !== 1) return undefined;
    const parsed = parseNameAddr(value);
    if (!parsed) return undefined;
    contacts.push(parsed);
  }
  return contacts;
}

export interface Via {
  transport: string;
  host: string;
  port: number | undefined;
  branch: string | undefined;
}

export function parseVia(value: string): Via | undefined {
  const via = parseRule<JsSipVia>(value, 'Via');
  if (!via) return undefined;
  return { transport: via.transport, host: via.host, port: via.port, branch: via.branch };
}

export function parseCSeq(value: string): { seq: number; method: string } | undefined {
  const match = /^(\d{1,10})\s+([A-Za-z0-9\-.!%*_+`'~]+)$/.exec(value);
  if (!match || Number(match[1]) > 2 ** 31 - 1) return undefined;
  return { seq: Number(match[1]), method: match[2] ?? '' };
}

/** The tag parameter of a From or To value. */
export function tagOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const tag = parseNameAddr(value)?.param('tag');
  return tag ?? undefined;
}

/** The branch of the topmost Via. */
export function topBranch(message: SipMessage): string | undefined {
  return parseVia(getHeader(message, 'Via') ?? '')?.branch;
}

export function cseqOf(message: SipMessage): { seq: number; method: string } {
  return parseCSeq(getHeader(message, 'CSeq') ?? '') ?? { seq: 0, method: '' };
}

/** A response to a request: Via, From, To, Call-ID and CSeq copied (RFC 3261 §8.2.6). */
export function responseTo(
  request: SipRequest,
  status: number,
  reason: string,
  options: { toTag?: string; headers?: SipHeader[]; body?: string } = {},
): SipResponse {
  const copied = request.headers.filter(([n]) =>
    ['via', 'from', 'call-id', 'cseq', 'record-route'].includes(n.toLowerCase()),
  );
  // Record-Route is copied into 2xx and 18x only (RFC 3261 §12.1.1); a refusal needs none.
  const headers = copied.filter(
    ([n]) => n.toLowerCase() !== 'record-route' || (status > 100 && status < 300),
  );
  let to = getHeader(request, 'To') ?? '';
  if (options.toTag && status > 100 && !tagOf(to)) to = `${to};tag=${options.toTag}`;
  const fromIndex = headers.findIndex(([n]) => n.toLowerCase() === 'from');
  headers.splice(fromIndex + 1, 0, ['To', to]);
  return {
    kind: 'response',
    status,
    reason,
    headers: [...headers, ...(options.headers ?? [])],
    body: options.body ?? '',
  };
}

/**
 * A CANCEL of an INVITE, or the ACK of its failure: the INVITE's Via (same branch), Route, From,
 * Call-ID and CSeq number, with `to` (the failure's, with its tag, for an ACK) — RFC 3261 §9.1, §17.1.1.3.
 */
export function sameTransactionRequest(
  method: 'CANCEL' | 'ACK',
  invite: SipRequest,
  to?: string,
): SipRequest {
  const headers: SipHeader[] = [
    ['Via', getHeader(invite, 'Via') ?? ''],
    ...getHeaders(invite, 'Route').map((v): SipHeader => ['Route', v]),
    ['Max-Forwards', '70'],
    ['From', getHeader(invite, 'From') ?? ''],
    ['To', to ?? getHeader(invite, 'To') ?? ''],
    ['Call-ID', getHeader(invite, 'Call-ID') ?? ''],
    ['CSeq', `${cseqOf(invite).seq} ${method}`],
  ];
  return { kind: 'request', method, uri: invite.uri, headers, body: '' };
}
