/**
 * The media party against a real browser: a plain RTCPeerConnection in Debian's Chromium (fake
 * microphone playing a 440 Hz tone) calls the echo party and hears itself back, calls the recorder,
 * which hears the tone and the page's RTCDTMFSender digits, and is called by the tone party.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaCall, type MediaCall, type PartyKind } from '../../src/media/index.js';
import { startMediaPageServer, type MediaPageServer } from '../../test-support/media-page.js';
import { launchMediaBrowser, type MediaBrowser } from '../../test-support/media-browser.js';

interface PageStats {
  energy: number;
  packets: number;
  codec: string;
}

let media: MediaBrowser;
let browser: Browser;
let pages: MediaPageServer;
const calls: MediaCall[] = [];
const tabs: Page[] = [];

beforeAll(async () => {
  pages = await startMediaPageServer();
  media = await launchMediaBrowser();
  browser = media.browser;
});

afterEach(async () => {
  await Promise.all(calls.splice(0).map((call) => call.close()));
  await Promise.all(tabs.splice(0).map((tab) => tab.close()));
});

afterAll(async () => {
  await media?.close();
  await pages?.close();
});

async function peerPage(): Promise<Page> {
  const page = await browser.newPage();
  tabs.push(page);
  await page.goto(pages.url);
  return page;
}

function party(kind: PartyKind): MediaCall {
  const call = createMediaCall(kind);
  calls.push(call);
  return call;
}

/** The page offers, the party answers. */
async function pageCalls(kind: PartyKind): Promise<{ page: Page; call: MediaCall; answer: string }> {
  const page = await peerPage();
  const call = party(kind);
  const offer = String(await page.evaluate('window.peer.offer()'));
  const answer = await call.answer(offer);
  expect(await page.evaluate(`window.peer.accept(${JSON.stringify(answer)})`)).toBe('ok');
  await call.connected();
  return { page, call, answer };
}

const stats = async (page: Page) => (await page.evaluate('window.peer.stats()')) as PageStats;

describe('the media party and Chromium', () => {
  it(
    'answers with 8 kHz codecs only, and the echo party returns the page’s tone',
    { timeout: 30_000 },
    async () => {
      const { page, call, answer } = await pageCalls('echo');
      const offered = [...answer.matchAll(/^a=rtpmap:\d+ (\S+)/gm)].map((m) => m[1]);
      expect(offered).toEqual(['PCMU/8000', 'telephone-event/8000']);
      await expect.poll(() => call.report().audioEnergy, { timeout: 10_000 }).toBeGreaterThan(0.1);
      await expect.poll(async () => (await stats(page)).energy, { timeout: 10_000 }).toBeGreaterThan(0);
      const start = (await stats(page)).energy;
      await expect.poll(async () => (await stats(page)).energy, { timeout: 10_000 }).toBeGreaterThan(start);
      expect((await stats(page)).codec).toBe('audio/PCMU/8000');
      if (process.env.ZD_SIP_TRACE === '1') console.log('echo', call.report(), await stats(page));
    },
  );

  it('the recorder hears the page’s tone and its RTCDTMFSender digits', { timeout: 30_000 }, async () => {
    const { page, call } = await pageCalls('recorder');
    await expect.poll(() => call.report().audioSeconds, { timeout: 10_000 }).toBeGreaterThan(1);
    expect(call.report().audioEnergy).toBeGreaterThan(0.1);
    expect(await page.evaluate('window.peer.dtmf("123#")')).toBe('sent');
    await expect.poll(() => call.report().digits, { timeout: 5000 }).toBe('123#');
    // The recorder sends silence: the page receives packets but no energy to speak of.
    const heard = await stats(page);
    expect(heard.packets).toBeGreaterThan(20);
    expect(heard.energy).toBeLessThan(0.001);
    if (process.env.ZD_SIP_TRACE === '1') console.log('recorder', call.report(), heard);
  });

  it('the tone party calls the page, and the page hears it', { timeout: 30_000 }, async () => {
    const page = await peerPage();
    const call = party('tone');
    const answer = String(await page.evaluate(`window.peer.answer(${JSON.stringify(await call.offer())})`));
    await call.accept(answer);
    await call.connected();
    await expect.poll(async () => (await stats(page)).energy, { timeout: 10_000 }).toBeGreaterThan(0.1);
    expect(call.report().audioEnergy).toBeGreaterThan(0.1); // the page's microphone, the other way
    await call.sendDigits('9');
  });
});
