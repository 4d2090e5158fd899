// The CSS of the elements' css`` templates, minified for the script-tag bundles (see the root
// vite.config.ts): the JavaScript minifier leaves template literals alone, so esbuild's CSS minifier
// (already what Vite builds with) is run on each template's text.
import { transformSync } from 'esbuild';

/**
 * A css`` template's text (whole rules, no interpolations) minified.
 * @param {string} css
 * @returns {string}
 */
export function minifyCss(css) {
  return transformSync(css, { loader: 'css', minify: true, logLevel: 'silent' }).code.trim();
}
