/**
 * A customer on a phone (320 px), in German, with the keyboard only, on the partner's page of the root
 * README's snippet (no page script): a Berlin number, which needs an address and a passport — the picker
 * hands over to the document upload, the upload hides when the documents are in, the picker goes on to
 * the order. Each state's look is compared with the committed one (looks.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { focusPath, inShadow, launch, settled, tabTo, until, watchedPage, type Watched } from './browser.js';
import { startDeployment, type Deployment } from './deployment.js';
import { compareLook, steady } from './looks.js';
import { pageOf, readmeSnippets } from './snippets.js';

let deployment: Deployment;
let browser: Browser;

beforeAll(async () => {
  [deployment, browser] = await Promise.all([startDeployment(), launch()]);
});

afterAll(async () => {
  await browser?.close();
  await deployment?.close();
});

/** A real photo of a passport, as far as the upload can tell: a small PNG. */
function passportPhoto(): string {
  const png = new PNG({ width: 120, height: 80 });
  for (let y = 0; y < 80; y++)
    for (let x = 0; x < 120; x++) {
      const i = (y * 120 + x) * 4;
      png.data.set([40 + x, 60 + y, 140, 255], i);
    }
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'zd-e2e-')), 'reisepass.png');
  writeFileSync(file, PNG.sync.write(png));
  return file;
}

const visible = (page: Page, tag: string) =>
  page.evaluate((t) => {
    const e = document.querySelector<HTMLElement>(t);
    return !!e && !e.hidden && e.getBoundingClientRect().height > 0;
  }, tag);

it('orders a Berlin number with its documents, by keyboard, at 320 px', async () => {
  const snippet = readmeSnippets().find((s) => s.source.startsWith('README.md') && s.kind === 'html');
  if (!snippet) throw new Error('the root README has no embed snippet');
  deployment.page('/order.html', pageOf(snippet, deployment));
  const watched: Watched = await watchedPage(browser);
  const { page } = watched;
  const differences: string[] = [];
  const look = async (tag: 'zd-number-picker' | 'zd-doc-upload', name: string) => {
    await settled(page).catch((e: unknown) => {
      throw new Error(`${name}: ${String(e)}`);
    });
    const element = await page.$(tag);
    if (!element) throw new Error(`${tag} is not on the page`);
    const difference = await compareLook(element, name);
    if (difference) differences.push(difference);
  };
  const type = (text: string) => page.keyboard.type(text);
  const press = (key: 'Enter' | 'Tab' | 'ArrowDown' | 'Space') => page.keyboard.press(key);

  try {
    await page.goto(`${deployment.site}/login`);
    await page.goto(`${deployment.site}/order.html`);
    await steady(page);
    expect(await visible(page, 'zd-doc-upload'), 'the upload waits hidden').toBe(false);

    // 1. Country: once the countries are there, the first Tab lands in its search.
    await inShadow(page, 'zd-number-picker', '#country-list [role=option]');
    await press('Tab');
    expect(await focusPath(page)).toMatch(/zd-number-picker > input#country-input/);
    await type('Deutsch');
    await look('zd-number-picker', '01-country-search');
    await press('Enter');

    // 2. Area.
    await until(
      page,
      'the areas',
      () => !!document.querySelector('zd-number-picker')?.shadowRoot?.querySelector('#destination-list'),
    );
    expect(await focusPath(page)).toMatch(/input#destination-input/);
    await look('zd-number-picker', '02-areas');
    await type('Berlin');
    await press('Enter');

    // 3. Number, with digits typed: the numbers keep their grouping.
    await until(
      page,
      'the numbers',
      () =>
        !!document.querySelector('zd-number-picker')?.shadowRoot?.querySelector('#number-list [role=option]'),
    );
    expect(await focusPath(page)).toMatch(/input#number-input/);
    await type('41');
    await until(page, 'the numbers with 41', () =>
      [
        ...(document
          .querySelector('zd-number-picker')
          ?.shadowRoot?.querySelectorAll('#number-list [role=option]') ?? []),
      ].every((o) => o.textContent?.replace(/\s/g, '').includes('41')),
    );
    const options = await page.evaluate(() =>
      [
        ...(document
          .querySelector('zd-number-picker')
          ?.shadowRoot?.querySelectorAll('#number-list [role=option]') ?? []),
      ]
        .slice(0, 5)
        .map((o) => (o as HTMLElement).innerText.trim()),
    );
    for (const option of options) expect(option).toMatch(/^\+49 30 \d{3,4} ?\d{3,5}$/);
    await look('zd-number-picker', '03-numbers-masked');
    await press('ArrowDown');
    await press('Enter');

    // 4. Documents: the upload takes over, shows itself with focus on its heading; the picker points to it.
    await until(page, 'the upload shown', () => {
      const e = document.querySelector<HTMLElement>('zd-doc-upload');
      return !!e && !e.hidden;
    });
    await until(page, 'focus in the upload', () => document.activeElement?.localName === 'zd-doc-upload');
    expect(await focusPath(page)).toMatch(/zd-doc-upload > h2/);
    const pickerChecks = await page.evaluate(
      () => document.querySelector('zd-number-picker')?.shadowRoot?.querySelectorAll('.checklist').length,
    );
    expect(pickerChecks, 'the four checks are shown once, by the upload').toBe(0);
    await look('zd-number-picker', '04-picker-hands-over');
    await look('zd-doc-upload', '05-upload-opens');

    // The demo customer's details lack the address: edit them.
    await tabTo(page, /zd-doc-upload > button "Angaben ändern"/);
    await press('Enter');
    await until(
      page,
      'the form',
      () => !!document.querySelector('zd-doc-upload')?.shadowRoot?.querySelector('#f-street'),
    );
    await look('zd-doc-upload', '06-details-form');
    for (const [field, value] of [
      ['f-street', 'Invalidenstraße'],
      ['f-building_number', '117'],
      ['f-zip_code', '10115'],
    ] as const) {
      await tabTo(page, new RegExp(`input#${field}`));
      await type(value);
    }
    await press('Enter'); // submits the form
    await inShadow(page, 'zd-doc-upload', 'button', 'Datei hierher ziehen oder auswählen');
    await look('zd-doc-upload', '07-files');

    // The passport: the drop zone is a button; Enter opens the file chooser.
    await tabTo(page, /button "Datei hierher ziehen oder auswählen/);
    const chooser = page.waitForFileChooser();
    // One round trip first: the file chooser is intercepted before the key goes out (CDP keeps order).
    await page.evaluate(() => undefined);
    await press('Enter');
    const submitted = page.evaluate(
      () =>
        new Promise<void>((r) =>
          document.addEventListener('zd-documents-submitted', () => r(), { once: true }),
        ),
    );
    await (await chooser).accept([passportPhoto()]);
    await submitted;

    // 5. The upload hides; focus comes back to the picker, which shows the verification pending.
    await until(
      page,
      'the upload hidden',
      () => !!document.querySelector<HTMLElement>('zd-doc-upload')?.hidden,
    );
    await until(
      page,
      'focus back in the picker',
      () => document.activeElement?.localName === 'zd-number-picker',
    );
    await inShadow(page, 'zd-number-picker', '.check--pending');
    await look('zd-number-picker', '08-verification-pending');
    await tabTo(page, /button "Weiter"/);
    await press('Enter');

    // 6. Order: one month, renewed monthly; the order button is reached and pressed by keyboard.
    await inShadow(page, 'zd-number-picker', '[part~=order-button]');
    await look('zd-number-picker', '09-order');
    await tabTo(page, /button "Für [\d,]+ € bestellen"/);
    await press('Enter');
    const done = await inShadow(page, 'zd-number-picker', '[part~=done]');
    const summary = await done.evaluate((e) => (e as HTMLElement).innerText);
    expect(summary).toMatch(/\+49 30/);
    expect(summary).toMatch(/1 Monat/);
    await look('zd-number-picker', '10-done');

    const state = (await deployment.sandboxControl('/sandbox/users/200001')) as { orders?: number };
    expect(state.orders, 'one order, not two').toBe(1);
    expect(watched.cspViolations).toEqual([]);
    expect(watched.pageErrors).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
    expect(differences, 'looks that changed (review them, then UPDATE_LOOKS=1)').toEqual([]);
  } finally {
    await page.close();
  }
});
