#!/usr/bin/env node
// npm run bench:proxy — throughput and latency of the proxy against a bare forwarder, measured in the
// same run, on the same local upstream, with the same load (autocannon). Prints figures and ratios;
// asserts nothing. Each request asks for a different mask, so the proxy's coalescing cannot help it.
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { mintSessionToken } from '../dist/index.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = 2;
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function start(script, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function waitForHealth(url) {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not up: ${url}`);
}

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

const summary = (r) => ({
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
});

const upstreamPort = await freePort();
const upstream = await start(here('./upstream.mjs'), [String(upstreamPort)]);
const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;

const forwarderPort = await freePort();
const forwarder = await start(here('./bare-forwarder.mjs'), [String(forwarderPort), upstreamUrl]);

const sessionSecret = 'bench-session-secret-0123456789abcdefghij';
const proxyPort = await freePort();
const proxy = fork(here('./proxy-with-cpu.mjs'), [], {
  env: {
    PATH: process.env.PATH,
    PORT: String(proxyPort),
    ZADARMA_KEY: 'bench-key',
    ZADARMA_SECRET: 'bench-secret',
    ZADARMA_API_URL: upstreamUrl,
    ZD_SESSION_SECRET: sessionSecret,
    ZD_LOG_LEVEL: 'warn',
    // Zadarma's real budget (100/min) would measure the budget, not the proxy.
    ZD_BUDGET_PER_MINUTE: '100000000',
    ZD_BUDGET_PER_SESSION: '100000000',
  },
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  // BENCH_PROF=dir writes a CPU profile of the proxy there.
  execArgv: process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [],
});
const children = [proxy, forwarder, upstream];
process.on('exit', () => children.forEach((child) => child.kill()));
await waitForHealth(`http://127.0.0.1:${proxyPort}/healthz`);
const { token } = await mintSessionToken(sessionSecret, {
  userId: 12345,
  scopes: ['numbers:read'],
  ttlSeconds: 3600,
});

console.log(
  `proxy benchmark: ${CONNECTIONS} connections, ${DURATION} s per run, ${ROUNDS} rounds, node ${process.version}`,
);
const results = { forwarder: [], proxy: [] };
await load(`http://127.0.0.1:${forwarderPort}`, {}); // warm-up of both, not counted
await load(`http://127.0.0.1:${proxyPort}`, { authorization: `Bearer ${token}` });
for (let round = 0; round < ROUNDS; round++) {
  results.forwarder.push(await measure(forwarder, `http://127.0.0.1:${forwarderPort}`, {}));
  results.proxy.push(
    await measure(proxy, `http://127.0.0.1:${proxyPort}`, { authorization: `Bearer ${token}` }),
  );
}
const mean = (list, key) => list.reduce((a, r) => a + r[key], 0) / list.length;
const row = (name, list) =>
  `${name.padEnd(16)} ${mean(list, 'rps').toFixed(0).padStart(8)} req/s   p50 ${mean(list, 'p50').toFixed(2).padStart(6)} ms   p99 ${mean(list, 'p99').toFixed(2).padStart(6)} ms   CPU ${mean(list, 'cpuPerRequest').toFixed(0).padStart(4)} µs/request   errors ${mean(list, 'errors')}`;
console.log(row('bare forwarder', results.forwarder));
console.log(row('zd-proxy', results.proxy));
const ratio = mean(results.proxy, 'rps') / mean(results.forwarder, 'rps');
const addedP50 = mean(results.proxy, 'p50') - mean(results.forwarder, 'p50');
console.log(`throughput ratio proxy/forwarder: ${(ratio * 100).toFixed(1)} %   (target ≥ 80 %)`);
console.log(`added latency at p50: ${addedP50.toFixed(2)} ms   (target < 1 ms)`);
const cpuRatio = mean(results.proxy, 'cpuPerRequest') / mean(results.forwarder, 'cpuPerRequest');
console.log(`CPU per request proxy/forwarder: ${cpuRatio.toFixed(2)}×`);

process.exit(0);
