// The CSS of the elements' css`` templates, minified for the script-tag bundles (see the root
// vite.config.ts): the JavaScript minifier leaves template literals alone.

/**
 * CSS without comments and the whitespace that means nothing; quoted strings stay as they are, and so do
 * the spaces that mean something (`calc(a * 2)`, `1px solid`, descendant selectors).
 * @param {string} css
 * @returns {string}
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/\s*([{};,>])\s*/g, '$1')
            .replace(/:\s/g, ':')
            .replace(/;}/g, '}'),
    )
    .join('')
    .trim();
}
