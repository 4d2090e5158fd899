// The script-tag bundles into dist/cdn/, one Vite build per bundle (see vite.config.ts at the root).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const configFile = path.join(here, '../../../vite.config.ts');
const { bundles } = await import('./bundles.mjs');

await rm(path.join(here, '../dist/cdn'), { recursive: true, force: true });
for (const name of Object.keys(bundles)) {
  process.env.ZD_BUNDLE = name;
  await build({ configFile, mode: 'production', logLevel: 'warn' });
}
