// The servers of the proxy benchmarks, each a child process on a free loopback port: the local upstream,
// the baselines, and zd-proxy itself (with a session token for it). Killed when the benchmark exits.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/free-port.mjs';
import { mintSessionToken } from '../dist/index.js';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const children = [];
process.on('exit', () => children.forEach((child) => child.kill()));

/** Starts `script` (in this folder) with a free port as its first argument; resolves once it says 'ready'. */
export async function startServer(script, ...args) {
  const port = await freePort();
  return new Promise((resolve, reject) => {
    const child = fork(here(script), [String(port), ...args], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(child);
    child.once('message', () => resolve({ child, url: `http://127.0.0.1:${port}` }));
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

/**
 * zd-proxy's CLI in front of `upstreamUrl`, and a session token with `scopes`. Zadarma's real budget
 * (100/min) would measure the budget, not the proxy, so it is lifted. `execArgv` e.g. for a CPU profile.
 */
export async function startProxy(upstreamUrl, scopes, execArgv = []) {
  const port = await freePort();
  const sessionSecret = 'bench-session-secret-0123456789abcdefghij';
  const child = fork(here('./proxy-with-cpu.mjs'), [], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ZADARMA_KEY: 'bench-key',
      ZADARMA_SECRET: 'bench-secret',
      ZADARMA_API_URL: upstreamUrl,
      ZD_SESSION_SECRET: sessionSecret,
      ZD_LOG_LEVEL: 'warn',
      ZD_BUDGET_PER_MINUTE: '100000000',
      ZD_BUDGET_PER_SESSION: '100000000',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv,
  });
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(`${url}/healthz`);
  const { token } = await mintSessionToken(sessionSecret, { userId: 12345, scopes, ttlSeconds: 3600 });
  return { child, url, headers: { authorization: `Bearer ${token}` } };
}
