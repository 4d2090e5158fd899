import { css } from 'lit';
import { sharedStyles } from '../../base/shared.styles.js';

export const styles = [
  sharedStyles,
  css`
    .tabs {
      display: flex;
      flex-wrap: wrap;
      gap: var(--zd-space-2, 0.5rem);
      border-bottom: 1px solid var(--zd-color-border, #d0d4d9);
    }
    .tab[aria-selected='true'] {
      border-bottom: 2px solid var(--zd-color-primary, #0b63ce);
      font-weight: 600;
    }
    .extensions {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--zd-space-3, 0.75rem);
    }
    .extension {
      border: 1px solid var(--zd-color-border, #d0d4d9);
      border-radius: var(--zd-radius, 0.5rem);
      padding: var(--zd-space-3, 0.75rem);
      min-width: 0;
    }
    .extension__title {
      margin: 0 0 var(--zd-space-2, 0.5rem);
      font-size: 1rem;
      display: flex;
      flex-wrap: wrap;
      gap: var(--zd-space-2, 0.5rem);
    }
    .status--online {
      color: var(--zd-color-success, #17663a);
    }
    .status--offline {
      color: var(--zd-color-muted, #5b6470);
    }
    .password__row,
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: var(--zd-space-2, 0.5rem);
      align-items: center;
    }
    input:not([type='radio'], [type='checkbox']) {
      min-width: 0;
      max-width: 100%;
    }
    .hint {
      color: var(--zd-color-muted, #5b6470);
      font-size: 0.875rem;
    }
    .message--error {
      color: var(--zd-color-danger, #b3261e);
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: var(--zd-space-2, 0.5rem) 0 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--zd-space-2, 0.5rem) var(--zd-space-4, 1rem);
    }
    legend {
      font-weight: 600;
      padding: 0;
    }
    .switch {
      flex: 1 1 100%;
    }
  `,
];
