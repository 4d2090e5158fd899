/** Digest checks of the gateway (RFC 2617 MD5, qop=auth), answered by the test client's own digest code. */
import { describe, expect, it } from 'vitest';
import { DigestAuthenticator, NONCE_LIFETIME_MS, parseDigestCredentials } from '../../src/sip/digest.js';
import { digestAnswer } from '../../test-support/sip-message.js';

const REALM = 'pbx.sandbox.test';

function setup() {
  let now = 1_000_000;
  const passwords: Record<string, string> = { '1-100': 'Secret1Pass' };
  const auth = new DigestAuthenticator(
    REALM,
    (login) => passwords[login],
    () => now,
  );
  return { auth, passwords, advance: (ms: number) => (now += ms) };
}

const answer = (
  challenge: string,
  username: string,
  password: string,
  method = 'REGISTER',
  uri = `sip:${REALM}`,
) => digestAnswer(challenge, { username, password }, method, uri);

describe('digest', () => {
  it('parses credentials with quoted and bare values, and refuses what is not Digest', () => {
    const p = parseDigestCredentials(
      'Digest username="1-100", realm="a,b", nc=00000001, qop=auth, uri="sip:x"',
    );
    expect(p?.get('username')).toBe('1-100');
    expect(p?.get('realm')).toBe('a,b');
    expect(p?.get('nc')).toBe('00000001');
    expect(parseDigestCredentials('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(parseDigestCredentials('Digest username="unterminated')).toBeUndefined();
  });

  it('accepts the right password (qop=auth), refuses a wrong one and an unknown login', () => {
    const { auth } = setup();
    const challenge = auth.challenge();
    expect(challenge).toMatch(
      /^Digest realm="pbx\.sandbox\.test", nonce="[^"]+", qop="auth", algorithm=MD5$/,
    );
    expect(auth.verify('REGISTER', [answer(challenge, '1-100', 'Secret1Pass')])).toEqual({
      ok: true,
      login: '1-100',
    });
    expect(auth.verify('REGISTER', [answer(challenge, '1-100', 'Wrong1Pass')])).toEqual({
      ok: false,
      problem: 'wrong-password',
    });
    expect(auth.verify('REGISTER', [answer(challenge, '1-999', 'Secret1Pass')])).toEqual({
      ok: false,
      problem: 'unknown-login',
    });
    // The method is part of the hash: a REGISTER's answer does not authorise an INVITE.
    expect(auth.verify('INVITE', [answer(challenge, '1-100', 'Secret1Pass')]).ok).toBe(false);
  });

  it('uses the current password at every check', () => {
    const { auth, passwords } = setup();
    const challenge = auth.challenge();
    passwords['1-100'] = 'Changed1Pass';
    expect(auth.verify('REGISTER', [answer(challenge, '1-100', 'Secret1Pass')]).ok).toBe(false);
    expect(auth.verify('REGISTER', [answer(challenge, '1-100', 'Changed1Pass')]).ok).toBe(true);
  });

  it('calls an old or foreign nonce stale, and other realms missing', () => {
    const { auth, advance } = setup();
    const challenge = auth.challenge();
    advance(NONCE_LIFETIME_MS + 1);
    expect(auth.verify('REGISTER', [answer(challenge, '1-100', 'Secret1Pass')])).toEqual({
      ok: false,
      problem: 'stale',
    });
    expect(auth.challenge(true)).toContain('stale=true');
    const other = new DigestAuthenticator(REALM, () => 'Secret1Pass');
    expect(auth.verify('REGISTER', [answer(other.challenge(), '1-100', 'Secret1Pass')]).ok).toBe(false);
    const elsewhere = answer(auth.challenge(), '1-100', 'Secret1Pass').replace(REALM, 'example.com');
    expect(auth.verify('REGISTER', [elsewhere])).toEqual({ ok: false, problem: 'missing' });
    expect(auth.verify('REGISTER', [])).toEqual({ ok: false, problem: 'missing' });
  });
});
