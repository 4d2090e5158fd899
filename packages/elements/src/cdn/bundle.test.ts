/**
 * The script-tag bundle as a partner loads it (`npm run build:elements` builds it; `npm run test:elements`
 * does that first): within its size budget, free of the softphone's JsSIP, and working on its own.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor, zdEnv } from '../test-support/env.js';

// Served raw from packages/elements/dist by web-test-runner.config.mjs.
const BUNDLE = '/__zd/dist/cdn/zd-number-picker.js';
const BUDGET_GZIP_BYTES = 25 * 1024;

async function gzipSize(bytes: ArrayBuffer): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function load(path: string): Promise<string> {
  const answer = await fetch(path);
  if (!answer.ok) throw new Error(`${path} is missing: run npm run build:elements first`);
  return answer.text();
}

describe('zd-number-picker.js (script-tag bundle)', () => {
  it(`is at most ${BUDGET_GZIP_BYTES / 1024} KB gzip, Lit included`, async () => {
    const source = await load(BUNDLE);
    const size = await gzipSize(new TextEncoder().encode(source).buffer);
    console.log(`zd-number-picker.js: ${source.length} bytes, ${size} bytes gzip`);
    expect(size).to.be.at.most(BUDGET_GZIP_BYTES);
    expect(source).to.contain('lit'); // Lit is inside, not imported from elsewhere
    expect(source).not.to.match(/^import\s.*from\s*["'][^./]/m);
  });

  it('is one self-contained file (no chunk to wait for before the element works)', async () => {
    const source = await load(BUNDLE);
    expect(source).not.to.match(/^import\s/m);
    expect(source).not.to.match(/from\s*["']\.\/chunks\//);
  });

  it('contains no JsSIP, neither itself nor in the chunks it may load', async () => {
    const source = await load(BUNDLE);
    const chunks = [...source.matchAll(/["'](\.\/chunks\/[^"']+\.js)["']/g)].map((m) => m[1] as string);
    const all = [
      source,
      ...(await Promise.all(chunks.map((c) => load(new URL(c, location.origin + BUNDLE).pathname)))),
    ];
    for (const text of all) expect(text.toLowerCase()).not.to.contain('jssip');
  });

  it('registers the elements and works as a partner embeds it', async () => {
    await import(/* @vite-ignore */ BUNDLE as string);
    expect(customElements.get('zd-number-picker')).not.to.equal(undefined);
    expect(customElements.get('zd-config')).not.to.equal(undefined);
    const env = await zdEnv();
    const config = await fixture(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="de">
        <zd-number-picker></zd-number-picker>
      </zd-config>
    `);
    const picker = config.querySelector('zd-number-picker') as HTMLElement;
    const options = await waitFor(() => {
      const list = picker.shadowRoot?.querySelectorAll('#country-list [role=option]');
      return list && list.length > 0 ? list : undefined;
    }, 'the countries');
    expect([...options].some((o) => o.textContent?.includes('Deutschland'))).to.equal(true);
  });
});
