/**
 * Debian's Chromium for the call tests: fake media devices (the microphone plays a 440 Hz tone WAV),
 * loopback ICE candidates (DESIGN.md: without them a machine with only loopback gathers none and
 * JsSIP never sends the INVITE), autoplay allowed; and a loopback server for the test pages (a secure
 * context, so getUserMedia works).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumLaunchOptions, fakeMediaArgs } from '../../../scripts/chromium.mjs';
import { toneWav } from './tone-wav.js';

export const MEDIA_FLAGS = [...fakeMediaArgs, '--autoplay-policy=no-user-gesture-required'];

export interface MediaBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchMediaBrowser(toneHz = 440): Promise<MediaBrowser> {
  const dir = await mkdtemp(join(tmpdir(), 'zd-media-browser-'));
  const wav = join(dir, 'tone.wav');
  await writeFile(wav, toneWav(toneHz));
  const browser = await puppeteer.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, ...MEDIA_FLAGS, `--use-file-for-fake-audio-capture=${wav}`],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `/` (the page's HTML) and the given scripts on a free loopback port. */
export async function servePage(html: string, scripts: Record<string, string> = {}): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const script = scripts[req.url ?? ''];
    if (script !== undefined) res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
