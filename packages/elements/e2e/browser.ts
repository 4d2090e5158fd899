/**
 * Debian's Chromium driven from outside the page (puppeteer-core, never a downloaded browser): what a
 * partner's customer's browser does, with what the page reported (console errors, uncaught errors,
 * CSP violations) and every request it sent collected for the test to look at.
 */
import { expect } from 'vitest';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import { chromiumLaunchOptions, fakeMediaArgs } from '../../../scripts/chromium.mjs';

export interface Watched {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  requests: HTTPRequest[];
}

/**
 * Debian's Chromium; with `media`, a fake microphone (a beep) allowed without a prompt, as for a
 * customer who allowed it, and loopback ICE candidates, since the sandbox's media party is on this machine.
 */
export function launch(options: { media?: boolean } = {}): Promise<Browser> {
  return puppeteer.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, ...(options.media ? fakeMediaArgs : [])],
  });
}

/**
 * A new page at a phone's width (320 CSS px), watched, in a browser context of its own (a new customer:
 * no cookies or cache of another test's deployment on the same host). Closing the page closes its context.
 */
export async function watchedPage(browser: Browser, width = 320): Promise<Watched> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  page.once('close', () => void context.close().catch(() => undefined));
  await page.setViewport({ width, height: 800, deviceScaleFactor: 1 });
  const watched: Watched = { page, consoleErrors: [], pageErrors: [], cspViolations: [], requests: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') {
      const where = message.location().url;
      watched.consoleErrors.push(`${message.text()}${where ? ` (${where})` : ''}`);
    }
  });
  page.on('pageerror', (error) => watched.pageErrors.push(String(error)));
  page.on('request', (request) => watched.requests.push(request));
  await page.exposeFunction('__zdCspViolation', (text: string) => watched.cspViolations.push(text));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __zdCspViolation: (t: string) => void }).__zdCspViolation;
      report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return watched;
}

/** Waits until `test` (run in the page) is true, or fails with `what`. */
export async function until(page: Page, what: string, test: () => boolean, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(test, { timeout, polling: 50 });
  } catch {
    throw new Error(`timed out waiting for: ${what}`);
  }
}

/** The first element matching `selector` in `host`'s shadow root whose text contains `text`, waited for. */
export async function inShadow(
  page: Page,
  host: string,
  selector: string,
  text = '',
): Promise<ElementHandle<Element>> {
  const find = (h: string, s: string, t: string) =>
    [...(document.querySelector(h)?.shadowRoot?.querySelectorAll(s) ?? [])].find((e) =>
      (e.textContent ?? '').includes(t),
    ) ?? null;
  await page.waitForFunction(find, { timeout: 15_000, polling: 50 }, host, selector, text).catch(() => {
    throw new Error(`timed out waiting for ${host} ${selector}${text ? ` with "${text}"` : ''}`);
  });
  const handle = await page.evaluateHandle(find, host, selector, text);
  const element = handle.asElement();
  if (!element) throw new Error(`${host} ${selector} is gone`);
  return element as ElementHandle<Element>;
}

/** What has focus, through shadow roots: `zd-doc-upload > input#f-street`. */
export function focusPath(page: Page): Promise<string> {
  return page.evaluate(() => {
    const path: string[] = [];
    for (let e = document.activeElement; e; e = e.shadowRoot?.activeElement ?? null) {
      const text = e.shadowRoot ? '' : (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      path.push(`${e.localName}${e.id ? `#${e.id}` : ''}${text ? ` "${text}"` : ''}`);
    }
    return path.join(' > ');
  });
}

/** Presses Tab (as a keyboard-only customer does) until focus is on what `target` matches in `focusPath`. */
export async function tabTo(page: Page, target: RegExp, limit = 60): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    const path = await focusPath(page);
    if (target.test(path)) return;
    seen.push(path);
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}; focus went: ${seen.join(' | ')}`);
}

/** Until no shown element of the kit shows a spinner, the fonts are in and two frames have painted. */
export async function settled(page: Page): Promise<void> {
  await until(page, 'no element loading', () =>
    [...document.querySelectorAll<HTMLElement>('zd-number-picker, zd-doc-upload')]
      .filter((e) => !e.hidden)
      .every((e) => !e.shadowRoot?.querySelector('[part~="loading"], .spinner')),
  );
  await page.evaluate(() =>
    document.fonts.ready.then(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    ),
  );
}

/**
 * What every partner page must show: no CSP violation, no console or page error, and requests to
 * nothing but the deployment's own origins (the site, the CDN, the proxy, the session backend).
 */
export function expectQuietPage(watched: Watched, origins: readonly string[]): void {
  expect(watched.cspViolations).toEqual([]);
  expect(watched.pageErrors).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
  for (const request of watched.requests) expect(origins).toContain(new URL(request.url()).origin);
}
