/**
 * A partner's employee takes a customer's call, in German, with the keyboard only, at 320 px, on the
 * page of the elements README's softphone snippet (no page script), under the partner's strict CSP: the
 * phone's WebSocket goes to the SIP address the CSP names, the credentials come through the proxy, and a
 * caller from outside (the sandbox) rings the extension for real — the sandbox's recorder hears the
 * employee's microphone.
 */
import type { Browser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';
import { focusPath, tabTo, until, watchedPage } from './browser.js';
import { startDeployment, type Deployment } from './deployment.js';
import { pageOf, readmeSnippets } from './snippets.js';

let deployment: Deployment;
let browser: Browser;

beforeAll(async () => {
  [deployment, browser] = await Promise.all([
    startDeployment(),
    puppeteer.launch({
      ...chromiumLaunchOptions,
      args: [
        ...chromiumLaunchOptions.args,
        // A microphone without a permission prompt (a fake one, playing a beep), as a customer who
        // allowed it; loopback candidates, since the sandbox's media party is on this machine.
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        '--allow-loopback-in-peer-connection',
      ],
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await deployment?.close();
});

interface LiveCall {
  pbxCallId: string;
  state: 'ringing' | 'answered' | 'ended';
  disposition: string | null;
  mediaCallId: string | null;
}

const statusOf = () =>
  document
    .querySelector('zd-softphone')
    ?.shadowRoot?.querySelector('[part~=status]')
    ?.textContent?.trim()
    .replace(/\s+/g, ' ') ?? '';

it('takes a call from outside by keyboard: enable, the panel takes focus, answer, the caller hears, hang up', async () => {
  const snippet = readmeSnippets().find((s) => s.kind === 'html' && s.code.includes('<zd-softphone'));
  if (!snippet) throw new Error('the elements README has no softphone snippet');
  deployment.page('/phone.html', pageOf(snippet, deployment));
  const watched = await watchedPage(browser);
  const { page } = watched;
  try {
    await page.goto(`${deployment.site}/login`);
    await page.goto(`${deployment.site}/phone.html`);
    await until(page, 'the gate', () => statusOf() === 'Anrufe sind aus');

    await tabTo(page, /enable-button|Anrufe aktivieren/);
    await page.keyboard.press('Enter');
    await until(page, 'registered', () => statusOf() === 'Bereit für Anrufe');

    const ring = (await deployment.sandboxControl('/sandbox/calls', {
      extension: '100',
      from: '+4917612345678',
      party: 'recorder',
    })) as LiveCall;
    expect(ring.state).toBe('ringing');
    await until(page, 'the incoming call', () => statusOf().includes('Eingehender Anruf'));
    expect(await focusPath(page)).toMatch(/zd-softphone > h3#incoming-heading/);

    await tabTo(page, /answer-button|"Annehmen"/);
    await page.keyboard.press('Enter');
    await until(page, 'connected', () => statusOf().endsWith('Verbunden'));
    // The caller hears the employee's microphone for a moment, then hangs up.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const answered = (await deployment.sandboxControl(`/sandbox/calls/${ring.pbxCallId}`)) as LiveCall;
    expect(answered.state).toBe('answered');
    await tabTo(page, /hangup-button|"Auflegen"/);
    await page.keyboard.press('Enter');
    await until(page, 'ready again', () => statusOf() === 'Bereit für Anrufe');

    const ended = (await deployment.sandboxControl(`/sandbox/calls/${ring.pbxCallId}`)) as LiveCall;
    expect(ended.state).toBe('ended');
    expect(ended.disposition).toBe('answered');
    const heard = (await deployment.sandboxControl(`/sandbox/media/calls/${ended.mediaCallId}`)) as {
      media: { audioEnergy: number; audioPacketsReceived: number };
    };
    expect(heard.media.audioPacketsReceived, 'packets from the browser').toBeGreaterThan(20);
    expect(heard.media.audioEnergy, 'the microphone’s sound').toBeGreaterThan(0);

    expect(watched.cspViolations).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    for (const request of watched.requests) {
      const origin = new URL(request.url()).origin;
      expect([deployment.site, deployment.cdn, deployment.proxy, deployment.backend]).toContain(origin);
    }
  } finally {
    await page.close();
  }
});
