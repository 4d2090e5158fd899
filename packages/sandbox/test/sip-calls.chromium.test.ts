/**
 * The real proof, per SIP server: two JsSIP phones in Debian's Chromium (fake microphone playing a
 * tone) register with sandbox extensions' credentials, one calls the other through the server, and
 * each side's inbound audio energy grows — they hear each other.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { startPhonePageServer, type PhonePageServer } from '../test-support/phone-page.js';
import { pbxExtensions, type SandboxExtension } from '../test-support/sandbox-extensions.js';
import { SIP_SERVERS, type RunningSipServer } from '../test-support/sip-servers.js';
import { launchMediaBrowser, type MediaBrowser } from '../test-support/media-browser.js';

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

async function phone(server: RunningSipServer, ext: SandboxExtension): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(pages.url);
  const config = { wsUrl: server.wsUrl, domain: server.domain, login: ext.login, password: ext.password };
  expect(await page.evaluate(`window.phone.register(${JSON.stringify(config)})`)).toBe('registered');
  return page;
}

const energy = async (page: Page) => Number(await page.evaluate('window.phone.energy()'));

describe.each(SIP_SERVERS)('calls in Chromium through $name', (kind) => {
  let sandbox: RunningSandbox;
  let server: RunningSipServer;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
    server = await kind.start(sandbox);
  });

  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
  });

  it('two extensions call each other and hear each other', { timeout: 60_000 }, async () => {
    const [a, b] = await pbxExtensions(sandbox, sandbox.demoUser.id, 2, server.domain);
    if (!a || !b) throw new Error('the sandbox made too few extensions');
    const caller = await phone(server, a);
    const callee = await phone(server, b);
    try {
      expect(await caller.evaluate(`window.phone.call(${JSON.stringify(b.number)})`)).toBe('confirmed');
      expect(await callee.evaluate('window.phone.answered()')).toBe('confirmed');
      // Energy arrives, and keeps arriving: the tone flows both ways while the call lasts.
      for (const side of [caller, callee]) {
        await expect.poll(() => energy(side), { timeout: 15_000 }).toBeGreaterThan(0);
        const start = await energy(side);
        await expect.poll(() => energy(side), { timeout: 15_000 }).toBeGreaterThan(start);
        if (process.env.ZD_SIP_TRACE === '1')
          console.log('inbound totalAudioEnergy', start, await energy(side));
      }
    } finally {
      await caller.evaluate('window.phone.hangup()');
      await Promise.all([caller.close(), callee.close()]);
    }
  });
});
