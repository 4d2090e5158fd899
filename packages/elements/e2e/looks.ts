/**
 * How the elements look, kept under review: a screenshot of each state, at a phone's 320 px, is compared
 * with the committed one in `e2e/looks/` (a change in look is looked at, not accidental). Each run's
 * screenshots, and the difference where one differs, are kept in `e2e/artifacts/` as test artefacts.
 *
 * `UPDATE_LOOKS=1 npm run test:partner` writes the committed ones anew (then review them: `git diff --stat`,
 * and look at the pictures).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { ElementHandle, Page } from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const committed = path.join(here, 'looks');
const artifacts = path.join(here, 'artifacts');

/** Share of pixels that may differ (anti-aliasing noise), per comparison. */
const TOLERANCE = 0.001;

/** Holds still what moves: the text caret (CSSOM, which a strict CSP allows) and animations. */
export async function steady(page: Page): Promise<void> {
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await page.evaluate(() => document.documentElement.style.setProperty('caret-color', 'transparent'));
}

/**
 * Compares `element`'s look with the committed `name.png`; returns a description of the difference, or
 * undefined when it looks the same.
 */
export async function compareLook(element: ElementHandle, name: string): Promise<string | undefined> {
  mkdirSync(artifacts, { recursive: true });
  const shot = Buffer.from(await element.screenshot({ type: 'png' }));
  writeFileSync(path.join(artifacts, `${name}.png`), shot);
  const reference = path.join(committed, `${name}.png`);
  if (process.env.UPDATE_LOOKS === '1') {
    mkdirSync(committed, { recursive: true });
    writeFileSync(reference, shot);
    return undefined;
  }
  if (!existsSync(reference)) {
    return `no committed look e2e/looks/${name}.png (UPDATE_LOOKS=1 npm run test:partner writes it)`;
  }
  const actual = PNG.sync.read(shot);
  const expected = PNG.sync.read(readFileSync(reference));
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return `${name}: ${actual.width}×${actual.height} px, committed ${expected.width}×${expected.height} px`;
  }
  const diff = new PNG({ width: actual.width, height: actual.height });
  const differing = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, {
    threshold: 0.1,
  });
  if (differing <= actual.width * actual.height * TOLERANCE) return undefined;
  writeFileSync(path.join(artifacts, `${name}.diff.png`), PNG.sync.write(diff));
  return `${name}: ${differing} pixels differ (see e2e/artifacts/${name}.diff.png)`;
}
