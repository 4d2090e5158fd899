/**
 * The real proof, per SIP server: two JsSIP phones in Debian's Chromium (fake microphone playing a
 * tone) register with sandbox extensions' credentials, one calls the other through the server, and
 * each side's inbound audio energy grows — they hear each other.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { startSandbox, type RunningSandbox } from '../src/index.js';
import { startPhonePageServer, type PhonePageServer } from '../test-support/phone-page.js';
import { pbxExtensions, type SandboxExtension } from '../test-support/sandbox-extensions.js';
import { SIP_SERVERS, type RunningSipServer } from '../test-support/sip-servers.js';
import { toneWav } from '../test-support/tone-wav.js';

/** DESIGN.md: without loopback candidates a machine with only loopback never sends the INVITE. */
const MEDIA_FLAGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

let dir: string;
let browser: Browser;
let pages: PhonePageServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zd-calls-'));
  const wav = join(dir, 'tone.wav');
  await writeFile(wav, toneWav(440));
  pages = await startPhonePageServer();
  browser = await puppeteer.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, ...MEDIA_FLAGS, `--use-file-for-fake-audio-capture=${wav}`],
  });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
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
