/**
 * Zadarma's four checks of a document group against a destination (`groups/valid`), and the checklist
 * both the number picker and the document upload show of them.
 */
import { css, html, type TemplateResult } from 'lit';
import type { Destination, GroupValidity } from '../client/zd-client.js';
import type { CommonTranslation, DocumentTranslation, GroupCheck } from '../i18n/translation.js';
import type { LocalizeController } from '../i18n/localize.js';

const CHECKS: readonly [GroupCheck, keyof GroupValidity][] = [
  ['information', 'is_information_match'],
  ['uploaded', 'is_documents_uploaded'],
  ['verified', 'is_documents_verified'],
  ['address', 'is_address_match'],
];

/** Whether a destination asks for documents or data (`restrictions.upload` / `.specify`). */
export function needsDocuments(destination: Destination): boolean {
  const r = destination.restrictions;
  return (r?.upload?.length ?? 0) > 0 || (r?.specify?.length ?? 0) > 0;
}

export function failedChecks(validity: GroupValidity): GroupCheck[] {
  return CHECKS.filter(([, field]) => validity[field] !== 'true').map(([check]) => check);
}

/** Each check passed, missing, or — the verification of documents that are all in — pending. */
export function renderChecklist(
  t: Pick<LocalizeController<CommonTranslation & DocumentTranslation>, 'term'>,
  failed: GroupCheck[],
): TemplateResult {
  return html`<ul class="checklist" part="checklist">
    ${CHECKS.map(([check]) => {
      const state = !failed.includes(check)
        ? 'ok'
        : check === 'verified' && !failed.includes('uploaded')
          ? 'pending'
          : 'failed';
      const [icon, text] =
        state === 'ok'
          ? (['✓', 'checkPassed'] as const)
          : state === 'pending'
            ? (['…', 'checkPending'] as const)
            : (['✗', 'checkFailed'] as const);
      return html`<li class="check check--${state}">
        <span class="check__icon" aria-hidden="true">${icon}</span>
        <span>${t.term('check', check)}</span>
        <span class="visually-hidden">: ${t.term(text)}</span>
      </li>`;
    })}
  </ul>`;
}

export const checklistStyles = css`
  .checklist {
    margin: var(--_space) 0;
    padding: 0;
    list-style: none;
  }
  .check {
    display: flex;
    gap: var(--_space);
    padding: 2px 0;
  }
  .check--ok .check__icon {
    color: var(--_success);
  }
  .check--failed .check__icon {
    color: var(--_danger);
  }
  .check--pending .check__icon {
    color: var(--_muted);
  }
  .check--failed {
    font-weight: 600;
  }
  .note {
    margin: var(--_space) 0;
    padding: var(--_space);
    border-radius: var(--_radius);
    border-left: 4px solid var(--_muted);
  }
  .note--warning {
    border-left-color: #a15c00;
  }
  .note--ok {
    border-left-color: var(--_success);
  }
`;
