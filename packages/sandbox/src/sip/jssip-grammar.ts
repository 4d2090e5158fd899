/**
 * JsSIP's SIP grammar and message parser (the same PEG grammar the browser softphone runs), behind
 * types: JsSIP ships these CommonJS modules untyped, so only this file touches their objects.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What JsSIP's URI and NameAddrHeader objects offer us (see jssip/lib/URI.d.ts). */
export interface JsSipUri {
  scheme: string;
  user: string | undefined;
  host: string;
  port: number | undefined;
  getParam(key: string): unknown;
  hasParam(key: string): boolean;
  toString(): string;
}

export interface JsSipNameAddr {
  uri: JsSipUri;
  display_name: string | undefined;
  getParam(key: string): unknown;
  hasParam(key: string): boolean;
  toString(): string;
}

export interface JsSipVia {
  protocol: string;
  transport: string;
  host: string;
  port?: number;
  branch?: string;
  params?: Record<string, string | null>;
}

export interface JsSipFirstLine {
  method?: string;
  uri?: JsSipUri;
  status_code?: number;
  reason_phrase?: string;
  sip_version?: string;
}

/** Elements of a comma-separated header (Contact, Route, Record-Route), as JsSIP reports them. */
export interface JsSipListElement {
  possition: number;
  offset: number;
  parsed: JsSipNameAddr;
}

interface GrammarModule {
  parse(input: string, rule: string): unknown;
}

interface ParserModule {
  parseMessage(data: string, ua: undefined): object | undefined;
}

const grammar = require('jssip/lib/Grammar.js') as GrammarModule;
const parser = require('jssip/lib/Parser.js') as ParserModule;

/**
 * Parses `value` by a rule of JsSIP's grammar; undefined when it does not match. JsSIP's generated
 * parser throws on a few inputs (e.g. Contact `*`), which count as no match too.
 */
export function parseRule<T>(value: string, rule: string): T | undefined {
  try {
    const result = grammar.parse(value, rule);
    return result === -1 || result === null || result === undefined ? undefined : (result as T);
  } catch {
    return undefined;
  }
}

/**
 * JsSIP's own whole-message check: first line and the headers it knows (Via, From, To, Call-ID, CSeq,
 * Contact, Record-Route, Content-Length, Max-Forwards, ...). An IncomingRequest only keeps the ua for
 * replying, never for parsing, so none is given.
 */
export function jssipAccepts(text: string): boolean {
  try {
    return parser.parseMessage(text, undefined) !== undefined;
  } catch {
    return false;
  }
}
