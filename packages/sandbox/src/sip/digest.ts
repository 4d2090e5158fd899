/**
 * Digest authentication of SIP requests (RFC 3261 §22 with RFC 2617's MD5 and qop=auth: what JsSIP
 * and most phones send). Nonces are stateless — a timestamp and its HMAC under a key of this gateway —
 * so nothing is stored per challenge; a nonce older than 5 minutes gets a fresh challenge with
 * `stale=true`. The password is looked up at every check, so a changed one applies at once. There is
 * no lock-out: a wrong password costs only its own request (the transport's flood limit stops abuse).
 * Nonce counts are not tracked, so credentials could be replayed within a nonce's 5 minutes: accepted
 * for a loopback sandbox, where whoever can capture them can read the state file too.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const NONCE_LIFETIME_MS = 5 * 60_000;

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** `Digest a=b, c="d"` → its parameters (names lower-cased); undefined when it is not Digest. */
export function parseDigestCredentials(value: string): Map<string, string> | undefined {
  const match = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!match) return undefined;
  const params = new Map<string, string>();
  const text = match[1] ?? '';
  const pattern = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]*))\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = pattern.exec(text)) !== null) {
    if (m[0] === '') break;
    params.set((m[1] ?? '').toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? ''));
    end = pattern.lastIndex;
  }
  return end === text.length && params.size > 0 ? params : undefined;
}

export type DigestResult =
  | { ok: true; login: string }
  | { ok: false; problem: 'missing' | 'stale' | 'unknown-login' | 'wrong-password' };

export class DigestAuthenticator {
  private readonly key = randomBytes(32);

  constructor(
    readonly realm: string,
    private readonly passwordOf: (login: string) => string | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  private sign(stamp: string): string {
    return createHmac('sha256', this.key).update(stamp).digest('hex').slice(0, 32);
  }

  nonce(): string {
    const stamp = this.now().toString(36);
    return `${stamp}.${this.sign(stamp)}`;
  }

  /** A WWW-Authenticate / Proxy-Authenticate value. */
  challenge(stale = false): string {
    return `Digest realm="${this.realm}", nonce="${this.nonce()}", qop="auth", algorithm=MD5${stale ? ', stale=true' : ''}`;
  }

  /** 'fresh', 'stale' (ours but old, or from before a key change), or 'forged'. */
  private nonceState(nonce: string): 'fresh' | 'stale' {
    const [stamp = '', mac = ''] = nonce.split('.');
    const expected = Buffer.from(this.sign(stamp));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'stale';
    const issued = parseInt(stamp, 36);
    const age = this.now() - issued;
    return Number.isFinite(issued) && age >= 0 && age <= NONCE_LIFETIME_MS ? 'fresh' : 'stale';
  }

  /** Checks the credentials a request carries in `header` (Authorization or Proxy-Authorization). */
  verify(method: string, credentials: string[]): DigestResult {
    const params = credentials
      .map(parseDigestCredentials)
      .find((p) => p !== undefined && p.get('realm') === this.realm);
    if (!params) return { ok: false, problem: 'missing' };
    const login = params.get('username') ?? '';
    const password = this.passwordOf(login);
    if (password === undefined) return { ok: false, problem: 'unknown-login' };
    const nonce = params.get('nonce') ?? '';
    if (this.nonceState(nonce) !== 'fresh') return { ok: false, problem: 'stale' };
    const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
    if (algorithm !== 'MD5') return { ok: false, problem: 'missing' };
    const ha1 = md5(`${login}:${this.realm}:${password}`);
    const ha2 = md5(`${method}:${params.get('uri') ?? ''}`);
    const qop = params.get('qop');
    const expected =
      qop === undefined
        ? md5(`${ha1}:${nonce}:${ha2}`)
        : qop === 'auth'
          ? md5(`${ha1}:${nonce}:${params.get('nc') ?? ''}:${params.get('cnonce') ?? ''}:auth:${ha2}`)
          : undefined;
    const given = Buffer.from((params.get('response') ?? '').toLowerCase());
    const ok =
      expected !== undefined &&
      given.length === expected.length &&
      timingSafeEqual(given, Buffer.from(expected));
    return ok ? { ok: true, login } : { ok: false, problem: 'wrong-password' };
  }
}
