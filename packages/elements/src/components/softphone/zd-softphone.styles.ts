import { css } from 'lit';
import { sharedStyles } from '../../base/shared.styles.js';

export const styles = [
  sharedStyles,
  css`
    .status {
      margin: 0 0 var(--_space);
      color: var(--_muted);
    }
    .status--registered {
      color: var(--_success);
    }
    .status--failed {
      color: var(--_danger);
    }
    .gate .button {
      width: 100%;
      justify-content: center;
    }
    .number-row {
      display: flex;
      gap: var(--_space);
    }
    .number {
      flex: 1;
      min-width: 0;
      font-size: 1.25em;
      letter-spacing: 0.04em;
    }
    .icon-button {
      padding-inline: var(--_space);
    }
    .keys {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: var(--_space);
      margin: var(--_space) 0;
    }
    .key {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      min-height: var(--zd-key-size, 3em);
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .key:hover {
      background: color-mix(in srgb, var(--_primary) 8%, var(--_surface));
    }
    .key:focus-visible {
      outline: 3px solid var(--zd-focus-ring, var(--_primary));
      outline-offset: 2px;
    }
    .key__digit {
      font-size: 1.25em;
      font-weight: 600;
      line-height: 1.1;
    }
    .key__letters {
      min-height: 1em;
      color: var(--_muted);
      font-size: 0.6875em;
      letter-spacing: 0.08em;
    }
    .field-error {
      margin: calc(var(--_space) / 2) 0 0;
      color: var(--_danger);
    }
    .actions--center {
      justify-content: center;
    }
    .actions--center .button {
      flex: 1;
      justify-content: center;
    }
    .button--call {
      border-color: var(--_success);
      background: var(--_success);
    }
    .button--danger {
      border-color: var(--_danger);
      background: var(--_danger);
    }
    .incoming,
    .call {
      margin: 0 0 var(--_space);
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .incoming {
      border-color: var(--_success);
      border-width: 2px;
    }
    .incoming__heading,
    .call__heading {
      margin: 0;
      font-size: 1.125em;
      overflow-wrap: anywhere;
    }
    .caller {
      display: flex;
      flex-direction: column;
      margin: calc(var(--_space) / 2) 0;
    }
    .caller__name {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .caller__number {
      margin: 0;
      color: var(--_muted);
    }
    .caller__line {
      font-size: 0.875em;
      color: var(--_muted);
    }
    .call__status {
      display: flex;
      justify-content: space-between;
      margin: calc(var(--_space) / 2) 0;
    }
    .timer {
      font-variant-numeric: tabular-nums;
    }
    .controls {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: var(--_space);
    }
    .toggle {
      justify-content: center;
      padding-inline: var(--_space);
    }
    .toggle[aria-pressed='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .sent-digits {
      min-height: 1.4em;
      margin: var(--_space) 0 0;
      text-align: center;
      letter-spacing: 0.1em;
      overflow-wrap: anywhere;
    }
    .transfer {
      margin-top: var(--_space);
    }
    .targets {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2);
      margin: var(--_space) 0 0;
      padding: 0;
      list-style: none;
    }
    .targets .link[aria-pressed='true'] {
      font-weight: 600;
      text-decoration: none;
      box-shadow: inset 0 0 0 1px currentColor;
      border-radius: var(--_radius);
    }
    .list {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .list__item {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space);
      padding: calc(var(--_space) / 2) 0;
      border-top: 1px solid var(--_border);
    }
    .history,
    .settings,
    .preflight {
      margin-top: calc(var(--_space) * 2);
    }
    .preflight__check .hint {
      display: block;
    }
    .history__who {
      display: flex;
      flex-direction: column;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .history__who .hint {
      margin: 0;
    }
    .label {
      font-size: 1em;
    }
  `,
];
