/**
 * The kit as a new partner meets it: its site, the CDN and the proxy on origins of their own, a strict
 * CSP, the session endpoint of its own backend, and the READMEs' snippets as the only code on the page.
 */
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectQuietPage, inShadow, launch, until, watchedPage } from './browser.js';
import { startDeployment, type Deployment } from './deployment.js';
import { pageOf, readmeSnippets, localize } from './snippets.js';

let deployment: Deployment;
let browser: Browser;

beforeAll(async () => {
  [deployment, browser] = await Promise.all([startDeployment(), launch()]);
  for (const script of readmeSnippets().filter((s) => s.kind === 'js')) {
    deployment.page(`/${script.file}`, localize(script.code, deployment));
  }
});

afterAll(async () => {
  await browser?.close();
  await deployment?.close();
});

const pages = readmeSnippets().filter((s) => s.kind === 'html');

describe('every embed snippet of the READMEs, as it stands, on the partner’s site', () => {
  it('there are snippets to run', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it.each(pages.map((s) => [s.source, s] as const))('%s', async (_source, snippet) => {
    deployment.page('/embed.html', pageOf(snippet, deployment));
    const watched = await watchedPage(browser);
    const { page } = watched;
    try {
      await page.goto(`${deployment.site}/login`);
      await page.goto(`${deployment.site}/embed.html`);
      const tags = await page.$$eval('*', (all) => [
        ...new Set(all.map((e) => e.localName).filter((n) => n.startsWith('zd-') && n !== 'zd-config')),
      ]);
      expect(tags.length, 'the snippet embeds an element').toBeGreaterThan(0);
      await until(page, `${tags.join(', ')} defined`, () =>
        [...document.querySelectorAll('*')]
          .filter((e) => e.localName.startsWith('zd-'))
          .every((e) => customElements.get(e.localName)),
      );
      // Each visible element reaches its first step with data from the proxy: no spinner, no error.
      await until(page, 'every visible element ready', () =>
        [...document.querySelectorAll<HTMLElement>('zd-number-picker, zd-doc-upload')]
          .filter((e) => !e.hidden)
          .every((e) => {
            const root = e.shadowRoot;
            return (
              !!root &&
              !root.querySelector('[part~="loading"], [part~="error"]') &&
              !!root.querySelector('input, select, button')
            );
          }),
      );
      // The page sent nothing but the proxy's own requests and the session endpoint; never a secret.
      expectQuietPage(watched, [deployment.site, deployment.cdn, deployment.proxy, deployment.backend]);
    } finally {
      await page.close();
    }
  });
});

describe('a deployment without the chunks/ folder', () => {
  it('says so in the console and as zd-error, and the customer goes on with numbers grouped by area', async () => {
    const partial = await startDeployment({ withoutChunks: true });
    partial.page(
      '/record-errors.js',
      `window.zdErrors = [];
document.addEventListener('zd-error', (e) => window.zdErrors.push(e.detail.error.kind + ': ' + e.detail.error.message));`,
    );
    partial.page(
      '/picker.html',
      pageOf(
        {
          source: 'test',
          kind: 'html',
          code: `<script type="module" src="/record-errors.js"></script>
<script type="module" src="https://cdn.example.com/zadarma-elements/zd-number-picker.js"></script>
<zd-config proxy="https://zadarma-proxy.example.com" session-url="/api/zadarma-session" lang="de">
  <zd-number-picker country="GB"></zd-number-picker>
</zd-config>`,
        },
        partial,
      ),
    );
    const watched = await watchedPage(browser);
    const { page } = watched;
    try {
      await page.goto(`${partial.site}/login`);
      await page.goto(`${partial.site}/picker.html`);
      await (await inShadow(page, 'zd-number-picker', '[role=option]', 'London')).click();
      await until(page, 'the numbers of London', () => {
        const root = document.querySelector('zd-number-picker')?.shadowRoot;
        return (root?.querySelectorAll('#number-list [role=option]').length ?? 0) > 0;
      });
      await until(
        page,
        'the zd-error',
        () => (window as unknown as { zdErrors: string[] }).zdErrors.length > 0,
      );
      const errors = await page.evaluate(() => (window as unknown as { zdErrors: string[] }).zdErrors);
      expect(errors).toEqual([
        expect.stringMatching(/^config: could not load the "phone-lib" chunk .*chunks\/ folder/),
      ]);
      expect(watched.consoleErrors.join('\n')).toMatch(
        /Zadarma Elements: could not load the "phone-lib" chunk/,
      );
      const first = await page.evaluate(
        () =>
          document.querySelector('zd-number-picker')?.shadowRoot?.querySelector('#number-list [role=option]')
            ?.textContent,
      );
      expect(first?.trim()).toMatch(/^\+44 20 \d{4} \d{4}$/);
    } finally {
      await page.close();
      await partial.close();
    }
  });
});
