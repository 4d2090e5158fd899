/**
 * The sandbox's SIP gateway over real WebSockets: registration (expiry, un-REGISTER, several contacts,
 * the status endpoint), forking, `lines`, other users' extensions, unauthenticated requests, bad input
 * and floods, faults, and in-process flows (the media parties' way in).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import JsSIP from 'jssip';
import WebSocket from 'ws';
import { startSandbox, type InternalFlow, type RunningSandbox } from '../../src/index.js';
import { extensionByLogin } from '../../src/sip/login.js';
import { parseSipMessage, getHeader, getHeaders, type SipRequest } from '../../src/sip/message.js';
import {
  newPbxUser,
  pbxExtensions,
  signedCall,
  type SandboxExtension,
} from '../../test-support/sandbox-extensions.js';
import { audioSdp, buildSip, digestAnswer, newBranch, randomToken } from '../../test-support/sip-message.js';
import { SipWsClient } from '../../test-support/sip-ws-client.js';

let running: RunningSandbox;
let a: SandboxExtension;
let b: SandboxExtension;
let c: SandboxExtension;
let stranger: SandboxExtension;
const clients: SipWsClient[] = [];

const gateway = () => {
  if (!running.gateway || !running.sip) throw new Error('no gateway');
  return { gw: running.gateway, info: running.sip };
};

async function connect(ext: SandboxExtension, password = ext.password): Promise<SipWsClient> {
  const client = await SipWsClient.connect(gateway().info.wsUrl, {
    ...ext,
    password,
    domain: gateway().info.domain,
  });
  clients.push(client);
  return client;
}

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function isOnline(ext: SandboxExtension, userId = running.demoUser.id): Promise<boolean> {
  const body = await signedCall(running, 'GET', `/v1/pbx/internal/${ext.number}/status/`, {
    user_id: userId,
  });
  return body.is_online === 'true' || body.is_online === true;
}

/** A raw socket that collects what it receives. */
async function rawSocket(protocols: string[] = ['sip']) {
  const socket = new WebSocket(gateway().info.wsUrl, protocols);
  const received: string[] = [];
  socket.on('message', (d) => received.push(String(d)));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received, closed };
}

/** A request from `from` (a login) to `target`; REGISTERs go to the domain. */
function rawRequest(
  method: string,
  from: string,
  target: string,
  extra: [string, string][] = [],
  toUser = target,
): string {
  const domain = gateway().info.domain;
  const uri = method === 'REGISTER' ? `sip:${domain}` : `sip:${target}@${domain}`;
  const hasContact = extra.some(([n]) => n === 'Contact');
  return buildSip(
    `${method} ${uri} SIP/2.0`,
    [
      ['Via', `SIP/2.0/WS ${randomToken(3)}.invalid;branch=${newBranch()}`],
      ['Max-Forwards', '70'],
      ['From', `<sip:${from}@${domain}>;tag=${randomToken(4)}`],
      ['To', `<sip:${toUser}@${domain}>`],
      ['Call-ID', randomToken()],
      ['CSeq', `1 ${method}`],
      ...(hasContact ? [] : [['Contact', `<sip:${from}@x.invalid;transport=ws>`] as [string, string]]),
      ...extra,
    ],
    method === 'INVITE' ? audioSdp() : '',
  );
}

/** Sends, answers the challenge with `ext`'s credentials, and returns the final answer's text. */
async function withAuth(
  raw: Awaited<ReturnType<typeof rawSocket>>,
  ext: SandboxExtension,
  method: string,
  build: (extra: [string, string][]) => string,
  awaited = /^SIP\/2\.0 [2-6]/,
): Promise<string> {
  return (await withAuthSent(raw, ext, method, build, awaited)).answer;
}

async function withAuthSent(
  raw: Awaited<ReturnType<typeof rawSocket>>,
  ext: SandboxExtension,
  method: string,
  build: (extra: [string, string][]) => string,
  awaited = /^SIP\/2\.0 [2-6]/,
): Promise<{ answer: string; sent: string }> {
  const next = async (pattern: RegExp) => {
    await until(() => raw.received.some((t) => pattern.test(t)));
    const text = raw.received.find((t) => pattern.test(t)) ?? '';
    raw.received.splice(0, raw.received.indexOf(text) + 1);
    return text;
  };
  const finalAnswer = () => next(/^SIP\/2\.0 [2-6]/);
  raw.socket.send(build([]));
  const challenge = parseSipMessage(await finalAnswer());
  const www = challenge.kind === 'response' && challenge.status === 401;
  const value = getHeader(challenge, www ? 'WWW-Authenticate' : 'Proxy-Authenticate') ?? '';
  const first = parseSipMessage(build([]));
  const uri = first.kind === 'request' ? first.uri : '';
  const answer = digestAnswer(value, { username: ext.login, password: ext.password }, method, uri);
  const sent = build([[www ? 'Authorization' : 'Proxy-Authorization', answer]]);
  raw.socket.send(sent);
  return { answer: await next(awaited), sent };
}

beforeAll(async () => {
  running = await startSandbox({
    port: 0,
    verificationDelayMs: null,
    sip: { port: 0, minExpiresSeconds: 1 },
  });
  const [first, second, third] = await pbxExtensions(running, running.demoUser.id, 3);
  const strangerId = await newPbxUser(running, 'gateway-stranger');
  const [theirs] = await pbxExtensions(running, strangerId, 1);
  if (!first || !second || !third || !theirs) throw new Error('too few extensions');
  [a, b, c, stranger] = [first, second, third, theirs];
});

afterEach(async () => {
  await running.gateway?.faults.clear();
  const done = clients.splice(0);
  for (const client of done) client.close();
  // Every socket's registrations and calls go with it.
  await until(
    () => (running.gateway?.stats().bindings ?? 0) === 0 && (running.gateway?.stats().calls ?? 0) === 0,
  );
});

afterAll(async () => {
  await running?.close();
});

describe('registrar', () => {
  it('REGISTER makes the status endpoint report online; un-REGISTER makes it offline', async () => {
    expect(await isOnline(a)).toBe(false);
    const phone = await connect(a);
    const ok = await phone.register(600);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('contact')?.[0]).toMatch(/;expires=(600|599)$/);
    expect(await isOnline(a)).toBe(true);
    expect((await phone.register(0)).status).toBe(200);
    expect(await isOnline(a)).toBe(false);
  });

  it('a binding expires on its own (short Expires)', async () => {
    const phone = await connect(a);
    expect((await phone.register(1)).status).toBe(200);
    expect(await isOnline(a)).toBe(true);
    await until(async () => !(await isOnline(a)), 3000);
  });

  it('several contacts of one AOR: the 200 lists all; a closed socket takes its own away', async () => {
    const one = await connect(a);
    const two = await connect(a);
    await one.register();
    const second = await two.register();
    expect(second.headers.get('contact')).toHaveLength(2);
    one.close();
    await until(() => gateway().gw.stats().bindings === 1);
    expect(await isOnline(a)).toBe(true);
  });

  it('Contact * with Expires 0 removes all; * without Expires 0 is 400', async () => {
    const phone = await connect(a);
    await phone.register();
    const raw = await rawSocket();
    const star = (extra: [string, string][]) =>
      rawRequest('REGISTER', a.login, a.login, [['Contact', '*'], ...extra], a.login);
    expect(await withAuth(raw, a, 'REGISTER', star)).toMatch(/^SIP\/2\.0 400 Contact \* needs Expires 0/);
    expect(await withAuth(raw, a, 'REGISTER', (x) => star([['Expires', '0'], ...x]))).toMatch(
      /^SIP\/2\.0 200/,
    );
    await until(() => gateway().gw.stats().bindings === 0);
    raw.socket.close();
  });

  it('refuses a wrong password and an unknown login with 403 and a reason, locking nobody out', async () => {
    const liar = await connect(a, 'Wrong1Password');
    const refused = await liar.register();
    expect([refused.status, refused.reason]).toEqual([403, 'Wrong password']);
    const unknown = await connect({ ...a, login: `${a.pbxId}-999` });
    expect((await unknown.register()).reason).toBe('Unknown login');
    expect((await (await connect(a)).register()).status).toBe(200);
  });

  it('refuses registering an address that is not the login', async () => {
    const raw = await rawSocket();
    const other = (extra: [string, string][]) => rawRequest('REGISTER', a.login, b.login, extra, b.login);
    expect(await withAuth(raw, a, 'REGISTER', other)).toMatch(/^SIP\/2\.0 403 Not your address/);
    raw.socket.close();
  });

  it('applies a password changed through the API at once', async () => {
    const changed = 'Gateway2Password';
    await signedCall(running, 'PUT', `/v1/pbx/internal/${c.number}/password/`, {
      user_id: running.demoUser.id,
      value: changed,
    });
    expect((await (await connect(c)).register()).reason).toBe('Wrong password');
    c = { ...c, password: changed };
    expect((await (await connect(c)).register()).status).toBe(200);
  });
});

describe('proxy', () => {
  it('forks to every contact: both ring, one answers, the other gets CANCEL', async () => {
    const caller = await connect(a);
    const desk = await connect(b);
    const mobile = await connect(b);
    for (const phone of [caller, desk, mobile]) expect((await phone.register()).status).toBe(200);
    mobile.answerWith = 180; // rings, never answers
    const callPromise = caller.invite(b.number);
    await until(() => mobile.received.some((m) => m.method === 'INVITE'));
    const call = await callPromise;
    expect(call.status).toBe(200);
    expect(desk.incoming.at(-1)?.callId).toBe(call.callId);
    await until(() => mobile.received.some((m) => m.method === 'CANCEL'));
    expect(await call.bye()).toBe(200);
    await until(() => gateway().gw.stats().calls === 0);
  });

  it("the callee's ringing reaches the caller; the caller's CANCEL ends the branches, 487 to the INVITE", async () => {
    const callee = await connect(b);
    await callee.register();
    callee.answerWith = 180;
    const raw = await rawSocket();
    const invite = (extra: [string, string][]) => rawRequest('INVITE', a.login, b.number, extra);
    const { sent } = await withAuthSent(raw, a, 'INVITE', invite, /^SIP\/2\.0 180/);
    const request = parseSipMessage(sent);
    const cancel = buildSip(`CANCEL ${request.kind === 'request' ? request.uri : ''} SIP/2.0`, [
      ['Via', getHeader(request, 'Via') ?? ''],
      ['Max-Forwards', '70'],
      ['From', getHeader(request, 'From') ?? ''],
      ['To', getHeader(request, 'To') ?? ''],
      ['Call-ID', getHeader(request, 'Call-ID') ?? ''],
      ['CSeq', '2 CANCEL'.replace('2', (getHeader(request, 'CSeq') ?? '1').split(' ')[0] ?? '1')],
    ]);
    raw.socket.send(cancel);
    await until(() => raw.received.some((t) => /^SIP\/2\.0 487/.test(t)));
    expect(raw.received.some((t) => /^SIP\/2\.0 200 OK\r\n[\s\S]*CSeq: \d+ CANCEL/.test(t))).toBe(true);
    await until(() => callee.received.some((m) => m.method === 'CANCEL'));
    await until(() => gateway().gw.stats().calls === 0);
    raw.socket.close();
  });

  it('routes in-dialog requests by the Record-Route to the other side, and only for its two flows', async () => {
    const callee = await connect(b);
    await callee.register();
    const raw = await rawSocket();
    const invite = (extra: [string, string][]) => rawRequest('INVITE', a.login, b.number, extra);
    const { answer, sent } = await withAuthSent(raw, a, 'INVITE', invite);
    const ok = parseSipMessage(answer);
    expect(ok.kind === 'response' && ok.status).toBe(200);
    const recordRoute = getHeader(ok, 'Record-Route') ?? '';
    expect(recordRoute).toMatch(/^<sip:127\.0\.0\.1:\d+;transport=ws;lr;zd=/);
    const request = parseSipMessage(sent);
    const target = /<([^>]+)>/.exec(getHeader(ok, 'Contact') ?? '')?.[1] ?? '';
    let cseq = 1;
    const inDialog = (method: string, route = recordRoute) =>
      buildSip(`${method} ${target} SIP/2.0`, [
        ['Via', `SIP/2.0/WS caller.invalid;branch=${newBranch()}`],
        ['Max-Forwards', '70'],
        ['Route', route],
        ['From', getHeader(request, 'From') ?? ''],
        ['To', getHeader(ok, 'To') ?? ''],
        ['Call-ID', getHeader(request, 'Call-ID') ?? ''],
        ['CSeq', `${method === 'ACK' ? 1 : ++cseq} ${method}`],
      ]);
    raw.socket.send(inDialog('ACK'));
    await until(() => callee.received.some((m) => m.method === 'ACK'));
    for (const method of ['INVITE', 'UPDATE', 'INFO', 'REFER', 'NOTIFY', 'OPTIONS']) {
      raw.received.length = 0;
      raw.socket.send(inDialog(method));
      // The test callee answers these 405: that the answer comes back proves the way there and back.
      await until(() => raw.received.some((t) => t.startsWith('SIP/2.0 405')));
      expect(callee.received.some((m) => m.method === method && !m.headers.has('route'))).toBe(true);
    }
    // Another socket cannot use the dialog's route.
    const intruder = await rawSocket();
    intruder.socket.send(inDialog('BYE'));
    await until(() => intruder.received.length > 0);
    expect(intruder.received[0]).toMatch(/^SIP\/2\.0 403 Not your dialog/);
    intruder.socket.close();
    raw.received.length = 0;
    raw.socket.send(inDialog('BYE'));
    await until(() => raw.received.some((t) => t.startsWith('SIP/2.0 200')));
    await until(() => gateway().gw.stats().calls === 0);
    raw.socket.close();
  });

  it('480 for an extension with no registration; 404 for unknown and other users’ extensions', async () => {
    const caller = await connect(a);
    await caller.register();
    expect((await caller.invite(c.number)).status).toBe(480);
    expect((await caller.invite(`${a.pbxId}-998`)).status).toBe(404);
    const theirs = await connect(stranger);
    await theirs.register();
    expect((await caller.invite(stranger.login)).status).toBe(404);
    expect(theirs.incoming).toHaveLength(0);
    // The stranger's 3 digits are its own PBX's: it can never reach ours.
    expect((await theirs.invite(a.login)).status).toBe(404);
    // A phone number is the sandbox's party's, which takes no offer without DTLS (the raw client's).
    expect((await theirs.invite('+493023125001')).status).toBe(488);
  });

  it('486 when the callee is in as many calls as it has lines', async () => {
    const ext = extensionByLogin(running.sandbox.state, b.login);
    if (!ext) throw new Error('no extension b');
    const lines = ext.lines;
    ext.lines = 1;
    try {
      const first = await connect(a);
      const second = await connect(c);
      const callee = await connect(b);
      for (const phone of [first, second, callee]) expect((await phone.register()).status).toBe(200);
      const call = await first.invite(b.number);
      expect(call.status).toBe(200);
      const busy = await second.invite(b.number);
      expect([busy.status]).toEqual([486]);
      await call.bye();
      await until(() => gateway().gw.stats().calls === 0);
      const again = await second.invite(b.number);
      expect(again.status).toBe(200);
      await again.bye();
    } finally {
      ext.lines = lines;
    }
  });

  it("486 too when the caller's own lines are all in calls", async () => {
    const ext = extensionByLogin(running.sandbox.state, a.login);
    if (!ext) throw new Error('no extension a');
    const lines = ext.lines;
    ext.lines = 1;
    try {
      const caller = await connect(a);
      const first = await connect(b);
      const second = await connect(c);
      for (const phone of [caller, first, second]) expect((await phone.register()).status).toBe(200);
      const call = await caller.invite(b.number);
      expect(call.status).toBe(200);
      expect((await caller.invite(c.number)).status).toBe(486);
      expect(second.incoming).toHaveLength(0);
      await call.bye();
    } finally {
      ext.lines = lines;
    }
  });

  it('challenges an INVITE without credentials (407), refuses a wrong password (403), reaches no one', async () => {
    const callee = await connect(b);
    await callee.register();
    const raw = await rawSocket();
    raw.socket.send(rawRequest('INVITE', a.login, b.number));
    await until(() => raw.received.length > 0);
    const challenge = parseSipMessage(raw.received[0] ?? '');
    expect(challenge.kind === 'response' && challenge.status).toBe(407);
    expect(getHeader(challenge, 'Proxy-Authenticate')).toMatch(/^Digest realm="pbx\.sandbox\.test"/);
    const liar = await connect(a, 'Wrong1Password');
    const refused = await liar.invite(b.number);
    expect(refused.status).toBe(403);
    expect(callee.incoming).toHaveLength(0);
    raw.socket.close();
  });

  it('refuses an INVITE whose From is not the authenticated login', async () => {
    const callee = await connect(b);
    await callee.register();
    const raw = await rawSocket();
    const forged = (extra: [string, string][]) => rawRequest('INVITE', c.login, b.number, extra);
    expect(await withAuth(raw, a, 'INVITE', forged)).toMatch(/^SIP\/2\.0 403 Not your address/);
    expect(callee.incoming).toHaveLength(0);
    raw.socket.close();
  });

  it('483 for a request whose Max-Forwards is 0', async () => {
    const raw = await rawSocket();
    raw.socket.send(rawRequest('OPTIONS', a.login, b.number).replace('Max-Forwards: 70', 'Max-Forwards: 0'));
    await until(() => raw.received.length > 0);
    expect(raw.received[0]).toMatch(/^SIP\/2\.0 483 Too Many Hops/);
    raw.socket.close();
  });

  it('OPTIONS to the gateway itself is answered 200 without credentials', async () => {
    const raw = await rawSocket();
    raw.socket.send(
      rawRequest('OPTIONS', a.login, 'x').replace(
        `OPTIONS sip:x@${gateway().info.domain}`,
        `OPTIONS sip:${gateway().info.domain}`,
      ),
    );
    await until(() => raw.received.length > 0);
    expect(raw.received[0]).toMatch(/^SIP\/2\.0 200 OK/);
    raw.socket.close();
  });
});

describe('bad input and limits', () => {
  it('says which port is busy when the gateway cannot listen', async () => {
    const busy = gateway().info.wsUrl.split(':').at(-1);
    await expect(startSandbox({ port: 0, sip: { port: Number(busy) } })).rejects.toThrow(
      `SIP port ${busy} on 127.0.0.1 is in use (set ZD_SANDBOX_SIP_PORT)`,
    );
  });

  it('refuses the WebSocket without subprotocol sip', async () => {
    await expect(rawSocket([])).rejects.toThrow('400');
    await expect(rawSocket(['chat'])).rejects.toThrow('400');
  });

  it('answers a malformed request 400 when it can, ignores garbage, closes after many', async () => {
    const raw = await rawSocket();
    raw.socket.send('hello there');
    raw.socket.send(rawRequest('OPTIONS', a.login, b.number).replace('CSeq: 1 OPTIONS', 'CSeq: 1 INVITE'));
    await until(() => raw.received.length > 0);
    expect(raw.received[0]).toMatch(/^SIP\/2\.0 400 CSeq method does not match/);
    for (let i = 0; i < 25; i++) raw.socket.send(`garbage ${i}\r\n\r\n`);
    expect(await raw.closed).toBe(1000);
    // and the gateway still serves others
    expect((await (await connect(a)).register()).status).toBe(200);
  });

  it('closes a socket that sends a message over 64 KiB (1009), and carries on', async () => {
    const raw = await rawSocket();
    raw.socket.send(
      rawRequest('OPTIONS', a.login, b.number).replace(
        'Max-Forwards',
        `X-Pad: ${'x'.repeat(70_000)}\r\nMax-Forwards`,
      ),
    );
    expect(await raw.closed).toBe(1009);
    expect((await (await connect(a)).register()).status).toBe(200);
  });

  it('a flood of REGISTERs from one socket: 503, then the socket is closed; others are unaffected', async () => {
    const raw = await rawSocket();
    const register = rawRequest('REGISTER', a.login, a.login);
    for (let i = 0; i < 150; i++) raw.socket.send(register.replace(/branch=\S+/, `branch=${newBranch()}`));
    expect(await raw.closed).toBe(1008);
    expect(raw.received.some((m) => m.startsWith('SIP/2.0 503'))).toBe(true);
    expect(raw.received.length).toBeLessThanOrEqual(101);
    expect((await (await connect(a)).register()).status).toBe(200);
  });
});

describe('faults', () => {
  it('dropConnections ends every WebSocket and registration', async () => {
    const phone = await connect(a);
    await phone.register();
    await gateway().gw.faults.apply({ dropConnections: true });
    await phone.closed;
    await until(async () => !(await isOnline(a)));
  });

  it('refuseRegistrations answers REGISTER with the status for a while (over the sandbox endpoint)', async () => {
    const res = await fetch(`${running.url}/sandbox/sip/faults`, {
      method: 'POST',
      body: JSON.stringify({ refuseRegistrations: { forMs: 400, status: 503 } }),
    });
    expect(res.status).toBe(200);
    const phone = await connect(a);
    const refused = await phone.register();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')?.[0]).toBe('1');
    await new Promise((r) => setTimeout(r, 450));
    expect((await phone.register()).status).toBe(200);
    const bad = await fetch(`${running.url}/sandbox/sip/faults`, { method: 'POST', body: '{"lossRate": 2}' });
    expect(bad.status).toBe(400);
    const cleared = await fetch(`${running.url}/sandbox/sip/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ faults: {} });
  });

  it('delayMs delays and lossRate 1 loses every message', async () => {
    await gateway().gw.faults.apply({ delayMs: 300, forMs: 5000 });
    const phone = await connect(a);
    const started = Date.now();
    expect((await phone.register()).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600); // two requests (challenge, then auth)
    gateway().gw.faults.clear();
    await gateway().gw.faults.apply({ lossRate: 1 });
    const raw = await rawSocket();
    raw.socket.send(rawRequest('OPTIONS', a.login, b.number));
    await new Promise((r) => setTimeout(r, 300));
    expect(raw.received).toHaveLength(0);
    raw.socket.close();
  });

  it('restart drops everything and listens again on the same URL', async () => {
    const phone = await connect(a);
    await phone.register();
    const res = await fetch(`${running.url}/sandbox/sip/faults`, {
      method: 'POST',
      body: '{"restart": true}',
    });
    expect(res.status).toBe(200);
    await phone.closed;
    expect(await isOnline(a)).toBe(false);
    expect((await (await connect(a)).register()).status).toBe(200);
  });
});

describe('JsSIP through faults', () => {
  it('re-registers by itself after dropConnections and after a restart', { timeout: 30_000 }, async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    JsSIP.debug.disable();
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(gateway().info.wsUrl)],
      uri: `sip:${a.login}@${gateway().info.domain}`,
      authorization_user: a.login,
      password: a.password,
      register: true,
      connection_recovery_min_interval: 1,
      connection_recovery_max_interval: 2,
    });
    let registrations = 0;
    ua.on('registered', () => registrations++);
    ua.start();
    try {
      await until(() => registrations === 1, 5000);
      await gateway().gw.faults.apply({ dropConnections: true });
      await until(() => registrations === 2, 10_000);
      expect(await isOnline(a)).toBe(true);
      await gateway().gw.faults.apply({ restart: true });
      await until(() => registrations === 3, 10_000);
      expect(await isOnline(a)).toBe(true);
    } finally {
      ua.stop();
    }
    await until(async () => !(await isOnline(a)), 5000);
  });
});

describe('in-process flows', () => {
  it('an internal flow INVITEs an extension AOR without digest and is forked to its contacts', async () => {
    const callee = await connect(b);
    await callee.register();
    const got: string[] = [];
    const flow = gateway().gw.openInternalFlow((text) => got.push(text));
    const domain = gateway().info.domain;
    const callId = randomToken();
    flow.send(
      buildSip(
        `INVITE sip:${b.login}@${domain} SIP/2.0`,
        [
          ['Via', `SIP/2.0/WS media.invalid;branch=${newBranch()}`],
          ['Max-Forwards', '70'],
          ['From', `<sip:+493023125009@${domain}>;tag=m1`],
          ['To', `<sip:${b.login}@${domain}>`],
          ['Call-ID', callId],
          ['CSeq', '1 INVITE'],
          ['Contact', '<sip:media@media.invalid>'],
          ['Content-Type', 'application/sdp'],
        ],
        audioSdp(),
      ),
    );
    await until(() => got.some((t) => t.startsWith('SIP/2.0 200')));
    expect(callee.incoming.at(-1)?.callId).toBe(callId);
    flow.close();
  });

  it('resolveOutside takes an extension’s call to a phone number', async () => {
    const caller = await connect(a);
    await caller.register();
    const { gw } = gateway();
    const seen: { number: string; caller: unknown }[] = [];
    const parties: InternalFlow[] = [];
    const sandboxParties = gw.resolveOutside;
    gw.resolveOutside = (number, from) => {
      seen.push({ number, caller: from });
      const party = gw.openInternalFlow((text) => {
        const m = parseSipMessage(text);
        if (m.kind !== 'request') return;
        const req: SipRequest = m;
        // A tiny answering party: 200 to the INVITE (with SDP), 200 to BYE.
        if (req.method === 'ACK') return;
        const to = getHeader(req, 'To') ?? '';
        const headers: [string, string][] = [
          ...getHeaders(req, 'Via').map((v): [string, string] => ['Via', v]),
          ...getHeaders(req, 'Record-Route').map((v): [string, string] => ['Record-Route', v]),
          ['From', getHeader(req, 'From') ?? ''],
          ['To', to.includes('tag=') ? to : `${to};tag=party`],
          ['Call-ID', getHeader(req, 'Call-ID') ?? ''],
          ['CSeq', getHeader(req, 'CSeq') ?? ''],
          ['Contact', '<sip:party@media.invalid>'],
        ];
        if (req.method === 'INVITE') headers.push(['Content-Type', 'application/sdp']);
        party.send(buildSip('SIP/2.0 200 OK', headers, req.method === 'INVITE' ? audioSdp() : ''));
      });
      parties.push(party);
      return party;
    };
    try {
      const call = await caller.invite('+493023125001');
      expect(call.status).toBe(200);
      expect(seen).toEqual([
        { number: '+493023125001', caller: { pbxId: a.pbxId, extension: Number(a.number) } },
      ]);
      expect(gw.stats().calls).toBe(1);
      expect(await call.bye()).toBe(200);
      await until(() => gw.stats().calls === 0 && gw.stats().clientTransactions === 0);
    } finally {
      gw.resolveOutside = sandboxParties;
      for (const party of parties) party.close();
    }
  });
});

describe('leaks', () => {
  it('after all of the above, no transaction, call or binding is left', { timeout: 15_000 }, async () => {
    await until(() => {
      const s = gateway().gw.stats();
      // The one flow left is the sandbox's own user agent's (its media parties).
      return s.serverTransactions + s.clientTransactions + s.calls + s.bindings + s.flows === 1;
    }, 10_000);
  });
});
