#!/usr/bin/env node
// npm run bench:gateway — registrations per second, memory for 1,000 registered extensions, and call
// setup time (INVITE → 200 OK), through Kamailio and through the sandbox's gateway (when it has one),
// measured in the same run. Prints figures and ratios; asserts nothing; not run in CI.
// Usage: npm run bench:gateway [-- --servers kamailio,gateway] [--extensions 1000] [--calls 200]
// The measuring is TypeScript (gateway-bench-main.ts, beside the test support it uses); esbuild bundles
// it next to this file for the run, so it resolves the same packages and paths, then removes it.
import { rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const bundle = here('./.gateway-bench.bundle.mjs');
await build({
  entryPoints: [here('./gateway-bench-main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  outfile: bundle,
  logLevel: 'warning',
});
try {
  const { main } = await import(pathToFileURL(bundle).href);
  await main(process.argv.slice(2));
} finally {
  await rm(bundle, { force: true });
}
process.exit(0);
