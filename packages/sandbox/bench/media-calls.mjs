#!/usr/bin/env node
// npm run bench:media — what concurrent media-party calls cost one Node process: N tone → recorder pairs
// (2N werift peers, 2N × 50 packets/s) on loopback for S seconds; prints setup time, CPU (user+system,
// % of one core), RSS growth, and what the recorders got (packets/s, energy). Asserts nothing.
// Usage: npm run bench:media [-- --pairs 10 --seconds 5]   (needs `npm run build`)
import { parseArgs } from 'node:util';
import { createMediaCall } from '../dist/index.js';

const { values } = parseArgs({
  options: { pairs: { type: 'string', default: '10' }, seconds: { type: 'string', default: '5' } },
});
const pairs = Number(values.pairs);
const seconds = Number(values.seconds);

const rssBefore = process.memoryUsage().rss;
const setupStart = performance.now();
const calls = await Promise.all(
  Array.from({ length: pairs }, async () => {
    const tone = createMediaCall('tone');
    const recorder = createMediaCall('recorder');
    await tone.accept(await recorder.answer(await tone.offer()));
    await Promise.all([tone.connected(), recorder.connected()]);
    return { tone, recorder };
  }),
);
const setupMs = performance.now() - setupStart;
const before = calls.map(({ recorder }) => recorder.report().audioPacketsReceived);
const cpuStart = process.cpuUsage();
const wallStart = performance.now();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const cpu = process.cpuUsage(cpuStart);
const wall = performance.now() - wallStart;
const rssAfter = process.memoryUsage().rss;
const rates = calls.map(
  ({ recorder }, i) => (recorder.report().audioPacketsReceived - (before[i] ?? 0)) / (wall / 1000),
);
const energies = calls.map(({ recorder }) => recorder.report().audioEnergy);
await Promise.all(calls.flatMap(({ tone, recorder }) => [tone.close(), recorder.close()]));
console.log(
  `${pairs} pairs (${pairs * 2} peers), ${seconds} s: all connected in ${setupMs.toFixed(0)} ms; ` +
    `CPU ${(((cpu.user + cpu.system) / 1000 / wall) * 100).toFixed(1)} % of one core; ` +
    `RSS +${((rssAfter - rssBefore) / 1e6).toFixed(0)} MB; recorder packets/s ${Math.min(...rates).toFixed(1)}–${Math.max(...rates).toFixed(1)} ` +
    `(50 expected); energy ${Math.min(...energies).toFixed(3)}–${Math.max(...energies).toFixed(3)}`,
);
