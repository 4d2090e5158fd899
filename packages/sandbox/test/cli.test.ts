/** `zd-sandbox` as a real process: start-up output, persistence, and one-line failures. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, DEMO_USER_ID } from '../src/index.js';
import { call } from './helpers.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.resolve(here, '../dist/cli.js');
const tsc = path.resolve(here, '../../../node_modules/typescript/bin/tsc');

interface Started {
  url: string;
  key: string;
  secret: string;
  stdout: string;
  stop(): Promise<number | null>;
}

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  // The test's own environment must not leak credentials or a state file into the child.
  const inherited = [
    'ZADARMA_KEY',
    'ZADARMA_SECRET',
    'ZD_SANDBOX_STATE',
    'ZD_SANDBOX_FAULTS',
    'PORT',
    'HOST',
    'ZD_SANDBOX_SIP_PORT',
  ];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !inherited.includes(name)));
  // A free port for the SIP gateway too, unless a test asks: parallel runs must not fight over 8789.
  return { ...env, ZD_SANDBOX_SIP_PORT: '0', ...extra };
}

/** Starts the CLI and waits for its banner. */
function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [cli], { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${stdout} ${stderr}`)), 10_000);
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (http:\S+)/.exec(stdout)?.[1];
      const key = /key:\s+(\S+)/.exec(stdout)?.[1];
      const secret = /secret:\s+(\S+)/.exec(stdout)?.[1];
      if (url && key && secret && stdout.includes('demo user')) {
        clearTimeout(timer);
        resolve({
          url,
          key,
          secret,
          stdout,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
  });
}

function runToEnd(env: Record<string, string>, args: string[] = []) {
  return spawnSync(process.execPath, [cli, ...args], {
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 10_000,
  });
}

describe('zd-sandbox CLI', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [tsc, '-b', path.resolve(here, '..')], { encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 60_000);

  it('prints URL, generated key and secret and the demo user, serves, and keeps state in a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zd-sandbox-'));
    const stateFile = path.join(dir, 'state.json');
    const first = await start({ PORT: '0', ZD_SANDBOX_STATE: stateFile });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.stdout).toContain('(generated)');
    expect(first.stdout).toContain(`demo user: ${DEMO_USER_ID}, PBX extension 100, SIP password`);
    expect(first.stdout).toMatch(
      /SIP:\s+ws:\/\/127\.0\.0\.1:\d+ {2}\(SIP over WebSocket, domain pbx\.sandbox\.test/,
    );
    const state = (await (await fetch(`${first.url}/sandbox/state`)).json()) as { demoUser: { id: number } };
    expect(state.demoUser.id).toBe(DEMO_USER_ID);
    // A signed call with the printed credentials, and a change that must survive a restart.
    const client = { ...createSandbox(), key: first.key, secret: first.secret };
    const registered = await call(
      client,
      'POST',
      '/v1/reseller/users/registration/new/',
      { email: 'kept@example.com', first_name: 'K', country: 'DE' },
      { baseUrl: first.url },
    );
    expect(registered.status).toBe(200);
    expect(await first.stop()).toBe(0);
    expect(readFileSync(stateFile, 'utf8')).toContain('kept@example.com');

    const second = await start({ PORT: '0', ZD_SANDBOX_STATE: stateFile });
    expect(second.key).toBe(first.key);
    const found = await call(
      { ...client },
      'GET',
      '/v1/reseller/users/find/',
      { email: 'kept@example.com' },
      { baseUrl: second.url },
    );
    expect(found.body).toMatchObject({ status: 'success', user: { id: String(registered.body.user_id) } });
    expect(await second.stop()).toBe(0);
  });

  it('uses ZADARMA_KEY and ZADARMA_SECRET when given', async () => {
    const started = await start({
      PORT: '0',
      ZADARMA_KEY: 'abcdefabcdefabcdefab',
      ZADARMA_SECRET: 'given-secret',
    });
    expect(started.key).toBe('abcdefabcdefabcdefab');
    expect(started.secret).toBe('given-secret');
    expect(started.stdout).not.toContain('(generated)');
    await started.stop();
  });

  it('says in one line that the port is busy, exit code 1', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = runToEnd({ PORT: String(port) });
    blocker.close();
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `zd-sandbox: port ${port} on 127.0.0.1 is in use (another zd-sandbox? set PORT)`,
    );
  });

  it('says in one line that the state file is corrupt, exit code 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'zd-sandbox-'));
    for (const content of ['{"version":1,"reseller":', '{"some":"json"}']) {
      const file = path.join(dir, 'state.json');
      writeFileSync(file, content);
      const run = runToEnd({ PORT: '0', ZD_SANDBOX_STATE: file });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`cannot use the state file ${file}`);
      expect(run.stderr).not.toMatch(/\bat .*:\d+:\d+/);
      expect(readFileSync(file, 'utf8')).toBe(content); // left alone for the operator
    }
  });

  it('helps, and refuses unknown arguments and bad settings', () => {
    const help = runToEnd({}, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: zd-sandbox');
    expect(help.stdout).toContain('ZD_SANDBOX_STATE');
    const unknown = runToEnd({}, ['--frobnicate']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('zd-sandbox: unknown argument --frobnicate (see --help)');
    const badPort = runToEnd({ PORT: 'eighty' });
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toContain('PORT must be');
    const badFaults = runToEnd({ PORT: '0', ZD_SANDBOX_FAULTS: '{"status": 99}' });
    expect(badFaults.status).toBe(1);
    expect(badFaults.stderr).toContain('status must be');
    const badSip = runToEnd({ PORT: '0', ZD_SANDBOX_SIP_PORT: 'sip' });
    expect(badSip.status).toBe(1);
    expect(badSip.stderr.trim()).toBe('zd-sandbox: ZD_SANDBOX_SIP_PORT must be 0–65535 or "off", not "sip"');
    const badWav = runToEnd({ PORT: '0', ZD_SANDBOX_SIP_PORT: '0', ZD_SANDBOX_WAV: '/nonexistent/x.wav' });
    expect(badWav.status).toBe(1);
    expect(badWav.stderr.trim()).toBe('zd-sandbox: ZD_SANDBOX_WAV: cannot read /nonexistent/x.wav');
  });

  it('runs without the SIP gateway when ZD_SANDBOX_SIP_PORT=off', async () => {
    const started = await start({ PORT: '0', ZD_SANDBOX_SIP_PORT: 'off' });
    expect(started.stdout).toMatch(/SIP:\s+off/);
    const faults = await fetch(`${started.url}/sandbox/sip/faults`);
    expect(faults.status).toBe(409);
    await started.stop();
  });
});
