/**
 * The ground issue 11 lays for the softphone, proved from a partner's side: JsSIP phones in Debian's
 * Chromium (fake microphone playing a tone) fetch their SIP credentials through the real proxy with a
 * session token, register at each SIP server (the sandbox's gateway and Kamailio), call each other and
 * hear each other; through the gateway, the sandbox's parties answer, echo, hear RFC 4733 and SIP INFO
 * digits, and a caller from outside (`POST /sandbox/calls`) rings the phone with the caller's number.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../sandbox/src/index.js';
import { startPhonePageServer, type PhonePageServer } from '../../sandbox/test-support/phone-page.js';
import { pbxExtensions, type SandboxExtension } from '../../sandbox/test-support/sandbox-extensions.js';
import { SIP_SERVERS, type RunningSipServer } from '../../sandbox/test-support/sip-servers.js';
import { launchMediaBrowser, type MediaBrowser } from '../../sandbox/test-support/media-browser.js';
import { configFromEnv, startProxy, type RunningProxy } from '../src/index.js';
import { mintSessionToken } from '../src/session/tokens.js';
import { SESSION_SECRET } from './harness.js';

let media: MediaBrowser;
let browser: Browser;
let pages: PhonePageServer;

beforeAll(async () => {
  pages = await startPhonePageServer();
  media = await launchMediaBrowser();
  browser = media.browser;
});

afterAll(async () => {
  await media?.close();
  await pages?.close();
});

const energy = async (page: Page) => Number(await page.evaluate('window.phone.energy()'));

/** Inbound audio energy arrives, and keeps arriving. */
async function hears(page: Page) {
  await expect.poll(() => energy(page), { timeout: 15_000 }).toBeGreaterThan(0);
  const start = await energy(page);
  await expect.poll(() => energy(page), { timeout: 15_000 }).toBeGreaterThan(start);
}

describe.each(SIP_SERVERS)('phones with credentials from the proxy, through $name', (kind) => {
  let sandbox: RunningSandbox;
  let server: RunningSipServer;
  let proxy: RunningProxy;
  let a: SandboxExtension;
  let b: SandboxExtension;
  const open: Page[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
    server = await kind.start(sandbox);
    const config = configFromEnv({
      ZADARMA_KEY: sandbox.key,
      ZADARMA_SECRET: sandbox.secret,
      ZADARMA_API_URL: sandbox.url,
      HOST: '127.0.0.1',
      PORT: '0',
      ZD_SESSION_SECRET: SESSION_SECRET,
      ZD_ALLOWED_ORIGINS: new URL(pages.url).origin,
      ZD_SIP_WS_URL: server.wsUrl,
      ZD_SIP_DOMAIN: server.domain,
      ZD_LOG_LEVEL: 'error',
    });
    proxy = await startProxy(config);
    [a, b] = (await pbxExtensions(sandbox, sandbox.demoUser.id, 2, server.domain)) as [
      SandboxExtension,
      SandboxExtension,
    ];
  });

  // A closed page's socket closes, and its registration goes with it: no old phone answers next time.
  afterEach(async () => {
    await Promise.all(open.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await sandbox?.close();
  });

  /** A page whose phone registers with what the proxy hands a token for `ext`. */
  async function phone(ext: SandboxExtension): Promise<Page> {
    const { token } = await mintSessionToken(SESSION_SECRET, {
      userId: sandbox.demoUser.id,
      scopes: ['softphone'],
      sip: [ext.number],
    });
    const page = await browser.newPage();
    open.push(page);
    await page.goto(pages.url);
    const args = JSON.stringify([proxy.url, token, ext.number]).slice(1, -1);
    expect(await page.evaluate(`window.phone.registerThrough(${args})`)).toBe('registered');
    return page;
  }

  it('two extensions register, call each other and hear each other', { timeout: 60_000 }, async () => {
    const caller = await phone(a);
    const callee = await phone(b);
    expect(await caller.evaluate(`window.phone.call(${JSON.stringify(b.number)})`)).toBe('confirmed');
    expect(await callee.evaluate('window.phone.answered()')).toBe('confirmed');
    await hears(caller);
    await hears(callee);
    await caller.evaluate('window.phone.hangup()');
  });

  it.runIf(kind.name === 'gateway')(
    'the echo number answers, and the phone hears itself',
    { timeout: 60_000 },
    async () => {
      const page = await phone(a);
      expect(await page.evaluate(`window.phone.call('+493023125001')`)).toBe('confirmed');
      await hears(page);
      await page.evaluate('window.phone.hangup()');
    },
  );

  it.runIf(kind.name === 'gateway')(
    'the recorder hears the phone and its digits, RFC 4733 and SIP INFO',
    { timeout: 60_000 },
    async () => {
      const page = await phone(a);
      expect(await page.evaluate(`window.phone.call('+493023125004')`)).toBe('confirmed');
      const latest = async () => {
        const res = await fetch(`${sandbox.url}/sandbox/media/calls`);
        const { calls } = (await res.json()) as {
          calls: { kind: string; infoDigits: string; media: { digits: string; audioEnergy: number } }[];
        };
        return calls[0];
      };
      // Audio first: the tone reaches the recorder (and the DTMF sender is usable once media flows).
      await expect
        .poll(async () => (await latest())?.media.audioEnergy ?? 0, { timeout: 15_000 })
        .toBeGreaterThan(0.01);
      await page.evaluate(`window.phone.dtmf('123#', 'RFC2833')`);
      await expect.poll(async () => (await latest())?.media.digits, { timeout: 15_000 }).toBe('123#');
      await page.evaluate(`window.phone.dtmf('5', 'INFO')`);
      await expect.poll(async () => (await latest())?.infoDigits, { timeout: 15_000 }).toBe('5');
      await page.evaluate('window.phone.hangup()');
    },
  );

  it.runIf(kind.name === 'gateway')(
    'a caller from outside rings the phone with its number, and is heard',
    { timeout: 60_000 },
    async () => {
      const page = await phone(b);
      const res = await fetch(`${sandbox.url}/sandbox/calls`, {
        method: 'POST',
        body: JSON.stringify({
          userId: sandbox.demoUser.id,
          extension: b.number,
          from: '+4930555777',
          durationSeconds: 30,
        }),
      });
      expect(res.status).toBe(202);
      const { pbxCallId } = (await res.json()) as { pbxCallId: string };
      expect(await page.evaluate('window.phone.answered()')).toBe('confirmed');
      expect(await page.evaluate('window.phone.caller()')).toMatchObject({ user: '+4930555777' });
      await hears(page);
      await page.evaluate('window.phone.hangup()');
      const report = async () =>
        (await (await fetch(`${sandbox.url}/sandbox/calls/${pbxCallId}`)).json()) as Record<string, unknown>;
      await expect.poll(async () => (await report()).state).toBe('ended');
      expect(await report()).toMatchObject({ disposition: 'answered', answeredBy: Number(b.number) });
    },
  );
});
