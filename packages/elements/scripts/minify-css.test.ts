import { describe, expect, it } from 'vitest';
import { minifyCss } from './minify-css.mjs';

describe('minifyCss (the bundles’ css`` templates)', () => {
  it('drops comments and the whitespace that means nothing', () => {
    const css = `
      /* The element's frame. */
      :host([hidden]) {
        display: none;
      }
      .a > .b,
      .c .d:focus-visible {
        margin: calc(var(--_space) * 1.5) 0 0;
        border: 1px solid var(--_border);
        background: color-mix(in srgb, var(--_primary) 8%, transparent);
      }
      @media (prefers-reduced-motion: reduce) {
        .spinner {
          animation-duration: 3s;
        }
      }
    `;
    expect(minifyCss(css)).toBe(
      ':host([hidden]){display:none}.a>.b,.c .d:focus-visible{margin:calc(var(--_space) * 1.5) 0 0;' +
        'border:1px solid var(--_border);background:color-mix(in srgb,var(--_primary) 8%,transparent)}' +
        '@media (prefers-reduced-motion:reduce){.spinner{animation-duration:3s}}',
    );
  });

  it('keeps quoted strings as they are, apostrophes in comments included', () => {
    expect(minifyCss(`/* it's */ [tabindex='-1']:focus { content: ' a ,  b '; }`)).toBe(
      `[tabindex='-1']:focus{content:' a ,  b '}`,
    );
  });
});
