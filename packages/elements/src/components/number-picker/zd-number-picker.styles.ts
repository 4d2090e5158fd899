import { css } from 'lit';
import { sharedStyles } from '../../base/shared.styles.js';
import { checklistStyles } from '../../documents/checklist.js';

export const styles = [
  sharedStyles,
  checklistStyles,
  css`
    .steps {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .step {
      padding: var(--_space) 0;
      border-top: 1px solid var(--_border);
    }
    .step--todo .step__heading {
      color: var(--_muted);
      font-weight: 400;
    }
    .step__heading {
      display: flex;
      align-items: center;
      gap: var(--_space);
      margin: 0 0 var(--_space);
      font-size: 1em;
    }
    .step__number {
      display: inline-grid;
      place-items: center;
      width: 1.6em;
      height: 1.6em;
      border-radius: 50%;
      border: 1px solid currentColor;
      font-size: 0.85em;
    }
    .step--current .step__number {
      background: var(--_primary);
      border-color: var(--_primary);
      color: var(--_on-primary);
    }
    .order__summary {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space);
      margin: 0;
      overflow-wrap: anywhere;
    }
    .listbox {
      max-height: var(--zd-list-max-height, 18rem);
      overflow-y: auto;
      margin: var(--_space) 0 0;
      padding: 0;
      list-style: none;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      contain: content;
    }
    .option {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: calc(var(--_space) / 2) var(--_space);
      padding: var(--_space);
      border-bottom: 1px solid var(--_border);
      cursor: pointer;
    }
    .option:last-child {
      border-bottom: 0;
    }
    .option:hover {
      background: color-mix(in srgb, var(--_primary) 8%, transparent);
    }
    .option--active {
      outline: 2px solid var(--_primary);
      outline-offset: -2px;
      background: color-mix(in srgb, var(--_primary) 12%, transparent);
    }
    .option__main {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(var(--_space) / 2) var(--_space);
      font-weight: 600;
    }
    .option__aside,
    .option__code {
      color: var(--_muted);
      font-weight: 400;
    }
    .option__prices,
    .option__meta {
      display: flex;
      flex-wrap: wrap;
      gap: calc(var(--_space) / 2) var(--_space);
      font-size: 0.875em;
    }
    .option__meta {
      flex-basis: 100%;
      color: var(--_muted);
    }
    .badge {
      padding: 0 calc(var(--_space) * 0.75);
      border-radius: 999px;
      background: color-mix(in srgb, var(--_primary) 14%, transparent);
      color: var(--_text);
      font-size: 0.75em;
      font-weight: 600;
    }
    .number {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    mark {
      background: color-mix(in srgb, var(--_primary) 22%, transparent);
      color: inherit;
      border-radius: 2px;
    }
    .field {
      margin: calc(var(--_space) * 1.5) 0 0;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    .field-error {
      margin: calc(var(--_space) / 2) 0 0;
      color: var(--_danger);
    }
    .total {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: calc(var(--_space) / 2) var(--_space);
      margin-top: calc(var(--_space) * 2);
      padding: var(--_space);
      border-radius: var(--_radius);
      background: color-mix(in srgb, var(--_primary) 6%, transparent);
    }
    .total__amount {
      font-size: 1.25em;
    }
    .total__detail,
    .total__balance {
      flex-basis: 100%;
      color: var(--_muted);
      font-size: 0.875em;
    }
    .result {
      font-weight: 600;
    }
    .result--active {
      color: var(--_success);
    }
    .facts {
      display: grid;
      /* A long label wraps in its column rather than squeezing the number onto two lines. */
      grid-template-columns: fit-content(45%) 1fr;
      gap: calc(var(--_space) / 2) var(--_space);
      margin: var(--_space) 0;
      overflow-wrap: anywhere;
    }
    .facts dt {
      color: var(--_muted);
    }
    .facts dd {
      margin: 0;
    }
    .route {
      margin-top: calc(var(--_space) * 2);
    }
  `,
];
