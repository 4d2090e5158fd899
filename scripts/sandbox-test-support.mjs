// packages/sandbox/test-support (TypeScript, not in dist) for Node scripts that are not TypeScript
// themselves (web-test-runner's config, the softphone bench): bundled with esbuild into
// node_modules/.cache, so its bare imports resolve from the root; `import.meta.url` stays the source's,
// for its relative paths (Kamailio's config).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Kamailio's harness, the tone WAV and the signed backend calls of the sandbox's test support. */
export async function sandboxTestSupport() {
  const outfile = path.join(root, 'node_modules/.cache/zd-sandbox-test-support.mjs');
  const support = path.join(root, 'packages/sandbox/test-support');
  await build({
    stdin: {
      contents: [
        "export { startKamailio, kamailioInstalled } from './kamailio.ts';",
        "export { toneWav } from './tone-wav.ts';",
        "export { signedCall, pbxExtensions } from './sandbox-extensions.ts';",
      ].join('\n'),
      resolveDir: support,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(path.join(support, 'kamailio.ts')).href) },
    outfile,
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
