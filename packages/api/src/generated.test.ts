import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const committed = path.join(root, 'packages/api/src/generated');

describe('generated API files', () => {
  it('are what the generator makes from the official spec today', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'zd-generated-'));
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/generate-api.mjs')], {
      env: { ...process.env, ZD_GENERATED_OUT: out },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const files = readdirSync(committed).sort();
    expect(readdirSync(out).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(path.join(out, file), 'utf8'), `${file} is stale: run npm run generate:api`).toBe(
        readFileSync(path.join(committed, file), 'utf8'),
      );
    }
  });
});
