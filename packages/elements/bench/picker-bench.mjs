// `npm run bench:picker`: with 5,000 available numbers, the time from a mask keystroke to the updated list
// in Chromium (Debian's), p50/p99, against a plain-DOM baseline measured in the same run. Prints; asserts
// nothing. Needs the built bundle (the npm script builds it first).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = {
  '/': path.join(here, 'picker-bench.html'),
  '/picker-bench-page.js': path.join(here, 'picker-bench-page.js'),
};
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const file = url.pathname.startsWith('/cdn/')
    ? path.join(here, '../dist', path.normalize(url.pathname))
    : files[url.pathname];
  try {
    if (!file) throw new Error('not found');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'text/javascript' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${port}/?rounds=${process.env.ROUNDS || 300}`, { waitUntil: 'load' });
  await page.waitForFunction('typeof window.runBench === "function"');
  const r = await page.evaluate('window.runBench()');
  const ms = (x) => `${x.toFixed(2)} ms`;
  console.log(
    `zd-number-picker: ${r.numbers} available numbers, ${r.keystrokes} mask keystrokes (Chromium, production bundle)`,
  );
  console.log(`  element   p50 ${ms(r.element.p50)}   p99 ${ms(r.element.p99)}   max ${ms(r.element.max)}`);
  console.log(
    `  plain DOM p50 ${ms(r.baseline.p50)}   p99 ${ms(r.baseline.p99)}   max ${ms(r.baseline.max)}`,
  );
  console.log(
    `  ratio     p50 ${(r.element.p50 / r.baseline.p50).toFixed(2)}×   p99 ${(r.element.p99 / r.baseline.p99).toFixed(2)}×`,
  );
  console.log(`  target    p50 ≤ 16 ms: ${r.element.p50 <= 16 ? 'met' : 'NOT met'}`);
} finally {
  await browser.close();
  server.close();
}
