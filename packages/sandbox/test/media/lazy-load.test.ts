/**
 * werift is loaded only when a call happens (the HTTP sandbox and `zd-sandbox` never pay for it), and a
 * process whose calls are closed ends by itself: nothing of werift keeps it alive.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const entry = path.resolve(here, '../../dist/index.js');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** A module hook that says on stderr when anything resolves 'werift'. */
const hook = `export async function resolve(s, c, next) { if (s === 'werift') process.stderr.write('werift loaded\\n'); return next(s, c); }`;
/** ...and on every DNS lookup: werift's ICE would look up stun.l.google.com unless told not to. */
const register = [
  `import { register } from 'node:module';`,
  `import dns from 'node:dns';`,
  `register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(hook))});`,
  `const lookup = dns.promises.lookup;`,
  `dns.promises.lookup = (host, ...rest) => { process.stderr.write('dns lookup ' + host + '\\n'); return lookup(host, ...rest); };`,
].join('\n');

function run(script: string) {
  return spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: 20_000 },
  );
}

describe('loading werift', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, [tsc, '-b', path.resolve(here, '../..')], { encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  }, 60_000);

  it('the package and a new MediaCall do not load it; the first offer does', () => {
    const result = run(`
      const { createMediaCall, startSandbox } = await import(${JSON.stringify(entry)});
      const sandbox = await startSandbox({ port: 0, sip: { port: 0 } });
      await sandbox.close();
      const call = createMediaCall('echo');
      console.log('report', JSON.stringify(call.report()));
      process.stderr.write('before offer\\n');
      await call.offer();
      await call.close();
    `);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('before offer\nwerift loaded\n');
    expect(result.stdout).toContain('"state":"new"');
  });

  it('two connected calls, closed, leave nothing that keeps the process alive; no STUN asked', () => {
    const started = Date.now();
    const result = run(`
      const { createMediaCall } = await import(${JSON.stringify(entry)});
      const tone = createMediaCall('tone');
      const recorder = createMediaCall('recorder');
      await tone.accept(await recorder.answer(await tone.offer()));
      await Promise.all([tone.connected(), recorder.connected()]);
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all([tone.close(), recorder.close()]);
      console.log(JSON.stringify(recorder.report()));
      // no process.exit(): the process must end on its own
    `);
    expect(result.status, result.stderr).toBe(0);
    expect(result.signal).toBeNull();
    expect(result.stderr).toBe('werift loaded\n'); // and no 'dns lookup stun.l.google.com'
    const report = JSON.parse(result.stdout.trim()) as { state: string; audioPacketsReceived: number };
    expect(report.state).toBe('closed');
    expect(report.audioPacketsReceived).toBeGreaterThan(5);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
