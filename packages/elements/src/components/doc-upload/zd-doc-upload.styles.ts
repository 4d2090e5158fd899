import { css } from 'lit';
import { sharedStyles } from '../../base/shared.styles.js';
import { checklistStyles } from '../../documents/checklist.js';

// One spacing scale from --zd-spacing (--_space): --_s1 half of it, --_s3 twice, --_s4 three times.
export const styles = [
  sharedStyles,
  checklistStyles,
  css`
    :host {
      --_s1: calc(var(--_space) / 2);
      --_s3: calc(var(--_space) * 2);
      --_s4: calc(var(--_space) * 3);
    }
    legend {
      padding: 0;
    }
    .subtitle {
      margin: var(--_s3) 0 var(--_space);
      font-size: 1.1em;
    }
    .fieldset {
      margin: var(--_s3) 0 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .fieldset > .subtitle {
      margin-top: 0;
    }
    /* A section of the form: a heading with a rule under it, clearly above the labels. */
    .section {
      margin-top: var(--_s4);
    }
    .section__title {
      margin: 0 0 var(--_s3);
      padding-bottom: var(--_s1);
      border-bottom: 1px solid var(--_border);
      font-size: 1.05em;
    }
    .section legend {
      width: 100%;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 14em), 1fr));
      gap: 0 var(--_s3);
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
      margin: var(--_s1) 0 var(--_space);
    }
    .input[aria-invalid='true'] {
      border-color: var(--_danger);
      border-width: 2px;
    }
    .label .hint {
      font-weight: 400;
    }
    .summary {
      margin-top: 0;
    }
    .actions--top {
      margin-top: var(--_s1);
    }
    .note--pending {
      border-left-color: var(--_primary);
    }
    .doc {
      margin: var(--_space) 0;
      padding: var(--_s3);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .doc__title {
      margin: 0 0 var(--_s1);
      font-size: 1em;
    }
    .files {
      margin: 0 0 var(--_space);
      padding-left: 1.25em;
      overflow-wrap: anywhere;
    }
    .file__name {
      font-weight: 600;
    }
    .file__meta {
      display: block;
      margin: 0;
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
      padding: var(--_s3);
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
    .doc .actions {
      margin-top: var(--_space);
    }
    .button--small {
      min-height: 2.25em;
      padding: var(--_s1) var(--_space);
      font-size: 0.875em;
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
  `,
];
