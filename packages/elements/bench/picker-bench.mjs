// `npm run bench:picker`: with 5,000 available numbers, the time from a mask keystroke to the updated list
// in Chromium (Debian's), p50/p99, against a plain-DOM baseline measured in the same run. Prints; asserts
// nothing. Needs the built bundle (the npm script builds it first).
import { withChromium } from './chromium.mjs';

await withChromium(async (page, origin) => {
  await page.goto(`${origin}/picker-bench.html?rounds=${process.env.ROUNDS || 300}`, { waitUntil: 'load' });
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
});
