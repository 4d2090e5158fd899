#!/usr/bin/env node
// The command npm links: committed rather than built, so that `npm ci` in a fresh clone links it
// (npm links no bin whose file is missing, and npx then looks for a package of that name in the registry).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('zd-sandbox: not built yet; run `npm run build` (or `npm start`) in the repository first');
  process.exit(1);
}
await import(cli.href);
