import { css } from 'lit';
import { sharedStyles } from '../../base/shared.styles.js';
import { checklistStyles } from '../../documents/checklist.js';

export const styles = [
  sharedStyles,
  checklistStyles,
  css`
    .subtitle {
      margin: calc(var(--_space) * 2) 0 var(--_space);
      font-size: 1.1em;
    }
    .summary {
      margin: 0;
      font-weight: 600;
    }
    .fieldset {
      margin: calc(var(--_space) * 1.5) 0 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .legend {
      padding: 0;
      margin-bottom: var(--_space);
      font-weight: 700;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
      gap: 0 calc(var(--_space) * 1.5);
    }
    .field__error,
    .form__problems:not(:empty),
    .upload__refused,
    .doc__wrong {
      color: var(--_danger);
      font-size: 0.875em;
    }
    .field__error {
      min-height: 1.4em;
      margin: 2px 0 var(--_space);
    }
    .input[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }
    .label .hint {
      font-weight: 400;
    }
    .actions--top {
      margin-top: calc(var(--_space) / 2);
    }
    .note--pending {
      border-left-color: var(--_primary);
    }
    .doc {
      margin: var(--_space) 0;
      padding: calc(var(--_space) * 1.5);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .doc__title {
      margin: 0 0 calc(var(--_space) / 2);
      font-size: 1em;
    }
    .files {
      margin: 0 0 var(--_space);
      padding-left: 1.25em;
      overflow-wrap: anywhere;
    }
    .file--verified {
      color: var(--_success);
    }
    .file--rejected {
      color: var(--_danger);
    }
    .pick {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .drop {
      flex: 1 1 100%;
      min-height: 5em;
      padding: calc(var(--_space) * 2);
      border: 2px dashed var(--_primary);
      border-radius: var(--_radius);
      background: transparent;
      color: var(--_primary);
      font: inherit;
      font-weight: 600;
      cursor: pointer;
    }
    .drop--over {
      background: color-mix(in srgb, var(--_primary) 12%, transparent);
    }
    .pick .hint {
      flex-basis: 100%;
      margin: 0;
    }
    .upload {
      display: flex;
      gap: var(--_space);
      align-items: flex-start;
    }
    .upload__preview {
      flex: none;
      width: 4em;
      height: 4em;
      object-fit: cover;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) / 2);
    }
    .upload__preview--type {
      display: grid;
      place-items: center;
      font-size: 0.8em;
      font-weight: 700;
      color: var(--_muted);
    }
    .upload__body {
      flex: 1;
      min-width: 0;
    }
    .upload__name {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .upload__progress {
      width: 100%;
      height: 0.75em;
      accent-color: var(--_primary);
    }
    .upload .actions {
      margin-top: var(--_space);
    }
  `,
];
