/**
 * Real processes on loopback for the proxy's tests: PHP's server as the upstream (it verifies every
 * signature the PHP way) and the proxy itself started by its CLI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const KEY = 'test-key-7f3a9c';
export const SECRET = 'test-secret-2b8e1d4c6a9f0e3b5d7c';
export const SESSION_SECRET = 'session-secret-for-tests-only-0123456789abcdef';
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited early:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`not up in time: ${url}\n${output()}`);
}

export interface PhpUpstream {
  url: string;
  /** The verified requests it received, in order. */
  requests(): {
    method: string;
    path: string;
    params: Record<string, string>;
    files: Record<string, { size: number; sha256: string | null; type: string; name: string }>;
  }[];
  clear(): void;
  stop(): void;
}

export async function startPhpUpstream(): Promise<PhpUpstream> {
  const port = await freePort();
  const log = path.join(mkdtempSync(path.join(tmpdir(), 'zd-upstream-')), 'requests.jsonl');
  writeFileSync(log, '');
  let output = '';
  const child = spawn(
    'php',
    [
      '-d',
      'upload_max_filesize=16M',
      '-d',
      'post_max_size=16M',
      '-S',
      `127.0.0.1:${port}`,
      path.join(here, 'php-upstream.php'),
    ],
    {
      env: {
        ...process.env,
        ZD_TEST_KEY: KEY,
        ZD_TEST_SECRET: SECRET,
        ZD_TEST_LOG: log,
        PHP_CLI_SERVER_WORKERS: '4',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so that the workers PHP forks stop with it
    },
  );
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url, child, () => output);
  return {
    url,
    requests: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as ReturnType<PhpUpstream['requests']>[number]),
    clear: () => writeFileSync(log, ''),
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    },
  };
}

export interface ProxyProcess {
  url: string;
  pid: number;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  stop(): Promise<void>;
}

export const proxyCli = path.resolve(here, '../dist/cli.js');

export async function startProxyProcess(env: Record<string, string>): Promise<ProxyProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [proxyCli], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d));
  child.stderr?.on('data', (d: Buffer) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/healthz`, child, () => output);
  // Started is when it says so: in sandbox mode it prepares the demo customer after it listens.
  for (let i = 0; i < 100 && !output.includes('listening on'); i++)
    await new Promise((r) => setTimeout(r, 50));
  return {
    url,
    pid: child.pid ?? 0,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
