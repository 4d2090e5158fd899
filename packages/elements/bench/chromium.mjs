// For the benchmarks in Chromium (scripts/chromium.mjs): serves this folder and packages/elements/dist over HTTP,
// opens a page in headless Chromium, and closes both afterwards.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '../dist');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript' };

/** Runs `use(page, origin)` on a page of Chromium; `/x.html` and `/x.js` are this folder's, `/dist/...` the build. */
export async function withChromium(use) {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://x');
    const file = pathname.startsWith('/dist/')
      ? path.join(dist, path.normalize(pathname.slice('/dist'.length)))
      : path.join(here, path.basename(pathname));
    try {
      if (!file.startsWith(here) && !file.startsWith(dist)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const browser = await puppeteer.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    return await use(page, `http://127.0.0.1:${port}`);
  } finally {
    await browser.close();
    server.close();
  }
}
