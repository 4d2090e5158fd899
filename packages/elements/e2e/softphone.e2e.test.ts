/**
 * A partner's employee takes a customer's call, in German, with the keyboard only, at 320 px, on the
 * page of the elements README's softphone snippet (no page script), under the partner's strict CSP: the
 * phone's WebSocket goes to the SIP address the CSP names, the credentials come through the proxy, and a
 * caller from outside (the sandbox) rings the extension for real — the sandbox's recorder hears the
 * employee's microphone.
 */
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { expectQuietPage, focusPath, launch, tabTo, watchedPage, type Watched } from './browser.js';
import { startDeployment, type Deployment } from './deployment.js';
import { pageOf, readmeSnippets } from './snippets.js';

let deployment: Deployment;
let browser: Browser;

beforeAll(async () => {
  [deployment, browser] = await Promise.all([startDeployment(), launch({ media: true })]);
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

/** The phone's status line, as its screen reader users hear it. */
const statusOf = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('zd-softphone')
        ?.shadowRoot?.querySelector('[part~=status]')
        ?.textContent?.trim()
        .replace(/\s+/g, ' ') ?? '',
  );

/** Waits until the status line is (or, with `partly`, contains) `text`. */
async function untilStatus(page: Page, text: string, partly = false): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 15_000;) {
    const status = await statusOf(page);
    if (partly ? status.includes(text) : status === text) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the status never said "${text}"; it says "${await statusOf(page)}"`);
}

/** The elements README's softphone snippet as a page of `on`, logged in, and "Enable calls" pressed by keyboard. */
async function phonePageEnabled(on: Deployment): Promise<Watched> {
  const snippet = readmeSnippets().find((s) => s.kind === 'html' && s.code.includes('<zd-softphone'));
  if (!snippet) throw new Error('the elements README has no softphone snippet');
  on.page('/phone.html', pageOf(snippet, on));
  const watched = await watchedPage(browser);
  const { page } = watched;
  await page.goto(`${on.site}/login`);
  await page.goto(`${on.site}/phone.html`);
  await untilStatus(page, 'Anrufe sind aus');
  await tabTo(page, /enable-button|Anrufe aktivieren/);
  await page.keyboard.press('Enter');
  return watched;
}

it('takes a call from outside by keyboard: enable, the panel takes focus, answer, the caller hears, hang up', async () => {
  const watched = await phonePageEnabled(deployment);
  const { page } = watched;
  try {
    await untilStatus(page, 'Bereit für Anrufe');

    const ring = (await deployment.sandboxControl('/sandbox/calls', {
      extension: '100',
      from: '+4917612345678',
      party: 'recorder',
    })) as LiveCall;
    expect(ring.state).toBe('ringing');
    await untilStatus(page, 'Eingehender Anruf', true);
    expect(await focusPath(page)).toMatch(/zd-softphone > h3#incoming-heading/);

    await tabTo(page, /answer-button|"Annehmen"/);
    await page.keyboard.press('Enter');
    await untilStatus(page, 'Verbunden', true);
    // The caller hears the employee's microphone for a moment, then hangs up.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const answered = (await deployment.sandboxControl(`/sandbox/calls/${ring.pbxCallId}`)) as LiveCall;
    expect(answered.state).toBe('answered');
    await tabTo(page, /hangup-button|"Auflegen"/);
    await page.keyboard.press('Enter');
    await untilStatus(page, 'Bereit für Anrufe');

    const ended = (await deployment.sandboxControl(`/sandbox/calls/${ring.pbxCallId}`)) as LiveCall;
    expect(ended.state).toBe('ended');
    expect(ended.disposition).toBe('answered');
    const heard = (await deployment.sandboxControl(`/sandbox/media/calls/${ended.mediaCallId}`)) as {
      media: { audioEnergy: number; audioPacketsReceived: number };
    };
    expect(heard.media.audioPacketsReceived, 'packets from the browser').toBeGreaterThan(20);
    expect(heard.media.audioEnergy, 'the microphone’s sound').toBeGreaterThan(0);

    expectQuietPage(watched, [deployment.site, deployment.cdn, deployment.proxy, deployment.backend]);
  } finally {
    await page.close();
  }
});

it('a CSP without the SIP address: a clear error that names the fix, not an endless "connecting"', async () => {
  const forgetful = await startDeployment({ cspWithoutSip: true });
  const { page } = await phonePageEnabled(forgetful);
  try {
    // Failed at once (within 5 s, not after the 20 s start timeout), with the error; the gate stays.
    const shown = await page.waitForFunction(
      () => document.querySelector('zd-softphone')?.shadowRoot?.querySelector('[part~=error]')?.textContent,
      { timeout: 5000, polling: 50 },
    );
    expect(String(await shown.jsonValue()).replace(/\s+/g, ' ')).toContain(
      `add ${forgetful.sip} to connect-src`,
    );
    expect(await statusOf(page)).toBe('Anrufe sind aus');
  } finally {
    await page.close();
    await forgetful.close();
  }
});
