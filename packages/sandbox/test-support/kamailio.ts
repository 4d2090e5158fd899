/**
 * Starts Debian's Kamailio on a free loopback port with the repository's config
 * (packages/sandbox/kamailio/kamailio.cfg), as the independent SIP-over-WebSocket server the softphone
 * tests also run against. Passwords come from a running sandbox (`sandboxUrl`) or from a fixed list
 * (`subscribers`, served to Kamailio by a tiny loopback HTTP server here, in the sandbox's shape).
 *
 *   const kamailio = await startKamailio({ sandboxUrl: running.url });
 *   // kamailio.wsUrl, kamailio.domain … finally: await kamailio.close();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { freePort } from '../../../scripts/free-port.mjs';
import { SANDBOX_SIP_DOMAIN } from '../src/sip/info.js';

export const KAMAILIO_BINARY = process.env.KAMAILIO_PATH || '/usr/sbin/kamailio';
const MODULES_DIR = '/usr/lib/x86_64-linux-gnu/kamailio/modules';
const NEEDED_MODULES = ['websocket.so', 'http_client.so'];
export const KAMAILIO_CONFIG = fileURLToPath(new URL('../kamailio/kamailio.cfg', import.meta.url));

export interface KamailioOptions {
  /** A running sandbox: Kamailio asks its `GET /sandbox/sip/password?login=` on every digest check. */
  sandboxUrl?: string;
  /** Or fixed subscribers: login (`<pbx_id>-<ext>`) → password. */
  subscribers?: Record<string, string>;
  /** The SIP domain (default the sandbox's, `pbx.sandbox.test`). */
  domain?: string;
  /**
   * Kamailio's shared memory in MB (default 256): each TCP/WebSocket connection takes ~70 KB of it (a
   * 64 KB read buffer), so 64 MB runs out before 1,000 phones are connected. Only what is used is resident.
   */
  sharedMemoryMb?: number;
  /** Copy Kamailio's log to stderr as it comes (also with env `ZD_KAMAILIO_LOG=1`). */
  echoLog?: boolean;
}

export interface RunningKamailio {
  /** SIP over WebSocket, e.g. `ws://127.0.0.1:41234` (subprotocol `sip`). */
  wsUrl: string;
  domain: string;
  /** The main process (its workers are in its process group). */
  pid: number;
  /** The last lines Kamailio logged, for a failing test's message. */
  log(): string;
  /** Stops Kamailio (and the subscribers' server) and removes its temp dir; safe to call twice. */
  close(): Promise<void>;
}

/** Kamailio is not installed as the tests need it, or did not come up. */
export class KamailioError extends Error {
  override name = 'KamailioError';
}

/** Whether this machine can run the harness (for `describe.skipIf` where a suite must not fail). */
export function kamailioInstalled(): boolean {
  return existsSync(KAMAILIO_BINARY) && NEEDED_MODULES.every((m) => existsSync(join(MODULES_DIR, m)));
}

/** What goes into the config as a #!substdef value: nothing that could end or escape it. */
function safeValue(name: string, value: string): string {
  if (!/^[A-Za-z0-9.:/_\-[\]%]+$/.test(value))
    throw new KamailioError(`${name} has characters Kamailio's config cannot take: ${value}`);
  return value;
}

function runtimeConfig(port: number, domain: string, passwordUrl: string): string {
  return [
    '#!KAMAILIO',
    `#!substdef "!ZD_WS_PORT!${port}!g"`,
    `#!substdef "!ZD_SIP_DOMAIN!${safeValue('domain', domain)}!g"`,
    `#!substdef "!ZD_PASSWORD_URL!${safeValue('sandboxUrl', passwordUrl)}!g"`,
    `include_file "${safeValue('the config path', KAMAILIO_CONFIG)}"`,
    '',
  ].join('\n');
}

/** Answers `GET /password?login=` from a fixed list, as the sandbox's endpoint does. */
async function subscribersServer(subscribers: Record<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const password =
      url.pathname === '/password' ? subscribers[url.searchParams.get('login') ?? ''] : undefined;
    res
      .writeHead(password ? 200 : 404, { 'content-type': 'text/plain' })
      .end(password ?? 'no such extension\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Resolves once a WebSocket with subprotocol `sip` opens; rejects when Kamailio exits first or in time. */
async function waitForWebSocket(wsUrl: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new KamailioError(`Kamailio exited at start (${child.exitCode ?? child.signalCode}):\n${log()}`);
    }
    const opened = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(wsUrl, 'sip');
      socket.once('open', () => {
        socket.close();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (opened) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new KamailioError(`Kamailio did not answer on ${wsUrl} within 10 s:\n${log()}`);
}

/** Processes still running when the test process ends (a failed test that skipped close()). */
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export async function startKamailio(options: KamailioOptions = {}): Promise<RunningKamailio> {
  if (!kamailioInstalled()) {
    throw new KamailioError(
      `Kamailio with the websocket and http_client modules is not installed (${KAMAILIO_BINARY}): run scripts/setup-system.sh as root`,
    );
  }
  if (!options.sandboxUrl === !options.subscribers) {
    throw new KamailioError('startKamailio needs either sandboxUrl or subscribers');
  }
  const domain = options.domain ?? SANDBOX_SIP_DOMAIN;
  const subscribers = options.subscribers ? await subscribersServer(options.subscribers) : undefined;
  const passwordUrl = subscribers
    ? `http://127.0.0.1:${(subscribers.address() as AddressInfo).port}/password`
    : `${(options.sandboxUrl ?? '').replace(/\/$/, '')}/sandbox/sip/password`;
  const dir = await mkdtemp(join(tmpdir(), 'zd-kamailio-'));
  const cleanUp = async () => {
    await rm(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => (subscribers ? subscribers.close(() => resolve()) : resolve()));
  };

  const lines: string[] = [];
  const log = () => lines.slice(-40).join('\n');
  const echo = options.echoLog || process.env.ZD_KAMAILIO_LOG === '1';
  let child: ChildProcess | undefined;
  try {
    // The port is free now; should Kamailio lose a race for it, it exits and the next try takes another.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const config = join(dir, 'kamailio.cfg');
      await writeFile(config, runtimeConfig(port, domain, passwordUrl));
      // -DD: stay in the foreground (its workers die with it), -E: log to stderr; nothing outside dir.
      child = spawn(
        KAMAILIO_BINARY,
        [
          '-DD',
          '-E',
          '-f',
          config,
          '-P',
          join(dir, 'kamailio.pid'),
          '-Y',
          dir,
          '-w',
          dir,
          '-m',
          String(options.sharedMemoryMb ?? 256),
          '-M',
          '8',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
      );
      const pid = child.pid;
      if (pid === undefined) throw new KamailioError(`could not run ${KAMAILIO_BINARY}`);
      running.add(pid);
      child.once('exit', () => running.delete(pid));
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        if (echo) process.stderr.write(chunk);
        lines.push(...chunk.trimEnd().split('\n'));
        if (lines.length > 400) lines.splice(0, lines.length - 400);
      });
      const wsUrl = `ws://127.0.0.1:${port}`;
      try {
        await waitForWebSocket(wsUrl, child, log);
      } catch (error) {
        await stop(child);
        if (attempt < 3 && /bind|in use/i.test(log())) continue;
        throw error;
      }
      const started = child;
      let closing: Promise<void> | undefined;
      return {
        wsUrl,
        domain,
        pid,
        log,
        close: () => (closing ??= stop(started).then(cleanUp)),
      };
    }
  } catch (error) {
    if (child) await stop(child);
    await cleanUp();
    throw error;
  }
}

/** SIGTERM to Kamailio's process group (main and workers), SIGKILL if it lingers. */
async function stop(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pid, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
