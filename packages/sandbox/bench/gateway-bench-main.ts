/**
 * The gateway bench (run by gateway-bench.mjs): against each SIP server, N extensions of the sandbox
 * (20 PBXs of 50 for N = 1,000) register over WebSocket with digest (raw SIP clients: light enough
 * that the server, not the clients, is measured), then calls are set up one at a time between
 * extensions of the same PBX. Memory is the server's: Kamailio's processes (PSS, so its shared memory
 * is counted once), or the sandbox process that holds the gateway.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startKamailio } from '../test-support/kamailio.js';
import {
  newPbxUser,
  pbxExtensions,
  type SandboxAccess,
  type SandboxExtension,
} from '../test-support/sandbox-extensions.js';
import { SipWsClient } from '../test-support/sip-ws-client.js';

interface BenchOptions {
  servers: string[];
  extensions: number;
  calls: number;
  concurrency: number;
}

interface Target {
  name: string;
  wsUrl: string;
  domain: string;
  /** The processes whose memory is the server's. */
  pids(): number[];
  close(): Promise<void>;
}

interface Result {
  name: string;
  registrationsPerSecond: number;
  memoryBeforeMb: number;
  memoryAfterMb: number;
  setupMedianMs: number;
  setupP95Ms: number;
  failures: number;
}

const EXTENSIONS_PER_PBX = 50;

function parseArgs(args: string[]): BenchOptions {
  const value = (name: string, fallback: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
  };
  return {
    servers: value('servers', 'kamailio,gateway').split(','),
    extensions: Number(value('extensions', '1000')),
    calls: Number(value('calls', '200')),
    concurrency: Number(value('concurrency', '50')),
  };
}

/** Memory in MB: PSS summed over the processes (RSS would count Kamailio's shared memory per worker). */
function memoryMb(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kb += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** A process and every process in its group (Kamailio's workers). */
function processGroup(leader: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === leader) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

async function startSandboxProcess(): Promise<{
  child: ChildProcess;
  access: SandboxAccess;
  sip: { wsUrl: string; domain: string } | null;
}> {
  const script = fileURLToPath(new URL('./sandbox-process.mjs', import.meta.url));
  const child = fork(script, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const info = await new Promise<SandboxAccess & { sip: { wsUrl: string; domain: string } | null }>(
    (resolve, reject) => {
      child.once('message', (m) =>
        resolve(m as SandboxAccess & { sip: { wsUrl: string; domain: string } | null }),
      );
      child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} (run npm run build?)`)));
    },
  );
  return { child, access: { url: info.url, key: info.key, secret: info.secret }, sip: info.sip };
}

async function seed(access: SandboxAccess, count: number, domain: string): Promise<SandboxExtension[][]> {
  const pbxs: SandboxExtension[][] = [];
  for (let i = 0; pbxs.length * EXTENSIONS_PER_PBX < count; i++) {
    const userId = await newPbxUser(access, `bench${i}`);
    const size = Math.min(EXTENSIONS_PER_PBX, count - pbxs.length * EXTENSIONS_PER_PBX);
    pbxs.push(await pbxExtensions(access, userId, size, domain));
  }
  return pbxs;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function measure(target: Target, pbxs: SandboxExtension[][], options: BenchOptions): Promise<Result> {
  const all = pbxs.flat().map((e) => ({ ...e, domain: target.domain }));
  const memoryBeforeMb = memoryMb(target.pids());
  const clients = new Map<string, SipWsClient>();
  await pool(all, 100, async (ext) => {
    clients.set(ext.login, await SipWsClient.connect(target.wsUrl, ext));
  });
  let failures = 0;
  const started = performance.now();
  await pool(all, options.concurrency, async (ext) => {
    const status = (await clients.get(ext.login)?.register(3600))?.status;
    if (status !== 200) failures++;
  });
  const registrationsPerSecond = all.length / ((performance.now() - started) / 1000);
  await new Promise((r) => setTimeout(r, 500)); // let the server settle before reading its memory
  const memoryAfterMb = memoryMb(target.pids());

  const setups: number[] = [];
  for (let i = 0; i < options.calls; i++) {
    const pbx = pbxs[i % pbxs.length] ?? [];
    const from = pbx[Math.floor(i / pbxs.length) % pbx.length];
    const to = pbx[(Math.floor(i / pbxs.length) + 1) % pbx.length];
    const caller = from && clients.get(from.login);
    if (!caller || !to || from === to) continue;
    const call = await caller.invite(to.number);
    if (call.status !== 200) {
      failures++;
      continue;
    }
    setups.push(call.setupMs);
    await call.bye();
  }
  setups.sort((a, b) => a - b);
  for (const client of clients.values()) client.close();
  return {
    name: target.name,
    registrationsPerSecond,
    memoryBeforeMb,
    memoryAfterMb,
    setupMedianMs: percentile(setups, 0.5),
    setupP95Ms: percentile(setups, 0.95),
    failures,
  };
}

function print(results: Result[], options: BenchOptions): void {
  const f = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  console.log(
    `\n${options.extensions} extensions, ${options.concurrency} REGISTERs in flight, ${options.calls} calls one at a time\n`,
  );
  console.log('server     regs/s   memory MB before → after (Δ)   setup ms median   p95   failures');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(9)} ${f(r.registrationsPerSecond, 0).padStart(7)}   ${f(r.memoryBeforeMb).padStart(7)} → ${f(r.memoryAfterMb)} (${f(r.memoryAfterMb - r.memoryBeforeMb)})`.padEnd(
        50,
      ) + `${f(r.setupMedianMs, 2).padStart(16)} ${f(r.setupP95Ms, 2).padStart(6)}   ${r.failures}`,
    );
  }
  const kamailio = results.find((r) => r.name === 'kamailio');
  const gateway = results.find((r) => r.name === 'gateway');
  if (kamailio && gateway) {
    console.log(
      `\ngateway ÷ kamailio: regs/s ${f(gateway.registrationsPerSecond / kamailio.registrationsPerSecond, 2)}, ` +
        `memory after ${f(gateway.memoryAfterMb / kamailio.memoryAfterMb, 2)}, ` +
        `memory Δ ${f((gateway.memoryAfterMb - gateway.memoryBeforeMb) / (kamailio.memoryAfterMb - kamailio.memoryBeforeMb), 2)}, ` +
        `setup median ${f(gateway.setupMedianMs / kamailio.setupMedianMs, 2)}, p95 ${f(gateway.setupP95Ms / kamailio.setupP95Ms, 2)}`,
    );
  }
}

export async function main(args: string[]): Promise<void> {
  const options = parseArgs(args);
  const sandbox = await startSandboxProcess();
  try {
    const seeded = performance.now();
    const pbxs = await seed(sandbox.access, options.extensions, sandbox.sip?.domain ?? 'pbx.sandbox.test');
    console.log(
      `seeded ${pbxs.flat().length} extensions in ${pbxs.length} PBXs (${(performance.now() - seeded).toFixed(0)} ms)`,
    );
    const results: Result[] = [];
    for (const name of options.servers) {
      let target: Target;
      if (name === 'kamailio') {
        const kamailio = await startKamailio({ sandboxUrl: sandbox.access.url });
        target = {
          name,
          wsUrl: kamailio.wsUrl,
          domain: kamailio.domain,
          pids: () => processGroup(kamailio.pid),
          close: kamailio.close,
        };
      } else if (name === 'gateway') {
        if (!sandbox.sip) {
          console.log('gateway: this sandbox has no SIP gateway yet (RunningSandbox.sip unset), skipped');
          continue;
        }
        const pid = sandbox.child.pid ?? 0;
        target = { name, ...sandbox.sip, pids: () => [pid], close: async () => {} };
      } else {
        throw new Error(`unknown server ${name} (kamailio, gateway)`);
      }
      try {
        console.log(`${name}: ${target.wsUrl}`);
        results.push(await measure(target, pbxs, options));
      } finally {
        await target.close();
      }
    }
    print(results, options);
  } finally {
    sandbox.child.disconnect();
  }
}
