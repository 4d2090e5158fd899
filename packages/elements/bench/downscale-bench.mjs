/* global window */
// `npm run bench:downscale`: how long `<zd-doc-upload>` takes to bring a phone photo over the 5 MiB limit
// under it, in Chromium (Debian's), against only decoding the same photo, measured in the same run.
// Prints; asserts nothing. Needs the built package (the npm script builds it first).
import { withChromium } from './chromium.mjs';

const ROUNDS = Number(process.env.ROUNDS || 5);
const MiB = 1024 * 1024;

await withChromium(async (page, origin) => {
  await page.goto(`${origin}/downscale-bench.html`, { waitUntil: 'load' });
  await page.waitForFunction('typeof window.runBench === "function"');
  const results = await page.evaluate((rounds) => window.runBench(rounds), ROUNDS);
  console.log(`downscaleImage, medians of ${ROUNDS} rounds (Chromium, no GPU)`);
  console.log(
    '| photo | size | after | decode only | downscale | ratio |\n| --- | --- | --- | --- | --- | --- |',
  );
  for (const r of results) {
    console.log(
      `| ${r.name} | ${(r.bytes / MiB).toFixed(1)} MiB | ${(r.outBytes / MiB).toFixed(1)} MiB | ` +
        `${r.decode.toFixed(0)} ms | ${r.downscale.toFixed(0)} ms | ${(r.downscale / r.decode).toFixed(1)}× |`,
    );
  }
});
