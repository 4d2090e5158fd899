/**
 * SIP over WebSocket against each server of SIP_SERVERS (Kamailio now; the sandbox's gateway joins):
 * registration with a sandbox extension's login and password (JsSIP in Node, and the raw client),
 * refusals, and a call INVITE / 200 / ACK / BYE between two extensions, signalling only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import JsSIP from 'jssip';
import WebSocket from 'ws';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import {
  newPbxUser,
  pbxExtensions,
  signedCall,
  type SandboxExtension,
} from '../test-support/sandbox-extensions.js';
import { SIP_SERVERS, type RunningSipServer } from '../test-support/sip-servers.js';
import { SipWsClient } from '../test-support/sip-ws-client.js';

// JsSIP opens its socket with the browser's WebSocket; in Node that is the `ws` package's.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
JsSIP.debug.disable();

/** Registers with JsSIP; resolves with the final status and reason it got. */
function jssipRegister(server: RunningSipServer, login: string, password: string) {
  const ua = new JsSIP.UA({
    sockets: [new JsSIP.WebSocketInterface(server.wsUrl)],
    uri: `sip:${login}@${server.domain}`,
    authorization_user: login,
    password,
    register: true,
  });
  return new Promise<{ registered: boolean; status: number; reason: string }>((resolve) => {
    // Registered, it un-registers at once, so no stale contact is left for the next test's calls.
    ua.on('registered', (e) => {
      ua.on('unregistered', () =>
        resolve({ registered: true, status: e.response.status_code, reason: e.response.reason_phrase }),
      );
      ua.unregister();
    });
    ua.on('registrationFailed', (e) =>
      resolve({
        registered: false,
        status: e.response?.status_code ?? 0,
        reason: e.response?.reason_phrase ?? String(e.cause),
      }),
    );
    ua.start();
  }).finally(() => ua.stop());
}

describe.each(SIP_SERVERS)('SIP server $name', (kind) => {
  let sandbox: RunningSandbox;
  let server: RunningSipServer;
  let a: SandboxExtension;
  let b: SandboxExtension;
  let stranger: SandboxExtension;
  const clients: SipWsClient[] = [];
  const connect = async (ext: SandboxExtension, password = ext.password) => {
    const client = await SipWsClient.connect(server.wsUrl, { ...ext, password, domain: server.domain });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
    server = await kind.start(sandbox);
    const [first, second] = await pbxExtensions(sandbox, sandbox.demoUser.id, 2, server.domain);
    const strangerId = await newPbxUser(sandbox, 'stranger');
    const [theirs] = await pbxExtensions(sandbox, strangerId, 1, server.domain);
    if (!first || !second || !theirs) throw new Error('the sandbox made too few extensions');
    [a, b, stranger] = [first, second, theirs];
  });

  // Every contact a test registered goes away with it: a stale one would be forked to by the next INVITE.
  afterEach(async () => {
    const done = clients.splice(0);
    await Promise.all(done.map((c) => c.register(0).catch(() => undefined)));
    for (const c of done) c.close();
  });

  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
  });

  it('registers JsSIP with an extension login and password', async () => {
    expect(await jssipRegister(server, a.login, a.password)).toMatchObject({ registered: true, status: 200 });
  });

  it('refuses a wrong password and an unknown login with 403 and a reason', async () => {
    expect(await jssipRegister(server, a.login, 'Wrong1Password')).toMatchObject({
      registered: false,
      status: 403,
      reason: 'Wrong password',
    });
    const unknown = await connect({ ...a, login: `${a.pbxId}-999` });
    expect((await unknown.register()).status).toBe(403);
    // No lock-out: the right password still works at once.
    expect((await (await connect(a)).register()).status).toBe(200);
  });

  it('applies a password changed through the API at once', async () => {
    const changed = 'Changed1Password';
    await signedCall(sandbox, 'PUT', `/v1/pbx/internal/${b.number}/password/`, {
      user_id: sandbox.demoUser.id,
      value: changed,
    });
    expect((await (await connect(b)).register()).status).toBe(403);
    b = { ...b, password: changed };
    expect((await (await connect(b)).register()).status).toBe(200);
  });

  it('connects a call by three digits and by login: INVITE, 200, ACK, BYE', async () => {
    const caller = await connect(a);
    const callee = await connect(b);
    expect((await caller.register()).status).toBe(200);
    expect((await callee.register()).status).toBe(200);

    for (const target of [b.number, b.login]) {
      const call = await caller.invite(target);
      expect(call.status).toBe(200);
      const answered = callee.incoming.at(-1);
      expect(answered?.callId).toBe(call.callId);
      expect(answered?.from).toContain(a.login);
      await answered?.acked; // the ACK went through the proxy to the callee's WebSocket
      expect(await call.bye()).toBe(200);
      await answered?.ended;
    }
    // and the callee can hang up too
    const call = await caller.invite(b.number);
    expect(await callee.hangUp(call.callId)).toBe(200);
    await call.ended;
  });

  it("never reaches another user's extension, nor an unregistered one", async () => {
    const caller = await connect(a);
    const other = await connect(stranger);
    expect((await caller.register()).status).toBe(200);
    expect((await other.register()).status).toBe(200);
    expect((await caller.invite(stranger.login)).status).toBe(404);
    expect((await other.invite(a.login)).status).toBe(404);
    // the stranger's "100" is its own PBX's 100 — itself — never the demo user's
    expect(other.incoming).toHaveLength(0);
    expect((await caller.invite(`${a.pbxId}-998`)).status).toBe(404);
    expect(other.incoming).toHaveLength(0);
  });

  it('refuses an INVITE with a wrong password (403, nothing reaches the callee)', async () => {
    const callee = await connect(b);
    expect((await callee.register()).status).toBe(200);
    const liar = await connect(a, 'Wrong1Password');
    expect((await liar.invite(b.number)).status).toBe(403);
    expect(callee.incoming).toHaveLength(0);
  });
});
