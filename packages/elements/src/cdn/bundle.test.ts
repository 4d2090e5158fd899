/**
 * The script-tag bundle as a partner loads it (`npm run build:elements` builds it; `npm run test:elements`
 * does that first): within its size budget, free of the softphone's JsSIP, and working on its own. The
 * softphone's bundle has its own budget, JsSIP left out: that is a chunk it loads on "enable calls".
 */
import { expect, fixture, html } from '@open-wc/testing';
import { waitFor, zdEnv } from '../test-support/env.js';

// Served raw from packages/elements/dist by web-test-runner.config.mjs.
const BUDGET_GZIP_BYTES = 25 * 1024;
const BUNDLES = ['zd-number-picker', 'zd-doc-upload', 'zd-phone-verify', 'zd-pbx-setup'];
// Lit, <zd-config>, the client and the shared base alone are ~13.4 KB gzip; the softphone's views, texts
// and styles come on top (~21 KB). The phone engine (~11 KB: calls, quality, the tabs' sharing) and JsSIP (~53 KB) are chunks loaded on
// "enable calls".
const SOFTPHONE_BUDGET_GZIP_BYTES = 22 * 1024;
/** JsSIP's User-Agent (`${title} ${version}` in its Constants), a string only JsSIP's own code has. */
const JSSIP_CODE = /JsSIP \d+\.\d+\.\d+/;
const path = (name: string) => `/__zd/dist/cdn/${name}.js`;

async function gzipSize(bytes: ArrayBuffer): Promise<number> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
  return (await new Response(stream).arrayBuffer()).byteLength;
}

async function load(file: string): Promise<string> {
  const answer = await fetch(file);
  if (!answer.ok) throw new Error(`${file} is missing: run npm run build:elements first`);
  return answer.text();
}

for (const name of BUNDLES) {
  describe(`${name}.js (script-tag bundle)`, () => {
    it(`is at most ${BUDGET_GZIP_BYTES / 1024} KB gzip, Lit included`, async () => {
      const source = await load(path(name));
      const size = await gzipSize(new TextEncoder().encode(source).buffer);
      console.log(`${name}.js: ${source.length} bytes, ${size} bytes gzip`);
      expect(size).to.be.at.most(BUDGET_GZIP_BYTES);
      // Lit is inside (each of its parts registers its version on load), not imported from elsewhere.
      for (const part of ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions'])
        expect(source).to.contain(part);
    });

    it('is one self-contained file (no chunk to wait for before the element works)', async () => {
      const source = await load(path(name));
      expect(source).not.to.match(/^import\s/m);
      expect(source).not.to.match(/from\s*["']\.\/chunks\//);
    });

    it('contains no JsSIP, neither itself nor in the chunks it may load', async () => {
      const source = await load(path(name));
      const chunks = [...source.matchAll(/["'](\.\/chunks\/[^"']+\.js)["']/g)].map((m) => m[1] as string);
      const all = [
        source,
        ...(await Promise.all(chunks.map((c) => load(new URL(c, location.origin + path(name)).pathname)))),
      ];
      for (const text of all) expect(text.toLowerCase()).not.to.contain('jssip');
    });
  });
}

describe('zd-softphone.js (script-tag bundle)', () => {
  const name = 'zd-softphone';

  it(`is at most ${SOFTPHONE_BUDGET_GZIP_BYTES / 1024} KB gzip without JsSIP, Lit included, one file`, async () => {
    const source = await load(path(name));
    const size = await gzipSize(new TextEncoder().encode(source).buffer);
    console.log(`${name}.js: ${source.length} bytes, ${size} bytes gzip`);
    expect(size).to.be.at.most(SOFTPHONE_BUDGET_GZIP_BYTES);
    for (const part of ['litHtmlVersions', 'reactiveElementVersions', 'litElementVersions'])
      expect(source).to.contain(part);
    expect(source).not.to.match(/^import\s/m);
    expect(source).not.to.match(/from\s*["']\.\/chunks\//);
  });

  it('has the screen-pop’s events reader (eventsource-parser) only in a chunk', async () => {
    const source = await load(path(name));
    // An error name only eventsource-parser's code has.
    const PARSER_CODE = 'max-buffer-size-exceeded';
    expect(source).not.to.contain(PARSER_CODE);
    const chunks = [...source.matchAll(/["'`](\.\/chunks\/[^"'`]+\.js)["'`]/g)].map((m) => m[1] as string);
    const texts = await Promise.all(
      chunks.map((c) => load(new URL(c, location.origin + path(name)).pathname)),
    );
    expect(texts.some((text) => text.includes(PARSER_CODE))).to.equal(true);
  });

  it('has JsSIP only in a chunk, never in the bundle itself', async () => {
    const source = await load(path(name));
    expect(source).not.to.match(JSSIP_CODE);
  });

  it('registers <zd-softphone> and <zd-config>, shows the gate and fetches no JsSIP before "enable calls"', async () => {
    await import(/* @vite-ignore */ path(name));
    expect(customElements.get('zd-softphone')).not.to.equal(undefined);
    expect(customElements.get('zd-config')).not.to.equal(undefined);
    const env = await zdEnv();
    const config = await fixture(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="de">
        <zd-softphone sip="100"></zd-softphone>
      </zd-config>
    `);
    const phone = config.querySelector('zd-softphone') as HTMLElement;
    const gate = await waitFor(() => phone.shadowRoot?.querySelector('[part~=enable-button]'), 'the gate');
    expect(gate.textContent?.trim()).to.equal('Anrufe aktivieren');
    const fetched = performance.getEntriesByType('resource').map((e) => e.name.toLowerCase());
    expect(fetched.filter((url) => url.includes('jssip'))).to.deep.equal([]);
  });
});

describe('zd-number-picker.js as a partner embeds it', () => {
  it('registers the elements and works', async () => {
    await import(/* @vite-ignore */ path('zd-number-picker'));
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
    // Its styles survived the minification of the css`` templates (build: vite.config.ts).
    const base = getComputedStyle(picker.shadowRoot?.querySelector('.base') as Element);
    expect([base.borderTopLeftRadius, base.paddingTop]).to.deep.equal(['8px', '16px']);
    expect(getComputedStyle(options[0] as Element).justifyContent).to.equal('space-between');
  });
});

describe('zd-doc-upload.js beside zd-number-picker.js', () => {
  it('registers <zd-doc-upload>, which takes its configuration from the other bundle’s <zd-config>', async () => {
    await import(/* @vite-ignore */ path('zd-number-picker'));
    await import(/* @vite-ignore */ path('zd-doc-upload'));
    expect(customElements.get('zd-doc-upload')).not.to.equal(undefined);
    const env = await zdEnv();
    const config = await fixture(html`
      <zd-config proxy=${env.proxy} session-url=${env.sessionUrl} lang="de">
        <zd-doc-upload></zd-doc-upload>
      </zd-config>
    `);
    const docs = config.querySelector('zd-doc-upload') as HTMLElement;
    const legend = await waitFor(() => docs.shadowRoot?.querySelector('.choose legend'), 'the group chooser');
    expect(legend.textContent).to.contain('Wessen Angaben');
  });
});
