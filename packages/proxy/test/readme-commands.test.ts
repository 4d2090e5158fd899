/**
 * Every shell command of the READMEs, run as written, the way a partner runs it in this repository
 * right after `npm ci` (the suite has built the packages by then): in bash, from the repository's
 * root, with a PATH that does not have node_modules/.bin on it (npm puts it there for `npm test`, a
 * partner's shell does not). So `npx --no-install zd-proxy` fails here exactly when npm linked no bin.
 *
 * The only liberties: servers listen on a free port (`PORT=0` in the environment, so that parallel
 * runs do not collide), `$S` is the sandbox the README started, the placeholder host
 * `https://proxy.example.com` is the proxy it started, and before the sandbox's examples the state
 * they say they assume is made (a registration, a document group with a passport).
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BERLIN_GROUP, FILES, signedRequest } from '../../sandbox/test/helpers.js';
import { verifySessionToken } from '../src/session/tokens.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const READMES = ['README.md', 'packages/proxy/README.md', 'packages/sandbox/README.md'].filter((f) =>
  existsSync(path.join(root, f)),
);

/** Commands this test does not run, and who does. */
const RUN_ELSEWHERE: Record<string, string> = {
  'npm ci && npm start': 'CI runs `npm ci`; `npm start` serves until stopped (scripts/start.mjs)',
  'npm test': 'the suite this test is part of',
};
/** Commands by their start, with a real account's placeholders (`...`) in them. */
const RUN_ELSEWHERE_PREFIX: Record<string, string> = {
  'ZADARMA_KEY=... ZADARMA_SECRET=... npx --no-install zd-proxy onboard ':
    'packages/proxy/test/onboarding.process.test.ts runs the same flags against the sandbox',
};
const runElsewhere = (command: string) =>
  RUN_ELSEWHERE[command] ?? Object.entries(RUN_ELSEWHERE_PREFIX).find(([p]) => command.startsWith(p))?.[1];

/** The line up to a `#` that starts a shell comment (not one inside quotes or a word). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/** The commands of a README's `sh` blocks: continuation lines joined, comments and blank lines dropped. */
export function shellCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => withoutComment(line).trim())
      .filter(Boolean),
  );
}

/** The environment of a partner's fresh shell: no settings of ours leaking in, no node_modules/.bin. */
function partnerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(ZD_|ZADARMA_|npm_)/.test(name) || ['PORT', 'HOST'].includes(name)) continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.includes(`node_modules${path.sep}.bin`))
    .join(path.delimiter);
  // The READMEs' servers run side by side here, so each takes free ports, the SIP gateway's too.
  return { ...env, PORT: '0', ZD_SANDBOX_SIP_PORT: '0' };
}

interface Server {
  command: string;
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

function startServer(command: string, env: Record<string, string>): Promise<Server> {
  // Its own process group: npx's children stop with it.
  const child = spawn('bash', ['-c', command], { cwd: root, env, detached: true, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    try {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch (error) {
      // The group may be gone before Node has seen the exit; nothing is left to stop.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`\`${command}\` did not start:\n${output}`));
    }, 20_000);
    void exited.then(() => reject(new Error(`\`${command}\` exited:\n${output}`)));
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url || !output.includes('\n', output.indexOf(url))) return;
      clearTimeout(timer);
      const server = { command, url, output: () => output, stop };
      servers.push(server);
      resolve(server);
    });
  });
}

function run(command: string, env: Record<string, string>) {
  const result = spawnSync('bash', ['-c', command], { cwd: root, env, encoding: 'utf8', timeout: 20_000 });
  expect(result.status, `\`${command}\` failed:\n${result.stderr}`).toBe(0);
  return result.stdout;
}

/** `export A=… B=…`: the shell's environment afterwards. */
function exported(command: string, env: Record<string, string>): Record<string, string> {
  const out = run(`${command}\nenv -0`, env);
  return Object.fromEntries(
    out
      .split('\0')
      .filter(Boolean)
      .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
}

/** Makes what the sandbox's examples assume: a registration waiting for its link, group 1001 with a passport. */
async function prepareSandboxExamples(sandbox: Server) {
  const key = /key:\s+(\S+)/.exec(sandbox.output())?.[1] ?? '';
  const secret = /secret:\s+(\S+)/.exec(sandbox.output())?.[1] ?? '';
  const call = async (path: string, params: Record<string, string | number>, file?: boolean) => {
    const request = signedRequest({ key, secret }, 'POST', path, params, {
      baseUrl: sandbox.url,
      file: file ? { field: 'file', name: 'passport.png', type: 'image/png', bytes: FILES.png } : undefined,
    });
    const response = await fetch(request);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as Record<string, unknown>;
  };
  await call('/v1/reseller/users/registration/new/', {
    email: 'anna+link@example.com',
    first_name: 'Anna',
    country: 'DE',
    currency: 'EUR',
  });
  const { group } = (await call('/v1/documents/groups/create/', { ...BERLIN_GROUP, user_id: 200001 })) as {
    group: { id: number };
  };
  expect(group.id).toBe(1001);
  await call('/v1/documents/upload/', { user_id: 200001, group_id: 1001, document_type: 'passport' }, true);
}

/** Runs one README's commands in order, in one shell's environment, checking what each should do. */
async function runReadme(file: string): Promise<string[]> {
  const ran: string[] = [];
  let env = partnerEnv();
  const placeholders: [string, string][] = [];
  const createdStateFile = !existsSync(path.join(root, '.sandbox.json'));
  try {
    for (const written of shellCommands(readFileSync(path.join(root, file), 'utf8'))) {
      if (runElsewhere(written)) continue;
      ran.push(written);
      const command = placeholders.reduce((c, [from, to]) => c.replaceAll(from, to), written);
      if (/\bnpx\b/.test(command)) {
        expect(command, 'npx must never fetch a package from the registry').toMatch(/\bnpx --no-install /);
      }
      if (/^export /.test(command)) {
        env = exported(command, env);
      } else if (/\bzd-(proxy|sandbox)$/.test(command)) {
        const server = await startServer(command, env);
        if (command.endsWith('zd-proxy')) placeholders.push(['https://proxy.example.com', server.url]);
        if (command.endsWith('zd-sandbox') && !env.S) {
          env = { ...env, S: server.url };
          await prepareSandboxExamples(server);
        }
      } else if (/\bzd-proxy token /.test(command)) {
        const session = await verifySessionToken(env.ZD_SESSION_SECRET ?? '', run(command, env).trim());
        const ttl = Number(/--ttl (\d+)/.exec(command)?.[1] ?? 900);
        expect(session.expiresAt.getTime() - Date.now()).toBeGreaterThan((ttl - 10) * 1000);
      } else if (/^curl /.test(command)) {
        const answer: unknown = JSON.parse(run(command, env));
        if (typeof answer === 'object' && answer !== null) {
          expect(answer, `\`${written}\``).not.toHaveProperty('status', 'error');
        }
        if (command.includes('/sessions')) expect(answer).toMatchObject({ token: expect.any(String) });
      } else {
        throw new Error(`no rule for \`${written}\` in ${file}: run it here or name it in RUN_ELSEWHERE`);
      }
    }
  } finally {
    if (createdStateFile) rmSync(path.join(root, '.sandbox.json'), { force: true });
  }
  return ran;
}

describe('the READMEs’ commands, as a partner runs them after npm ci', () => {
  it('finds shell commands in the READMEs (so that the tests below test something)', () => {
    const all = READMES.flatMap((f) => shellCommands(readFileSync(path.join(root, f), 'utf8')));
    expect(all).toContain('npx --no-install zd-sandbox');
    expect(all.some((c) => c.startsWith('npx --no-install zd-proxy token '))).toBe(true);
    expect(
      shellCommands('```sh\na\\\n  b  # note\n# only a note\ncurl -d \'{"a": "#1"}\' x#y\n```\n'),
    ).toEqual(['a b', 'curl -d \'{"a": "#1"}\' x#y']);
  });

  it.each(READMES)('%s', async (file) => {
    const ran = await runReadme(file);
    if (process.env.ZD_TEST_VERBOSE) console.log(ran.join('\n'));
    expect(ran.length).toBeGreaterThan(2);
  });

  it('npx --no-install zd-proxy and zd-sandbox are linked bins that print their help', () => {
    for (const bin of ['zd-proxy', 'zd-sandbox']) {
      const out = run(`npx --no-install ${bin} --help`, partnerEnv());
      expect(out).toContain(`${bin} — `);
      const link = path.join(root, 'node_modules/.bin', bin);
      expect(existsSync(link), `${link} is missing: npm ci linked no bin`).toBe(true);
    }
  });

  it('the linked bins ask for a build, in one line, while the packages are not built', () => {
    for (const bin of ['zd-proxy', 'zd-sandbox']) {
      const pkg = bin.replace('zd-', '');
      // The committed launcher in a copy of its package without dist/, as in a fresh clone.
      const unbuilt = mkdtempSync(path.join(tmpdir(), 'zd-unbuilt-'));
      cpSync(path.join(root, 'packages', pkg, 'bin'), path.join(unbuilt, 'bin'), { recursive: true });
      writeFileSync(path.join(unbuilt, 'package.json'), '{"type":"module"}');
      const result = spawnSync(process.execPath, [path.join(unbuilt, 'bin', `${bin}.js`), '--help'], {
        encoding: 'utf8',
      });
      rmSync(unbuilt, { recursive: true, force: true });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `${bin}: not built yet; run \`npm run build\` (or \`npm start\`) in the repository first\n`,
      );
    }
  });
});
