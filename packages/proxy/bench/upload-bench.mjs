#!/usr/bin/env node
// npm run bench:upload — memory of the proxy while document uploads go through it, against a forwarder
// that reads each upload whole before passing it on (the baseline, measured in the same run, same
// upstream, same load). Prints the peak growth of each server's resident memory (sampled from
// /proc/<pid>/status) over its resting size, and that growth per byte in flight. Asserts nothing.
import { readFileSync } from 'node:fs';
import { startProxy, startServer } from './processes.mjs';

// Uploads at once: enough that a server holding them whole shows it over the noise of the heap.
const CONCURRENT = Number(process.env.BENCH_UPLOADS ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FILE_BYTES = 5 * 1024 * 1024; // the largest file the proxy takes
const MiB = 1024 * 1024;

/** Resident memory of a process now, in bytes (Linux). */
function rss(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error('no VmRSS in /proc (this benchmark needs Linux)');
  return Number(line[1]) * 1024;
}

// A PDF as the proxy's sniffing sees it: the header, then padding.
const file = Buffer.alloc(FILE_BYTES, 0x20);
file.write('%PDF-1.4\n');

function upload(url, headers) {
  const form = new FormData();
  form.set('group_id', '0');
  form.set('document_type', 'passport');
  form.set('file', new Blob([file], { type: 'application/pdf' }), 'passport.pdf');
  return fetch(`${url}/v1/documents/upload/`, { method: 'POST', headers, body: form }).then(async (r) => {
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`upload answered ${r.status}`);
  });
}

/**
 * The peak resident size of `pid` over `ROUNDS` rounds of `CONCURRENT` uploads at once, less its size at
 * rest before them (freed memory is not always given back, so only the whole run's peak is comparable).
 */
async function peakGrowth(pid, url, headers) {
  const resting = rss(pid);
  let peak = resting;
  const sampler = setInterval(() => (peak = Math.max(peak, rss(pid))), 2);
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all(Array.from({ length: CONCURRENT }, () => upload(url, headers)));
  }
  clearInterval(sampler);
  return Math.max(peak, rss(pid)) - resting;
}

const upstream = await startServer('./upstream.mjs');
const buffering = await startServer('./buffering-forwarder.mjs', upstream.url);
const proxy = await startProxy(upstream.url, ['documents']);
const targets = {
  'buffering forwarder': { pid: buffering.child.pid, url: buffering.url, headers: {} },
  'zd-proxy': { pid: proxy.child.pid, url: proxy.url, headers: proxy.headers },
};
const inFlight = CONCURRENT * FILE_BYTES;
console.log(
  `upload benchmark: ${ROUNDS} rounds of ${CONCURRENT} uploads of ${FILE_BYTES / MiB} MiB at once ` +
    `(${inFlight / MiB} MiB in flight); peak resident growth over the size at rest; node ${process.version}`,
);
for (const { url, headers } of Object.values(targets)) await upload(url, headers); // warm-up
console.log('\n| | peak growth | per byte in flight |\n| --- | --- | --- |');
const growth = {};
for (const [name, { pid, url, headers }] of Object.entries(targets)) {
  growth[name] = await peakGrowth(pid, url, headers);
  console.log(
    `| ${name} | ${(growth[name] / MiB).toFixed(1)} MiB | ${(growth[name] / inFlight).toFixed(2)} |`,
  );
}
const ratio = growth['zd-proxy'] / growth['buffering forwarder'];
console.log(`| zd-proxy / buffering | **${(ratio * 100).toFixed(0)} %** | |`);
process.exit(0);
