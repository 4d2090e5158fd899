/** Styles every element shares: tokens (`--zd-*`), buttons, inputs, states. */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    --_text: var(--zd-color-text, #1d2330);
    --_muted: var(--zd-color-muted, #586174);
    --_surface: var(--zd-color-surface, #ffffff);
    --_border: var(--zd-color-border, #c9ced8);
    --_primary: var(--zd-color-primary, #0b5fc4);
    --_on-primary: var(--zd-color-on-primary, #ffffff);
    --_danger: var(--zd-color-danger, #b3261e);
    --_success: var(--zd-color-success, #1b6e37);
    --_radius: var(--zd-radius, 8px);
    --_space: var(--zd-spacing, 8px);
    display: block;
    box-sizing: border-box;
    min-width: 0;
    max-width: 100%;
    color: var(--_text);
    font-family: var(--zd-font-family, inherit);
    line-height: 1.4;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  /* The element's frame and heading. */
  .base {
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .title {
    margin: 0 0 var(--_space);
    font-size: 1.25em;
  }
  /* A radio button or checkbox with its label, big enough for a finger. */
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-height: 2.25em;
  }
  .choice input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    accent-color: var(--_primary);
  }
  .label {
    display: block;
    margin: 0 0 calc(var(--_space) / 2);
    font-weight: 600;
  }
  .hint,
  .count {
    margin: calc(var(--_space) / 2) 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .input {
    width: 100%;
    min-height: 2.5em;
    padding: calc(var(--_space) * 0.75) var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
    font: inherit;
  }
  .input:disabled,
  .input[readonly] {
    background: color-mix(in srgb, var(--_border) 30%, var(--_surface));
    color: var(--_muted);
    cursor: not-allowed;
  }
  .input:focus-visible,
  .button:focus-visible,
  .drop:focus-visible,
  .link:focus-visible {
    outline: 3px solid var(--zd-focus-ring, var(--_primary));
    outline-offset: 2px;
  }
  /* Focus moved to a heading or text for screen readers (tabindex=-1): it is not a control, no ring. */
  [tabindex='-1']:focus {
    outline: none;
  }
  .button {
    display: inline-flex;
    align-items: center;
    gap: var(--_space);
    min-height: 2.5em;
    padding: calc(var(--_space) * 0.75) calc(var(--_space) * 2);
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .button--secondary {
    background: transparent;
    color: var(--_primary);
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .link {
    border: 0;
    background: none;
    color: var(--_primary);
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
    padding: 2px 4px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 1.5);
  }
  .state {
    margin: var(--_space) 0;
  }
  .state--loading {
    display: flex;
    align-items: center;
    gap: var(--_space);
    color: var(--_muted);
  }
  .state--error {
    padding: var(--_space);
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
    color: var(--_danger);
  }
  .state--error p {
    margin: 0 0 var(--_space);
  }
  .spinner {
    width: 1em;
    height: 1em;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
