/**
 * The registrar (RFC 3261 §10): bindings of an AOR to contacts, each reachable over the flow its
 * REGISTER came on (RFC 7118 §5, RFC 5626). Expires from the contact's parameter or the Expires header,
 * `*` with Expires 0 removes all, each binding expires on its own timer and goes with its flow.
 * `onChange` tells whether a login has at least one binding (the sandbox's Extension.online).
 */
import type { Flow } from './flow.js';
import {
  getHeader,
  parseContacts,
  responseTo,
  type NameAddr,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from './message.js';

export interface Binding {
  login: string;
  /** The Contact URI as the phone sent it (the Request-URI of what is forwarded to it). */
  uri: string;
  /** The whole Contact value, without our expires. */
  contact: string;
  flow: Flow;
  expiresAt: number;
  /** RFC 5626: a phone's instance and registration id identify its binding across contact changes. */
  instance: string | undefined;
  regId: string | undefined;
  timer: NodeJS.Timeout;
}

export interface RegistrarOptions {
  /** Shorter asked expiries are raised to this (Kamailio's min_expires). Default 10 s. */
  minExpiresSeconds?: number;
  maxExpiresSeconds?: number;
  /** A REGISTER without any expiry gets this. */
  defaultExpiresSeconds?: number;
  maxContactsPerAor?: number;
}

export class Registrar {
  private readonly bindingsByLogin = new Map<string, Binding[]>();
  private readonly min: number;
  private readonly max: number;
  private readonly fallback: number;
  private readonly maxContacts: number;

  constructor(
    private readonly onChange: (login: string, online: boolean) => void,
    options: RegistrarOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.min = options.minExpiresSeconds ?? 10;
    this.max = options.maxExpiresSeconds ?? 3600;
    this.fallback = options.defaultExpiresSeconds ?? 3600;
    this.maxContacts = options.maxContactsPerAor ?? 10;
  }

  /** Bindings held, all AORs together. */
  size(): number {
    let n = 0;
    for (const list of this.bindingsByLogin.values()) n += list.length;
    return n;
  }

  bindings(login: string): Binding[] {
    return [...(this.bindingsByLogin.get(login) ?? [])];
  }

  /** Handles an authenticated REGISTER of `login` (the caller checked that To is the login's AOR). */
  register(login: string, flow: Flow, request: SipRequest): SipResponse {
    const contacts = parseContacts(request);
    const expiresHeader = getHeader(request, 'Expires');
    if (contacts === undefined) return responseTo(request, 400, 'Bad Contact');
    const before = this.bindingsByLogin.get(login)?.length ?? 0;
    if (contacts === '*') {
      if (expiresHeader !== '0') return responseTo(request, 400, 'Contact * needs Expires 0');
      for (const b of this.bindings(login)) this.remove(b);
    } else {
      for (const contact of contacts) {
        const asked = contact.param('expires') ?? expiresHeader;
        const seconds = asked === undefined || asked === null ? this.fallback : Number(asked);
        if (!Number.isFinite(seconds)) return responseTo(request, 400, 'Bad expires');
        const existing = this.find(login, contact);
        if (seconds === 0) {
          if (existing) this.remove(existing);
          continue;
        }
        if (!existing && (this.bindingsByLogin.get(login)?.length ?? 0) >= this.maxContacts) {
          return responseTo(request, 503, 'Too many registered contacts');
        }
        this.bind(login, flow, contact, Math.min(this.max, Math.max(this.min, seconds)), existing);
      }
    }
    const after = this.bindingsByLogin.get(login)?.length ?? 0;
    if (before > 0 !== after > 0) this.onChange(login, after > 0);
    const now = this.now();
    const listed: SipHeader[] = this.bindings(login).map((b) => [
      'Contact',
      `${b.contact};expires=${Math.max(0, Math.round((b.expiresAt - now) / 1000))}`,
    ]);
    return responseTo(request, 200, 'OK', { headers: listed });
  }

  /** All bindings of a flow go when it closes. */
  dropFlow(flow: Flow): void {
    for (const [login, list] of this.bindingsByLogin) {
      const gone = list.filter((b) => b.flow === flow);
      if (gone.length === 0) continue;
      for (const b of gone) clearTimeout(b.timer);
      const kept = list.filter((b) => b.flow !== flow);
      if (kept.length) this.bindingsByLogin.set(login, kept);
      else {
        this.bindingsByLogin.delete(login);
        this.onChange(login, false);
      }
    }
  }

  clear(): void {
    for (const [login, list] of this.bindingsByLogin) {
      for (const b of list) clearTimeout(b.timer);
      this.onChange(login, false);
    }
    this.bindingsByLogin.clear();
  }

  private find(login: string, contact: NameAddr): Binding | undefined {
    const instance = contact.param('+sip.instance') ?? undefined;
    const regId = contact.param('reg-id') ?? undefined;
    return this.bindingsByLogin
      .get(login)
      ?.find((b) => (instance && b.instance === instance && b.regId === regId) || b.uri === contact.uri.text);
  }

  private bind(login: string, flow: Flow, contact: NameAddr, seconds: number, existing?: Binding): void {
    if (existing) this.remove(existing, false);
    const binding: Binding = {
      login,
      uri: contact.uri.text,
      contact: withoutExpires(contact.text),
      flow,
      expiresAt: this.now() + seconds * 1000,
      instance: contact.param('+sip.instance') ?? undefined,
      regId: contact.param('reg-id') ?? undefined,
      timer: setTimeout(() => {
        this.remove(binding);
      }, seconds * 1000),
    };
    binding.timer.unref();
    this.bindingsByLogin.set(login, [...(this.bindingsByLogin.get(login) ?? []), binding]);
  }

  private remove(binding: Binding, announce = true): void {
    clearTimeout(binding.timer);
    const list = (this.bindingsByLogin.get(binding.login) ?? []).filter((b) => b !== binding);
    if (list.length) this.bindingsByLogin.set(binding.login, list);
    else {
      this.bindingsByLogin.delete(binding.login);
      // (onChange is idempotent: a REGISTER that removed the last binding reports it once more.)
      if (announce) this.onChange(binding.login, false);
    }
  }
}

/** A Contact value without its expires parameter (outside the <>). */
function withoutExpires(contact: string): string {
  const close = contact.lastIndexOf('>');
  const head = close < 0 ? '' : contact.slice(0, close + 1);
  const params = close < 0 ? contact : contact.slice(close + 1);
  return head + params.replace(/;\s*expires\s*=\s*[^;]*/i, '');
}
