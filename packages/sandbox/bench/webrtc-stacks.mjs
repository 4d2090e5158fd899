#!/usr/bin/env node
// npm run bench:webrtc-stacks — the figures behind the media party's choice of WebRTC stack: each
// candidate installed alone into an empty temporary directory (from the npm registry, as a user would),
// its size on disk and package count, the median time of `await import()` in 5 fresh Node processes,
// and whether it hands out RTP packets (what RFC 4733 digits and a PCMU echo need). Asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, lstatSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STACKS = [
  // The RTP probe: an API that gives and takes whole RTP packets, not just decoded audio.
  {
    spec: 'werift@0.24.4',
    name: 'werift',
    rtp: "typeof m.RTCDtlsTransport.prototype.sendRtp === 'function'",
  },
  {
    spec: '@roamhq/wrtc',
    name: '@roamhq/wrtc',
    rtp: 'Object.keys(m.default ?? m).some((k) => /rtp/i.test(k) && !/^RTCRtp(Sender|Receiver|Transceiver)$/.test(k))',
  },
  {
    spec: 'node-datachannel',
    name: 'node-datachannel',
    rtp: "typeof (m.default ?? m).Track === 'function' && 'sendMessageBinary' in (m.default ?? m).Track.prototype",
  },
];

function sizeOf(dir) {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    bytes += entry.isDirectory() ? sizeOf(path) : lstatSync(path).size;
  }
  return bytes;
}

const node = (cwd, script) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8' }).trim();

console.log(`Node ${process.version}`);
for (const { spec, name, rtp } of STACKS) {
  const dir = mkdtempSync(join(tmpdir(), 'zd-webrtc-'));
  try {
    execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
    execFileSync('npm', ['install', '--no-audit', '--no-fund', spec], { cwd: dir, stdio: 'ignore' });
    const version = node(
      dir,
      `import { readFileSync } from 'node:fs'; console.log(JSON.parse(readFileSync('node_modules/${name}/package.json')).version)`,
    );
    const packages = Number(
      node(
        dir,
        `import { readFileSync } from 'node:fs'; console.log(Object.keys(JSON.parse(readFileSync('package-lock.json')).packages).length - 1)`,
      ),
    );
    const times = [];
    for (let i = 0; i < 5; i++)
      times.push(
        Number(
          node(
            dir,
            `const t = performance.now(); await import('${name}'); console.log(performance.now() - t); process.exit(0);`,
          ),
        ),
      );
    times.sort((a, b) => a - b);
    const rtpAccess = node(
      dir,
      `const m = await import('${name}'); console.log(${rtp} ? 'yes' : 'no'); process.exit(0);`,
    );
    console.log(
      `${name}@${version}: ${(sizeOf(join(dir, 'node_modules')) / 1e6).toFixed(1)} MB in ${packages} packages, ` +
        `import ${times[2].toFixed(0)} ms (median of 5, ${times[0].toFixed(0)}–${times[4].toFixed(0)}), RTP access: ${rtpAccess}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
