import { css } from 'lit';
import { sharedStyles } from '../../base/shared.styles.js';

export const styles = [
  sharedStyles,
  css`
    .intro {
      margin: 0 0 var(--_space);
    }
    .field {
      display: grid;
      gap: calc(var(--_space) / 2);
      margin-bottom: var(--_space);
    }
    .field .hint {
      margin: 0;
    }
    .field__error {
      min-height: 1.4em;
      margin: 0;
      color: var(--_danger);
      font-size: 0.875em;
    }
    .input {
      max-width: 100%;
      box-sizing: border-box;
    }
    .input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .input--code {
      max-width: 10em;
      letter-spacing: 0.2em;
      font-variant-numeric: tabular-nums;
    }
    .fieldset {
      margin: 0 0 var(--_space);
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .actions {
      align-items: center;
    }
    .done {
      color: var(--_success);
      font-weight: 600;
    }
  `,
];
