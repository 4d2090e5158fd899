/**
 * A bounded abuse run (issue 10): zd-proxy as a process in front of the sandbox, under forged
 * notifications at a high rate, a thousand stream attempts with one token, a stalled reader under a
 * flood, and malformed bodies of every kind. Each part takes a few seconds and asserts outcomes —
 * delivered, refused, memory bounded — not tight timings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EventReader,
  forgedSignature,
  notification,
  postWebhook,
  rawConnection,
  residentBytes,
  startRig,
  troubleInLog,
  type Rig,
} from './attack-support.js';
import { ADMIN_TOKEN } from './harness.js';

const MiB = 1024 * 1024;

/** Runs `task` for indexes 0..count-1, at most `concurrency` at a time. */
async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

describe('a bounded abuse run against zd-proxy', () => {
  let rig: Rig;
  let url: string;
  beforeAll(async () => {
    rig = await startRig({ ZD_LOG_LEVEL: 'info' });
    url = rig.proxy.url;
  });
  afterAll(() => rig?.stop());

  it('forged notifications at a high rate: a real one still arrives within a second', async () => {
    const user = rig.demoUser;
    const events = await EventReader.open(url, await rig.mint({ userId: user, scopes: ['events'] }));
    const before = rig.upstreamCalls('reseller.users.api_key.get');

    // 1,000 forged posts, 32 at a time, to made-up users (whose failed lookups once shut out real ones);
    // the real notification goes in when 100 of them are through.
    let done = 0;
    let realSent: () => void = () => {};
    const midway = new Promise<void>((resolve) => (realSent = resolve));
    const flood = pool(1000, 32, async (n) => {
      const forged = notification('NOTIFY_START', 'no secret');
      const status = await postWebhook(url, 800_000 + n, forged.body, forgedSignature(n));
      if (++done === 100) realSent();
      return status;
    });
    await midway;
    const real = notification('NOTIFY_START', rig.secretOf(user));
    const sent = Date.now();
    expect(await postWebhook(url, user, real.body, real.signature)).toBe(200);
    await events.until(real.body.pbx_call_id ?? '', 1000);
    const took = Date.now() - sent;
    const statuses = await flood;

    expect(took).toBeLessThan(1000);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(rig.upstreamCalls('reseller.users.api_key.get') - before).toBeLessThanOrEqual(1);
    await events.close();
  });

  it('1,000 stream attempts with one token: a few streams, the rest refused, nothing leaked', async () => {
    const token = await rig.mint({ userId: 555_100, scopes: ['events'] });
    const rssBefore = await residentBytes(rig.proxy.pid);
    const open: Response[] = [];
    const statuses = await pool(1000, 50, async () => {
      const answer = await fetch(`${url}/events`, { headers: { authorization: `Bearer ${token}` } });
      if (answer.status === 200) open.push(answer);
      else await answer.arrayBuffer();
      return answer.status;
    });
    const accepted = statuses.filter((s) => s === 200).length;
    expect(accepted).toBe(3); // ZD_EVENTS_PER_SESSION's default
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - accepted);
    expect((await residentBytes(rig.proxy.pid)) - rssBefore).toBeLessThan(64 * MiB);

    await Promise.all(open.map((answer) => answer.body?.cancel()));
    let again: Response | undefined;
    for (let i = 0; i < 50 && again?.status !== 200; i++) {
      await again?.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await fetch(`${url}/events`, { headers: { authorization: `Bearer ${token}` } });
    }
    expect(again?.status).toBe(200);
    await again?.body?.cancel();
  });

  it('a stalled reader under a flood of events: dropped, with the memory of the proxy bounded', async () => {
    const user = rig.demoUser;
    const token = await rig.mint({ userId: user, scopes: ['events'] });
    const stalled = await rawConnection(url);
    stalled.socket.write(`GET /events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    for (let i = 0; i < 100 && !stalled.received().includes('event: ready'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    stalled.socket.pause();
    const rssBefore = await residentBytes(rig.proxy.pid);

    // 72 MB of notifications, each about as large as one may be, for the one reader that does not read.
    const secret = rig.secretOf(user);
    const padding = 'x'.repeat(60_000);
    const statuses = await pool(1200, 8, () => {
      const n = notification('NOTIFY_START', secret, { padding });
      return postWebhook(url, user, n.body, n.signature);
    });
    expect(new Set(statuses)).toEqual(new Set([200]));
    // Parsing 72 MB leaves garbage for a while; a queue of it all would be 72 MB and more.
    expect((await residentBytes(rig.proxy.pid)) - rssBefore).toBeLessThan(40 * MiB);

    stalled.socket.resume();
    expect(await stalled.closed(5000)).not.toBe('open');
  });

  it('malformed bodies of every kind: refused, never a 500, nothing at error level, no stack', async () => {
    const before = rig.proxy.output().length;
    const token = await rig.mint({
      userId: rig.demoUser,
      scopes: ['numbers:read', 'documents', 'phone:verify'],
    });
    const bearer = { authorization: `Bearer ${token}` };
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const part = (disposition: string, body = 'v') => `--b\r\n${disposition}\r\n\r\n${body}\r\n--b--\r\n`;
    const kinds: [string, string, Record<string, string>, string | Uint8Array][] = [
      ['POST', '/v1/documents/groups/create/', { ...bearer, 'content-type': 'application/json' }, deep(3000)],
      ['POST', '/v1/documents/groups/create/', { ...bearer, 'content-type': 'application/json' }, '{"a":'],
      [
        'POST',
        '/v1/documents/groups/create/',
        { ...bearer, 'content-type': 'application/json' },
        '{"a":1e400}',
      ],
      ['POST', '/v1/documents/groups/create/', { ...bearer, 'content-type': 'application/json' }, 'null'],
      [
        'POST',
        '/v1/documents/groups/create/',
        { ...bearer, 'content-type': 'application/json' },
        '{"__proto__":{"x":1}}',
      ],
      [
        'POST',
        '/v1/documents/groups/create/',
        { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
        'constructor=1&toString=2',
      ],
      [
        'POST',
        '/v1/documents/groups/create/',
        { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
        new Uint8Array([0x66, 0x3d, 0xff, 0xfe, 0xc3]),
      ],
      [
        'POST',
        '/v1/verify/',
        { ...bearer, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': 'abuse-0001' },
        `${'k'.repeat(60_000)}=1`,
      ],
      ['GET', '/v1/direct_numbers/country/?country=DE&%E0%A4%A=1', bearer, ''],
      ['GET', '/v1/direct_numbers/country/?__proto__[x]=1', bearer, ''],
      [
        'POST',
        '/v1/documents/upload/',
        { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
        part('Content-Disposition: form-data'),
      ],
      [
        'POST',
        '/v1/documents/upload/',
        { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
        part("Content-Disposition: form-data; name*=utf-8''file; filename=x.png"),
      ],
      [
        'POST',
        '/v1/documents/upload/',
        { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
        part('Content-Disposition: form-data; name="__proto__"'),
      ],
      [
        'POST',
        '/v1/documents/upload/',
        { ...bearer, 'content-type': 'multipart/form-data' },
        part('Content-Disposition: form-data; name="a"'),
      ],
      [
        'POST',
        '/v1/documents/upload/',
        { ...bearer, 'content-type': 'multipart/form-data; boundary=b' },
        '--b\r\nnot a header\r\n\r\n',
      ],
      [
        'POST',
        '/sessions',
        { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        deep(3000),
      ],
      [
        'POST',
        '/sessions',
        { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        '{"userId":{"__proto__":1},"scopes":["events"]}',
      ],
      [
        'POST',
        `/webhooks/zadarma/${rig.demoUser}`,
        { 'content-type': 'application/x-www-form-urlencoded', signature: forgedSignature(1) },
        'event=constructor',
      ],
      [
        'POST',
        `/webhooks/zadarma/${rig.demoUser}`,
        { 'content-type': 'application/x-www-form-urlencoded', signature: forgedSignature(1) },
        'event=__proto__&event=x',
      ],
      [
        'POST',
        `/webhooks/zadarma/${rig.demoUser}`,
        { 'content-type': 'application/x-www-form-urlencoded', signature: forgedSignature(1) },
        'event=toString&__proto__=1',
      ],
      [
        'POST',
        '/webhooks/zadarma/__proto__',
        { 'content-type': 'application/x-www-form-urlencoded' },
        'event=NOTIFY_START',
      ],
    ];
    const statuses = await pool(kinds.length * 10, 16, async (i) => {
      const kind = kinds[i % kinds.length];
      if (!kind) throw new Error('no such kind');
      const [method, path, headers, body] = kind;
      const answer = await fetch(`${url}${path}`, {
        method,
        headers,
        body: method === 'GET' ? undefined : body,
      });
      await answer.arrayBuffer();
      return [i % kinds.length, answer.status] as const;
    });
    for (const [kind, status] of statuses) {
      expect(status, `${kinds[kind]?.[1]} ${String(kinds[kind]?.[3]).slice(0, 60)}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(status, `${kinds[kind]?.[1]} ${String(kinds[kind]?.[3]).slice(0, 60)}`).toBeLessThan(500);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(troubleInLog(rig.proxy.output().slice(before))).toEqual([]);
  });
});
