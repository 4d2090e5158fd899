import fc from 'fast-check';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { SCOPES } from './scopes.js';
import { MAX_TTL_SECONDS, mintSessionToken, verifySessionToken } from './tokens.js';

const SECRET = 'a-session-secret-of-at-least-32-bytes!!';
const key = new TextEncoder().encode(SECRET);

describe('session tokens', () => {
  it('round-trip whatever a partner may ask for', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String),
        fc.uniqueArray(fc.constantFrom(...SCOPES), { minLength: 1 }),
        fc.uniqueArray(fc.integer({ min: 100, max: 999 }).map(String), { maxLength: 3 }),
        fc.integer({ min: 1, max: MAX_TTL_SECONDS }),
        async (userId, scopes, sip, ttlSeconds) => {
          const { token, expiresAt } = await mintSessionToken(SECRET, { userId, scopes, sip, ttlSeconds });
          const session = await verifySessionToken(SECRET, token);
          expect(session).toMatchObject({ userId, scopes, sip });
          expect(session.expiresAt.toISOString()).toBe(expiresAt);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('gives every token its own id', async () => {
    const a = await mintSessionToken(SECRET, { userId: 1, scopes: ['events'] });
    const b = await mintSessionToken(SECRET, { userId: 1, scopes: ['events'] });
    const [sa, sb] = await Promise.all([
      verifySessionToken(SECRET, a.token),
      verifySessionToken(SECRET, b.token),
    ]);
    expect(sa.id).not.toBe(sb.id);
  });

  it('refuses other algorithms, issuers and audiences, and short secrets', async () => {
    const base = () => new SignJWT({ scp: ['events'] }).setSubject('1').setJti('x').setExpirationTime('5m');
    const hs512 = await base()
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer('zd-proxy')
      .setAudience('zd-elements')
      .sign(key);
    const otherIssuer = await base()
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone')
      .setAudience('zd-elements')
      .sign(key);
    const otherAudience = await base()
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('zd-proxy')
      .setAudience('other')
      .sign(key);
    const nonNumericUser = await base()
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('zd-proxy')
      .setAudience('zd-elements')
      .setSubject('admin')
      .sign(key);
    for (const token of [hs512, otherIssuer, otherAudience, nonNumericUser]) {
      await expect(verifySessionToken(SECRET, token)).rejects.toThrow(/not valid|malformed/);
    }
    await expect(mintSessionToken('short', { userId: 1, scopes: ['events'] })).rejects.toThrow(
      /at least 32 bytes/,
    );
  });

  it('says when a token has expired', async () => {
    const expired = await new SignJWT({ scp: ['events'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setJti('x')
      .setIssuer('zd-proxy')
      .setAudience('zd-elements')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(key);
    await expect(verifySessionToken(SECRET, expired)).rejects.toThrow('the session token has expired');
  });

  it('refuses a token that would live past 24 h or claims to come from the future, even with the real secret', async () => {
    const now = Math.floor(Date.now() / 1000);
    const signed = (claims: { iat?: number; exp: number; sip?: unknown }) => {
      const jwt = new SignJWT({ scp: ['events'], ...(claims.sip ? { sip: claims.sip } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setJti('x')
        .setIssuer('zd-proxy')
        .setAudience('zd-elements')
        .setExpirationTime(claims.exp);
      return (claims.iat === undefined ? jwt : jwt.setIssuedAt(claims.iat)).sign(key);
    };
    const tenYears = 10 * 365 * 24 * 3600;
    for (const [claims, message] of [
      [{ iat: now, exp: now + tenYears }, /lives longer than 86400 s/],
      [{ iat: now - 10, exp: now + MAX_TTL_SECONDS }, /lives longer/],
      [{ exp: now + 60 }, /issue time/],
      [{ iat: now + 3600, exp: now + 3700 }, /issue time/],
      [{ iat: now, exp: now + 60, sip: ['100', '12345'] }, /malformed/],
      [{ iat: now, exp: now + 60, sip: '100' }, /malformed/],
    ] as const) {
      await expect(verifySessionToken(SECRET, await signed(claims)), JSON.stringify(claims)).rejects.toThrow(
        message,
      );
    }
    const longest = await verifySessionToken(SECRET, await signed({ iat: now, exp: now + MAX_TTL_SECONDS }));
    expect(longest.expiresAt.getTime()).toBe((now + MAX_TTL_SECONDS) * 1000);
  });

  it.each([
    [{ userId: '1', scopes: ['events'], ttlSeconds: 0 }, /ttlSeconds/],
    [{ userId: '1', scopes: ['events'], ttlSeconds: MAX_TTL_SECONDS + 1 }, /ttlSeconds/],
    [{ userId: '1', scopes: ['events'], ttlSeconds: 1.5 }, /ttlSeconds/],
    [{ userId: '-1', scopes: ['events'] }, /userId/],
    [{ userId: '1', scopes: ['events'], sip: ['100; drop'] }, /sip/],
    [{ userId: '0', scopes: ['events'] }, /userId/],
    [{ userId: '0012', scopes: ['events'] }, /userId/],
  ])('refuses %j', async (request, message) => {
    await expect(mintSessionToken(SECRET, request)).rejects.toThrow(message);
  });
});
