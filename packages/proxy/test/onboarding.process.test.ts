/**
 * `zd-proxy onboard` as a partner runs it: a process against the sandbox (which verifies every
 * signature the PHP way), paused at the customer's SMS code, killed at every step in turn and run
 * again — it always completes, with one topup and one PBX.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import { STEPS } from '../src/onboarding/workflow.js';

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bin/zd-proxy.js');
const dir = mkdtempSync(path.join(tmpdir(), 'zd-onboard-'));
let sandbox: RunningSandbox;
let seq = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, sip: false, rateLimit: { perMinute: 2000 } });
  writeFileSync(path.join(dir, 'hello.wav'), wav());
  writeFileSync(path.join(dir, 'notes.wav'), 'this is text, renamed');
  writeFileSync(
    path.join(dir, 'menu.json'),
    JSON.stringify({
      menus: [
        {
          title: 'Hauptmenü',
          sound: 'hello.wav',
          buttons: { none: '101', '1': ['100', '101'], '12': '102' },
        },
        { title: 'Support', buttons: { none: ['101', '102'] } },
      ],
    }),
  );
});
afterAll(() => sandbox.close());

function wav(): Buffer {
  const data = Buffer.alloc(1600);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVEfmt ', 8);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(8000, 24);
  head.writeUInt32LE(16000, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `killWhen` kills it (SIGKILL) the moment its progress matches. */
function run(args: string[], killWhen?: RegExp): Promise<Run> {
  const child = spawn(process.execPath, [cli, 'onboard', ...args], {
    env: {
      PATH: process.env.PATH,
      ZADARMA_KEY: sandbox.key,
      ZADARMA_SECRET: sandbox.secret,
      ZADARMA_API_URL: sandbox.url,
    },
    cwd: dir,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c;
    if (killWhen?.test(stderr)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const sandboxJson = async (pathname: string, init?: RequestInit) =>
  (await (await fetch(`${sandbox.url}/sandbox${pathname}`, init)).json()) as Record<string, unknown>;

async function smsCode(userId: number): Promise<string> {
  const codes = (await sandboxJson(`/codes?userId=${userId}`)) as { phones: { code: string }[] };
  const code = codes.phones[0]?.code;
  if (!code) throw new Error(`no SMS code for user ${userId}`);
  return code;
}

const resellerBalance = () => sandbox.sandbox.state.reseller.balance;
const userOf = (email: string) => sandbox.sandbox.state.users.find((u) => u.email === email);

function customer() {
  seq++;
  const email = `kunde${seq}@example.de`;
  const phone = `+49301234${String(5000 + seq)}`;
  const args = [
    ...['--email', email, '--phone', phone, '--name', 'Kunde', '--topup', '10 USD', '--extensions', '3'],
    ...['--recording', 'on_store', '--menu', 'menu.json', '--proxy-url', 'https://proxy.example.com'],
    ...['--state', `${email}.json`, '--json'],
  ];
  return { email, phone, args };
}

/** Runs until done: with the SMS code once it waits for one. Returns the last run. */
async function complete(args: string[]): Promise<Run> {
  let last = await run(args);
  for (let i = 0; i < 4 && last.code !== 0; i++) {
    if (last.code === 3) {
      const { userId } = JSON.parse(last.stdout) as { userId: number };
      last = await run([...args, '--code', await smsCode(userId)]);
    } else {
      last = await run(args);
    }
  }
  return last;
}

describe('zd-proxy onboard', () => {
  it('waits for the SMS code, then completes: numbers, PBX, menus, callinfo at this proxy', async () => {
    const { email, args } = customer();
    const before = resellerBalance();
    const first = await run(args);
    expect(first.code, first.stderr).toBe(3);
    const waiting = JSON.parse(first.stdout) as { status: string; for: string; userId: number };
    expect(waiting).toMatchObject({ status: 'waiting', for: 'phone_code' });
    expect(first.stderr).toContain('<zd-phone-verify>');

    // A second run without the code sends no second SMS (each costs money).
    const code = await smsCode(waiting.userId);
    expect((await run(args)).code).toBe(3);
    expect(await smsCode(waiting.userId)).toBe(code);

    const key = userOf(email)?.key;
    const done = await run([...args, '--code', code, '--passwords', 'passwords.tsv']);
    expect(done.code, done.stderr).toBe(0);
    const { summary } = JSON.parse(done.stdout) as {
      summary: { userId: number; extensions: string[]; callinfoUrl: string };
    };
    expect(summary.extensions).toEqual(['100', '101', '102']);
    expect(summary.callinfoUrl).toBe(`https://proxy.example.com/webhooks/zadarma/${summary.userId}`);
    expect(done.stdout).not.toMatch(/password"/);

    const user = userOf(email);
    expect(user?.pbx?.callinfo.url).toBe(summary.callinfoUrl);
    expect(user?.pbx?.extensions.every((e) => e.recording.on && e.recording.store)).toBe(true);
    expect(user?.pbx?.menus).toHaveLength(2);
    expect(user?.pbx?.scenarios.map((s) => [s.menuId, s.pushButton, s.groups[0]?.join(' ')])).toEqual([
      [0, -1, '101'],
      [0, 1, '100 101'],
      [0, 12, '102'],
      [user?.pbx?.menus[1]?.id, -1, '101 102'],
    ]);
    expect(user?.pbx?.sounds.map((s) => s.name)).toEqual(['hello']);
    expect(before - resellerBalance()).toBeCloseTo(10, 2);
    // The seed's POST api_key would have made a new key pair: never called.
    expect(user?.key).toBe(key);

    const passwords = path.join(dir, 'passwords.tsv');
    expect(statSync(passwords).mode & 0o777).toBe(0o600);
    expect(readFileSync(passwords, 'utf8').trim().split('\n')).toHaveLength(3);

    // Done is done: a re-run changes nothing and spends nothing.
    const again = await run(args);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('✓');
    expect(before - resellerBalance()).toBeCloseTo(10, 2);
  }, 60_000);

  // Killed while each step runs in turn (the moment the step before it is reported done).
  for (const [i, step] of STEPS.entries()) {
    it(`killed during "${step.id}", run again: completes with one topup and one PBX`, async () => {
      const { email, args } = customer();
      const before = resellerBalance();
      const pbxIds = sandbox.sandbox.state.nextId.pbx;
      const previous = STEPS[i - 1];
      const killed = await run(args, previous ? new RegExp(`✓ ${previous.id}:`) : /./);
      expect(killed.code).not.toBe(0);
      const last = await complete(args);
      expect(last.code, last.stderr).toBe(0);
      expect(before - resellerBalance()).toBeCloseTo(10, 2);
      expect(sandbox.sandbox.state.nextId.pbx - pbxIds).toBe(1);
      expect(userOf(email)?.pbx?.extensions).toHaveLength(3);
    }, 60_000);
  }

  // The answer lost after Zadarma carried the request out: the case that must not mean a second one.
  for (const [prefix, name] of [
    ['/v1/reseller/users/topup', 'topup'],
    ['/v1/pbx/create', 'PBX'],
    ['/v1/reseller/users/phones/prove_by_sms', 'SMS'],
  ] as const) {
    it(`the ${name}'s answer lost: the re-run checks and does not repeat it`, async () => {
      const { email, args } = customer();
      const before = resellerBalance();
      await sandboxJson('/faults', {
        method: 'POST',
        body: JSON.stringify({ connectionReset: true, phase: 'after', count: 1, pathPrefix: prefix }),
      });
      const first = await complete(args);
      expect(first.code, first.stderr).toBe(0);
      expect(before - resellerBalance()).toBeCloseTo(10, 2);
      expect(userOf(email)?.pbx?.menus).toHaveLength(2);
    }, 60_000);
  }

  it('refuses bad input before anything is sent, in one line each', async () => {
    const users = sandbox.sandbox.state.users.length;
    const write = (name: string, menu: unknown) => writeFileSync(path.join(dir, name), JSON.stringify(menu));
    write('loop.json', { menus: [{ title: 'A', buttons: { '1': { menu: 'A' } } }] });
    write('button.json', { menus: [{ title: 'A', buttons: { '10': '100' } }] });
    write('text-sound.json', { menus: [{ title: 'A', sound: 'notes.wav', buttons: { none: '100' } }] });
    const cases: [string[], RegExp][] = [
      [['--menu', 'loop.json'], /cannot send callers from one menu to another/],
      [['--menu', 'button.json'], /a button is "none", 0–9, or 12–30/],
      [['--menu', 'text-sound.json'], /not an MP3 or WAV file \(judged by its content/],
      [['--menu', 'missing.json'], /missing.json does not exist/],
      [['--topup', 'ten euros'], /--topup: "ten euros" is not an amount/],
      [['--extensions', '0'], /--extensions: a whole number from 1 to 50/],
      [['--recording', 'always'], /--recording: one of off, on, on_store/],
    ];
    for (const [extra, message] of cases) {
      const result = await run([
        '--email',
        'bad@example.de',
        '--phone',
        '+4930123',
        '--proxy-url',
        'https://p.example',
        ...extra,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    expect(sandbox.sandbox.state.users.length).toBe(users);
  }, 60_000);

  it('names an extension the menu rings that the PBX lacks, and stops there', async () => {
    const { email, args } = customer();
    const small = args.map((a) => (a === '3' ? '2' : a));
    const result = await complete(small);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/rings extension 102, which this PBX does not have \(it has 100, 101\)/);
    // Nothing was changed: only the scenario a new PBX comes with is there.
    expect(userOf(email)?.pbx?.scenarios.map((s) => s.groups[0]?.join(' '))).toEqual(['100']);
  }, 60_000);
});
