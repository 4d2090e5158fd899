#!/usr/bin/env node
// npm run bench:proxy — throughput and latency of the proxy against a bare forwarder, measured in the
// same run, on the same local upstream, with the same load (autocannon). Prints figures and ratios;
// asserts nothing. Each request asks for a different mask, so the proxy's coalescing cannot help it.
import autocannon from 'autocannon';
import { startProxy, startServer } from './processes.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PROBES = 2000;

function load(url, headers) {
  let n = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION,
        headers,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              path: `/v1/direct_numbers/available/13755/?mask=${4400 + (n++ % 5000)}`,
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

// CPU time a server spends per request: steadier than throughput when the load generator shares the cores.
const cpuOf = (child) =>
  new Promise((resolve) => {
    child.once('message', (m) => resolve(m.user + m.system));
    child.send('cpu');
  });
async function measure(child, url, headers) {
  const before = await cpuOf(child);
  const result = await load(url, headers);
  const cpu = (await cpuOf(child)) - before;
  return { ...summary(result), cpuPerRequest: cpu / result.requests.total };
}

// Latency without load, one request at a time, timed here to the microsecond (autocannon counts whole ms).
async function probe(url, headers) {
  const times = [];
  for (let i = 0; i < PROBES; i++) {
    const started = performance.now();
    const response = await fetch(`${url}/v1/direct_numbers/available/13755/?mask=${9000 + i}`, { headers });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(PROBES / 2)] * 1000, p99: times[Math.floor(PROBES * 0.99)] * 1000 };
}

const summary = (r) => ({ rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.non2xx });

const upstream = await startServer('./upstream.mjs');
const forwarder = await startServer('./bare-forwarder.mjs', upstream.url);
const hono = await startServer('./hono-forwarder.mjs', upstream.url);
// BENCH_PROF=dir writes a CPU profile of the proxy there.
const proxy = await startProxy(
  upstream.url,
  ['numbers:read'],
  process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [],
);

const targets = {
  forwarder: { ...forwarder, headers: {} },
  hono: { ...hono, headers: {} },
  proxy,
};
console.log(
  `proxy benchmark: ${CONNECTIONS} connections, ${DURATION} s a run, medians of ${ROUNDS} rounds; ` +
    `unloaded latency from ${PROBES} sequential requests; node ${process.version}`,
);
const results = { forwarder: [], hono: [], proxy: [] };
const probes = {};
for (const { url, headers } of Object.values(targets)) await load(url, headers); // warm-up, not counted
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, { child, url, headers }] of Object.entries(targets)) {
    results[name].push(await measure(child, url, headers));
  }
}
for (const [name, { url, headers }] of Object.entries(targets)) probes[name] = await probe(url, headers);

const median = (name, key) => results[name].map((r) => r[key]).sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
const row = (label, name) =>
  `${label.padEnd(15)} ${median(name, 'rps').toFixed(0).padStart(6)} req/s   CPU ${median(
    name,
    'cpuPerRequest',
  )
    .toFixed(0)
    .padStart(4)} µs/req   loaded p99 ${median(name, 'p99').toFixed(1).padStart(4)} ms   ` +
  `unloaded p50 ${probes[name].p50.toFixed(0).padStart(4)} µs, p99 ${probes[name].p99.toFixed(0).padStart(5)} µs   ` +
  `errors ${median(name, 'errors')}`;
console.log(row('bare forwarder', 'forwarder'));
console.log(row('Hono forwarder', 'hono'));
console.log(row('zd-proxy', 'proxy'));
const percent = (a, b) => `${((median(a, 'rps') / median(b, 'rps')) * 100).toFixed(1)} %`;
console.log(`throughput proxy / bare forwarder: ${percent('proxy', 'forwarder')}   (target ≥ 80 %)`);
console.log(
  `throughput proxy / Hono forwarder: ${percent('proxy', 'hono')}   (same framework, without the proxy's work)`,
);
console.log(
  `CPU per request proxy / bare forwarder: ${(median('proxy', 'cpuPerRequest') / median('forwarder', 'cpuPerRequest')).toFixed(2)}×`,
);
console.log(
  `added latency at p50: ${((probes.proxy.p50 - probes.forwarder.p50) / 1000).toFixed(3)} ms   (target < 1 ms)`,
);

process.exit(0);
