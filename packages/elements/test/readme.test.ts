/** The README's glue example for a standalone `<zd-doc-upload>` is the file the browser tests run. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');
const code = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('//') && !line.startsWith('/*'))
    .join('\n');

describe('README', () => {
  it('shows the standalone glue exactly as examples/standalone-upload.js has it', () => {
    const readme = read('README.md');
    const block =
      /```js\n\/\/ file: zadarma-documents\.js\n(const docs = document\.querySelector\('zd-doc-upload\[standalone\]'\);[\s\S]*?)```/.exec(
        readme,
      )?.[1];
    expect(block).toBeDefined();
    expect(code(read('examples/standalone-upload.js'))).toBe(code(block ?? ''));
  });
});
