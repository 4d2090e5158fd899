import { describe, expect, it } from 'vitest';
import { minifyCss } from './minify-css.mjs';

describe('minifyCss (the bundles’ css`` templates)', () => {
  it('drops comments and the whitespace that means nothing, and keeps what means something', () => {
    const css = `
      /* The element's frame. */
      :host([hidden]) {
        display: none;
      }
      .a > .b,
      .c .d:focus-visible,
      :host ::slotted(p),
      .e :is(.f) {
        margin: calc(var(--_space) * 1.5) 0 0;
        border: 1px solid var(--_border);
      }
    `;
    const min = minifyCss(css);
    expect(min).not.toMatch(/\/\*|\n/);
    expect(min).toContain(':host([hidden]){display:none}');
    // Descendant combinators before pseudo-classes stay (":host ::slotted" is not ":host::slotted").
    expect(min).toContain(':host ::slotted(p)');
    expect(min).toContain('.e :is(.f)');
    expect(min).toContain('calc(var(--_space) * 1.5)');
    expect(min.length).toBeLessThan(css.replace(/\s+/g, ' ').length);
  });

  it('keeps quoted strings as they are', () => {
    expect(minifyCss(`[tabindex='-1']:focus { content: ' a ,  b '; }`)).toBe(
      '[tabindex="-1"]:focus{content:" a ,  b "}',
    );
  });
});
