import { describe, expect, it } from 'vitest';
import { DEFAULT_TTL_SECONDS, likelyField, normalizeSessionRequest, SessionRequestError } from './request.js';

const valid = { userId: 12345, scopes: ['numbers:read'] };

function refusal(request: unknown, names?: Parameters<typeof normalizeSessionRequest>[1]) {
  try {
    normalizeSessionRequest(request, names);
  } catch (error) {
    if (error instanceof SessionRequestError) return { message: error.message, field: error.field };
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(request)}`);
}

describe('session requests', () => {
  it('takes the four fields, with defaults for the optional ones', () => {
    expect(normalizeSessionRequest(valid)).toEqual({
      userId: '12345',
      scopes: ['numbers:read'],
      sip: [],
      ttlSeconds: DEFAULT_TTL_SECONDS,
    });
    expect(
      normalizeSessionRequest({ userId: '7', scopes: ['events', 'events'], sip: 100, ttlSeconds: 60 }),
    ).toEqual({ userId: '7', scopes: ['events'], sip: ['100'], ttlSeconds: 60 });
    // `undefined` is absent (what an optional flag left out gives); JSON has no such value.
    expect(normalizeSessionRequest({ ...valid, sip: undefined, ttlSeconds: undefined }).ttlSeconds).toBe(900);
  });

  it('refuses unknown fields by name, with the field most likely meant', () => {
    expect(refusal({ ...valid, ttl: 5 })).toEqual({
      field: 'ttl',
      message:
        'unknown field: ttl (did you mean ttlSeconds?); the fields are userId, scopes, sip, ttlSeconds',
    });
    const two = refusal({ ...valid, user_id: 1, colour: 'red' });
    expect(two.field).toBe('user_id');
    expect(two.message).toMatch(/^unknown fields: user_id \(did you mean userId\?\), colour;/);
  });

  it.each([
    [{ userId: true, scopes: ['events'] }, 'userId'],
    [{ userId: [1], scopes: ['events'] }, 'userId'],
    [{ userId: 1.5, scopes: ['events'] }, 'userId'],
    [{ userId: null, scopes: ['events'] }, 'userId'],
    [{ scopes: ['events'] }, 'userId'],
    [{ userId: 1, scopes: 'events' }, 'scopes'],
    [{ userId: 1, scopes: [1] }, 'scopes'],
    [{ userId: 1, scopes: [] }, 'scopes'],
    [{ userId: 1, scopes: ['admin'] }, 'scopes'],
    [{ userId: 1, scopes: ['events'], sip: [[100]] }, 'sip'],
    [{ userId: 1, scopes: ['events'], sip: { ext: 100 } }, 'sip'],
    [{ userId: 1, scopes: ['events'], sip: null }, 'sip'],
    [{ userId: 0, scopes: ['events'] }, 'userId'],
    [{ userId: -5, scopes: ['events'] }, 'userId'],
    [{ userId: '007', scopes: ['events'] }, 'userId'],
    [{ userId: 1e21, scopes: ['events'] }, 'userId'],
    [{ userId: '9'.repeat(30), scopes: ['events'] }, 'userId'],
    [{ userId: 1, scopes: ['events'], sip: ['1000'] }, 'sip'],
    [{ userId: 1, scopes: ['events'], sip: ['99'] }, 'sip'],
    [{ userId: 1, scopes: ['events'], sip: ['012'] }, 'sip'],
    [{ userId: 1, scopes: ['events'], sip: Array.from({ length: 11 }, (_, i) => 100 + i) }, 'sip'],
    [{ userId: 1, scopes: ['events'], ttlSeconds: '60' }, 'ttlSeconds'],
    [{ userId: 1, scopes: ['events'], ttlSeconds: null }, 'ttlSeconds'],
    [{ userId: 1, scopes: ['events'], ttlSeconds: 0 }, 'ttlSeconds'],
    [{ userId: 1, scopes: ['events'], ttlSeconds: 86_401 }, 'ttlSeconds'],
  ])('refuses %j, naming %s', (request, field) => {
    const { message, field: named } = refusal(request);
    expect(named).toBe(field);
    expect(message.startsWith(field) || message.startsWith('unknown scope')).toBe(true);
  });

  it('refuses what is not an object', () => {
    for (const value of [null, [], 'userId=1', 42]) {
      expect(refusal(value).message).toMatch(/^expected an object \{userId, scopes, sip\?, ttlSeconds\?\}/);
    }
  });

  it('names the fields as the caller calls them, and says the lifetime is in seconds', () => {
    const flags = { userId: '--user', scopes: '--scopes', sip: '--sip', ttlSeconds: '--ttl' };
    expect(refusal({ ...valid, ttlSeconds: '5m' }, flags)).toEqual({
      field: 'ttlSeconds',
      message: '--ttl must be a whole number of seconds from 1 to 86400',
    });
    expect(refusal({ ...valid, userId: 'me' }, flags).message).toMatch(/^--user /);
  });

  it('guesses the meant field only from a clear likeness', () => {
    expect(likelyField('TTL_seconds', ['userId', 'ttlSeconds'])).toBe('ttlSeconds');
    expect(likelyField('user', ['userId', 'ttlSeconds'])).toBe('userId');
    expect(likelyField('s', ['scopes', 'sip'])).toBeUndefined();
    expect(likelyField('colour', ['scopes', 'sip'])).toBeUndefined();
  });
});
