/**
 * Vite at the root, for two things:
 * - `vite build` (npm run build:elements): the script-tag bundles of the elements, one per element set,
 *   each with Lit inside, into packages/elements/dist/cdn/ (lazily loaded parts as chunks beside them);
 * - the dev server of the demo page (demo/, started by scripts/start.mjs), which loads the elements from
 *   their TypeScript sources under the same names a partner uses for the bundles.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { bundles as bundleEntries } from './packages/elements/scripts/bundles.mjs';
import { minifyCss } from './packages/elements/scripts/minify-css.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const elements = path.join(here, 'packages/elements');

/**
 * The script-tag bundles (packages/elements/scripts/bundles.mjs). Each is built on its own
 * (`ZD_BUNDLE=name vite build`, see packages/elements/scripts/build-bundles.mjs), so each is one
 * self-contained file with Lit inside rather than a loader of chunks shared with the others.
 */
const bundles: Record<string, string> = Object.fromEntries(
  Object.entries(bundleEntries as Record<string, string>).map(([name, entry]) => [
    name,
    path.join(elements, entry),
  ]),
);

function selectedBundles(): Record<string, string> {
  const only = process.env.ZD_BUNDLE;
  if (!only) return bundles;
  const entry = bundles[only];
  if (!entry) throw new Error(`ZD_BUNDLE=${only}: no such bundle (${Object.keys(bundles).join(', ')})`);
  return { [only]: entry };
}

/**
 * After minification, the only raw line breaks left are inside template literals (Lit's html and css):
 * their indentation means nothing to HTML or CSS, so it goes. The line breaks stay (no ASI surprises).
 * The minifier's `@__PURE__` annotations are for a bundler that comes after; nothing does.
 */
function trimTemplateIndentation(): Plugin {
  return {
    name: 'zd-trim-template-indentation',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk')
          chunk.code = chunk.code.replace(/\n[ \t]+/g, '\n').replaceAll('/* @__PURE__ */ ', '');
      }
    },
  };
}

/**
 * The elements' styles (Lit's css`` templates without interpolations) minified before bundling: the
 * minifier leaves template literals alone, and a bundle would carry every comment and indentation.
 */
function minifyCssTemplates(): Plugin {
  return {
    name: 'zd-minify-css-templates',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('.ts') || !code.includes('css`')) return null;
      return {
        code: code.replace(/\bcss`([^`$]*)`/g, (_all, body: string) => `css\`${minifyCss(body)}\``),
        map: null,
      };
    },
  };
}

export default defineConfig(({ command }) =>
  command === 'build'
    ? {
        root: elements,
        publicDir: false,
        plugins: [minifyCssTemplates(), trimTemplateIndentation()],
        build: {
          outDir: path.join(elements, 'dist/cdn'),
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          reportCompressedSize: false,
          lib: { entry: selectedBundles(), formats: ['es'] },
          rolldownOptions: {
            // A module the bundle shares with one of its lazy chunks stays in the bundle, which then
            // exports it to the chunk, rather than going to a common chunk the bundle would load at once
            // (lib mode's strict signatures forbid the extra export): a script-tag bundle is one file.
            preserveEntrySignatures: 'allow-extension',
            // Lib mode keeps whitespace in ES output (for partners' tree-shaking); a script-tag bundle is
            // the end of the line, so it is minified fully.
            output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
          },
        },
      }
    : {
        root: path.join(here, 'demo'),
        resolve: {
          alias: Object.fromEntries(
            Object.entries(bundles).map(([name, entry]) => [`/zd-elements/${name}.js`, entry]),
          ),
        },
        server: { fs: { allow: [here] } },
      },
);
