#!/usr/bin/env node
/* global window -- (in the page's page.evaluate callback) */
// `npm run bench:softphone`: call setup time (dial → confirmed: the caller's 2xx received and ACK sent),
// p50/p95, for our phone engine (createPhoneEngine: microphone and ICE pre-warmed, the INVITE sent on the
// first usable candidate) against stock JsSIP (a plain UA, `ua.call()` with `mediaConstraints: {audio:
// true}`: the microphone opened per call, the INVITE sent when ICE gathering completes), through the
// sandbox's SIP gateway and through Kamailio, in one run, the two stacks' calls interleaved. Then the
// gzip -9 sizes of the softphone's script-tag bundle and its lazy chunks. Prints; asserts nothing.
// Usage: npm run bench:softphone [-- --calls 20 --servers gateway,kamailio]
// Real parts: the sandbox (with its gateway), the signing proxy in front of it, Kamailio with a second
// proxy, Debian's Chromium with fake media; the page (softphone-bench-page.ts) is bundled with esbuild.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { chromiumLaunchOptions, fakeMediaArgs } from '../../../scripts/chromium.mjs';
import { sandboxTestSupport } from '../../../scripts/sandbox-test-support.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '../../..');
const cdn = path.join(here, '../dist/cdn');
const host = '127.0.0.1';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: process.env.CALLS || '20' },
    servers: { type: 'string', default: 'gateway,kamailio' },
  },
});
const calls = Number(args.calls);
const wanted = new Set(args.servers.split(','));

// ── gzip -9 sizes (before the calls: they need only the build) ────────────────────────────────────────

/** The chunks a file imports (`./chunks/<name>-<hash>.js`, or `./<name>-<hash>.js` between chunks). */
async function importedChunks(file) {
  const text = await readFile(file, 'utf8');
  const names = new Set(
    [...text.matchAll(/["'`]\.\/(?:chunks\/)?([A-Za-z0-9_-]+-[A-Za-z0-9_-]{8}\.js)["'`]/g)].map((m) => m[1]),
  );
  return [...names].map((name) => path.join(cdn, 'chunks', name));
}

/** Only when the customer opens the audio settings; everything else the bundle imports loads on "enable calls". */
const ON_DEMAND = /^settings-panel-/;

/**
 * The bundle, then what "enable calls" loads (every chunk the bundle imports but the settings, and JsSIP
 * through the engine), then the settings.
 */
async function bundleSizes() {
  const entry = path.join(cdn, 'zd-softphone.js');
  const direct = await importedChunks(entry);
  const engine = direct.find((f) => path.basename(f).startsWith('engine-'));
  if (!engine) throw new Error('zd-softphone.js imports no engine-*.js chunk');
  const jssip = (await importedChunks(engine)).find((f) => path.basename(f).startsWith('jssip-chunk-'));
  if (!jssip) throw new Error('the engine chunk imports no jssip-chunk-*.js');
  const onEnable = [...direct.filter((f) => !ON_DEMAND.test(path.basename(f))), jssip];
  const rows = [];
  for (const [file, when] of [
    [entry, 'first load'],
    ...onEnable.map((f) => [f, 'enable calls']),
    ...direct.filter((f) => ON_DEMAND.test(path.basename(f))).map((f) => [f, 'settings opened']),
  ]) {
    const raw = await readFile(file);
    const name = file === entry ? 'zd-softphone.js' : `chunks/${path.basename(file)}`;
    rows.push({ name, when, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
  }
  return rows;
}

let sizes;
try {
  sizes = await bundleSizes();
} catch (error) {
  console.error(`bundle sizes: ${error.message} (run \`npm run build:elements\` first)`);
  process.exit(1);
}

// ── the harness: sandbox, proxies, Kamailio ───────────────────────────────────────────────────────────

/** The bench page's script: the engine from source and JsSIP, one ES module. */
async function pageBundle() {
  const result = await build({
    entryPoints: [path.join(here, 'softphone-bench-page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['browser', 'production'],
    minify: true,
    tsconfig: path.join(here, '../tsconfig.json'),
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

const load = (p) =>
  import(pathToFileURL(path.join(root, p)).href).catch(() => {
    throw new Error('packages are not built: run `npm run build` first (npm run bench:softphone does)');
  });
const { startSandbox } = await load('packages/sandbox/dist/index.js');
const { startProxy, configFromEnv, mintSessionToken } = await load('packages/proxy/dist/index.js');
const support = await sandboxTestSupport();
const script = await pageBundle();

const sessionSecret = randomBytes(48).toString('base64');
const closers = [];
const page = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://x');
  if (pathname === '/softphone-bench-page.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
  } else if (pathname === '/') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      '<!doctype html><meta charset="utf-8"><title>softphone bench</title>' +
        '<script type="module" src="/softphone-bench-page.js"></script>',
    );
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => page.listen(0, host, resolve));
closers.push(() => new Promise((resolve) => page.close(resolve)));
const origin = `http://${host}:${page.address().port}`;

let results = [];
try {
  const sandbox = await startSandbox({ host, port: 0, verificationDelayMs: null });
  closers.unshift(() => sandbox.close());
  const proxyConfig = (softphone) => {
    const config = configFromEnv({
      ZADARMA_KEY: sandbox.key,
      ZADARMA_SECRET: sandbox.secret,
      ZADARMA_API_URL: sandbox.url,
      HOST: host,
      PORT: '0',
      ZD_SESSION_SECRET: sessionSecret,
      ZD_ALLOWED_ORIGINS: origin,
      // 40+ calls each fetch nothing from the proxy, but registrations do; the budget is the proxy's bench.
      ZD_BUDGET_PER_MINUTE: '100000',
      ZD_BUDGET_PER_SESSION: '100000',
      ZD_LOG_LEVEL: 'error',
    });
    config.proxy.softphone = { ...softphone, iceServers: [] };
    return config;
  };
  const servers = [];
  if (wanted.has('gateway')) {
    const proxy = await startProxy(proxyConfig({ wsUrl: sandbox.sip.wsUrl, domain: sandbox.sip.domain }));
    closers.unshift(() => proxy.close());
    servers.push({ name: 'gateway', proxy: proxy.url });
  }
  if (wanted.has('kamailio')) {
    try {
      if (!support.kamailioInstalled()) throw new Error('not installed: run scripts/setup-system.sh as root');
      const kamailio = await support.startKamailio({ sandboxUrl: sandbox.url, domain: sandbox.sip.domain });
      closers.unshift(() => kamailio.close());
      const proxy = await startProxy(proxyConfig({ wsUrl: kamailio.wsUrl, domain: kamailio.domain }));
      closers.unshift(() => proxy.close());
      servers.push({ name: 'kamailio', proxy: proxy.url });
    } catch (error) {
      const why = String(error.message).replace(/\s+/g, ' ').trim();
      console.error(`Kamailio did not start (${why}); measuring the gateway only.`);
    }
  }

  const [caller, callee] = await support.pbxExtensions(sandbox, sandbox.demoUser.id, 2);
  const token = async (sip) =>
    (
      await mintSessionToken(sessionSecret, {
        userId: sandbox.demoUser.id,
        scopes: ['softphone'],
        sip: [sip],
        ttlSeconds: 3600,
      })
    ).token;
  for (const server of servers) {
    server.callerToken = await token(caller.number);
    server.calleeToken = await token(callee.number);
  }

  const browser = await puppeteer.launch({
    ...chromiumLaunchOptions,
    args: [...chromiumLaunchOptions.args, ...fakeMediaArgs],
  });
  closers.unshift(() => browser.close());
  const tab = await browser.newPage();
  tab.on('pageerror', (error) => console.error('page error:', error.message));
  await tab.goto(origin, { waitUntil: 'load' });
  await tab.waitForFunction('typeof window.runBench === "function"');
  console.error(`measuring ${calls} calls per stack on ${servers.map((s) => s.name).join(' and ')}…`);
  results = await tab.evaluate((config) => window.runBench(config), {
    servers,
    caller: caller.number,
    callee: callee.number,
    calls,
  });
} finally {
  for (const close of closers) await close().catch(() => undefined);
}

// ── the figures ───────────────────────────────────────────────────────────────────────────────────────

/** Nearest-rank percentile (p95 of 20 calls is the 19th fastest). */
function percentile(values, p) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '–');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

console.log(
  `\nCall setup, dial → confirmed (2xx + ACK), ${calls} calls per stack, interleaved, after one uncounted call each (Chromium, fake media)`,
);
console.log(
  `  ${pad('server', 10)}${pad('stack', 8)}${lpad('p50', 8)}${lpad('p95', 8)}   before INVITE p50   INVITE→2xx p50`,
);
for (const r of results) {
  if (r.error) console.log(`  ${pad(r.name, 10)}error: ${r.error}`);
  for (const stack of ['ours', 'stock']) {
    const samples = r.samples[stack];
    if (samples.length === 0) continue;
    const setup = samples.map((s) => s.setupMs);
    const signalling = samples.map((s) => s.signallingMs);
    const before = samples.map((s) => s.setupMs - s.signallingMs);
    console.log(
      `  ${pad(r.name, 10)}${pad(stack, 8)}${lpad(ms(percentile(setup, 50)), 8)}${lpad(ms(percentile(setup, 95)), 8)}` +
        `   ${lpad(ms(percentile(before, 50)), 17)}   ${lpad(ms(percentile(signalling, 50)), 14)}` +
        `   (n=${samples.length})`,
    );
  }
}
for (const r of results) {
  if (r.oursTimings.length === 0) continue;
  const of = (key) =>
    ms(
      percentile(
        r.oursTimings.map((t) => t[key] ?? Number.NaN),
        50,
      ),
    );
  console.log(
    `  ${pad(r.name, 10)}ours before the INVITE, p50: microphone ${of('mediaMs')}, first usable candidate ${of('iceMs')}`,
  );
}
for (const r of results) {
  const stock = r.samples.stock;
  if (stock.length === 0) continue;
  const mic = percentile(
    stock.map((s) => s.gatheringStartMs),
    50,
  );
  const gathering = percentile(
    stock.map((s) => s.setupMs - s.signallingMs - s.gatheringStartMs),
    50,
  );
  console.log(
    `  ${pad(r.name, 10)}stock before the INVITE, p50: microphone + offer ${ms(mic)}, ICE gathering to its end ${ms(gathering)}`,
  );
}
console.log('\nOurs / stock, and the targets (≤ 250 ms p50 on loopback, ≤ 0.6× stock)');
for (const r of results) {
  const p = (stack, q) =>
    percentile(
      r.samples[stack].map((s) => s.setupMs),
      q,
    );
  const ours50 = p('ours', 50);
  const ratio50 = ours50 / p('stock', 50);
  const ratio95 = p('ours', 95) / p('stock', 95);
  if (!Number.isFinite(ratio50)) {
    console.log(`  ${pad(r.name, 10)}no ratio (too few calls)`);
    continue;
  }
  console.log(
    `  ${pad(r.name, 10)}p50 ${ratio50.toFixed(2)}×   p95 ${ratio95.toFixed(2)}×   ` +
      `ours p50 ≤ 250 ms: ${ours50 <= 250 ? 'met' : 'NOT met'}   ≤ 0.6× stock: ${ratio50 <= 0.6 ? 'met' : 'NOT met'}`,
  );
}
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log('\nzd-softphone bundle (dist/cdn), gzip -9 (KB = 1,000 B)');
for (const s of sizes)
  console.log(`  ${pad(s.name, 36)}${lpad(kb(s.gzip), 10)}   (raw ${kb(s.raw)})   ${s.when}`);
const loaded = sizes.filter((s) => s.when !== 'settings opened');
const sum = loaded.reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });
console.log(`  ${pad('once calls are enabled', 36)}${lpad(kb(sum.gzip), 10)}   (raw ${kb(sum.raw)})`);
process.exit(0);
