/**
 * The READMEs' embed snippets, as a partner copies them: every ```html block is a page, every ```js block
 * whose first line is `// file: <name>.js` is a script file of the site. The placeholders of the READMEs
 * are replaced by this deployment's origins, and nothing else is changed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Deployment } from './deployment.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const README_FILES = ['README.md', 'packages/elements/README.md'] as const;

export interface Snippet {
  /** Where it stands: `packages/elements/README.md:42`. */
  source: string;
  kind: 'html' | 'js';
  /** For scripts: the file name the README gives it. */
  file?: string;
  code: string;
}

export function readmeSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  for (const file of README_FILES) {
    const text = readFileSync(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/^```(html|js)\n([\s\S]*?)^```$/gm)) {
      const line = text.slice(0, match.index).split('\n').length;
      const kind = match[1] as 'html' | 'js';
      const code = match[2] ?? '';
      const named = /^\/\/ file: ([\w.-]+\.js)\n/.exec(code);
      if (kind === 'js' && !named) continue; // an example in prose, not a file of the page
      snippets.push({ source: `${file}:${line}`, kind, code, ...(named ? { file: named[1] } : {}) });
    }
  }
  return snippets;
}

/** The READMEs' placeholder addresses → this deployment's. */
export function localize(code: string, d: Pick<Deployment, 'cdn' | 'proxy' | 'backend'>): string {
  return code
    .replaceAll('https://cdn.example.com', d.cdn)
    .replaceAll('https://zadarma-proxy.example.com', d.proxy)
    .replaceAll('https://backend.example.com', d.backend);
}

/**
 * A whole page around an HTML snippet: the partner's own page has a doctype, a title, a language, and
 * (for the snippet that sends it) the partner's own access token where its login put it.
 */
export function pageOf(
  snippet: Snippet,
  d: Pick<Deployment, 'cdn' | 'proxy' | 'backend' | 'partnerBearer'>,
): string {
  return `<!doctype html>
<html lang="de">
  <head>
    <meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Partner</title>
    <meta name="partner-token" content="${d.partnerBearer}">
  </head>
  <body>
${localize(snippet.code, d)}
  </body>
</html>`;
}
