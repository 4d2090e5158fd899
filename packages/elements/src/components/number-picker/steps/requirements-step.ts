/**
 * Step 4 (areas with requirements): the customer's document group checked against the area
 * (`documents/groups/valid`), and the page told what is missing (`zd-documents-required`).
 *
 * "Missing" and "pending" are two states: while details or documents are missing, the page is told (once
 * per state) and the order waits; once everything is submitted and only Zadarma's verification runs, the
 * order can go on and nothing is asked for. A `<zd-doc-upload>` that takes the requirements over cancels
 * the event: it shows them itself, so the picker shows no checklist of its own until the upload announces
 * `zd-documents-submitted` or `zd-documents-ready`.
 */
import { initialState, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import type { ZdDocumentsReadyDetail, ZdDocumentsRequiredDetail } from '../../../base/events.js';
import type { DocumentGroup } from '../../../client/zd-client.js';
import { documentGroups, groupValidity } from '../../../client/documents.js';
import { failedChecks, renderChecklist } from '../../../documents/checklist.js';
import { nameOf } from '../../../documents/group-name.js';
import { missingChecks } from '../../../documents/verification.js';
import type { GroupCheck } from '../../../i18n/translation.js';
import { PickerStep } from './step.js';

export class RequirementsStep extends PickerStep {
  /** What the page was last told, so that it is told once per state. */
  #reported = '';
  /** A listener (a `<zd-doc-upload>`) cancelled `zd-documents-required`: it shows the requirements. */
  #handedOver = false;
  #destination?: string;

  readonly #groups = new ApiTask(this.picker, {
    task: ([needed], { signal }) =>
      needed ? documentGroups(this.picker.client, { signal }) : Promise.resolve(initialState),
    args: () => {
      const { step, destination } = this.picker;
      // Still needed in the order step, for this step's summary.
      return [
        step === 'requirements' || step === 'order' ? destination?.id : undefined,
        this.picker.config.client,
      ] as const;
    },
    onComplete: (groups) => {
      const { picker } = this;
      if (picker.groupId === undefined || !groups.some((g) => g.id === picker.groupId))
        picker.groupId = groups[0]?.id;
    },
    onError: (e) => this.picker.reportError(e, 'documents.groups.list'),
  });

  readonly #validity = new ApiTask(this.picker, {
    task: ([groupId, directionId], { signal }) =>
      groupId !== undefined && directionId
        ? groupValidity(this.picker.client, groupId, Number(directionId), { signal })
        : Promise.resolve(initialState),
    args: () => {
      const { step, groupId, destination } = this.picker;
      return [
        step === 'requirements' ? groupId : undefined,
        destination?.id,
        this.picker.config.client,
      ] as const;
    },
    onComplete: (validity) => this.#checked(failedChecks(validity)),
    onError: (e) => this.picker.reportError(e, 'documents.groups.valid'),
  });

  override hostConnected(): void {
    window.addEventListener('zd-documents-ready', this.#onDocuments);
    window.addEventListener('zd-documents-submitted', this.#onDocuments);
  }

  override hostDisconnected(): void {
    window.removeEventListener('zd-documents-ready', this.#onDocuments);
    window.removeEventListener('zd-documents-submitted', this.#onDocuments);
  }

  /** A `<zd-doc-upload>` anywhere on the page has the documents in: check that group again. */
  readonly #onDocuments = (event: CustomEvent<ZdDocumentsReadyDetail>): void => {
    const { picker } = this;
    const { directionId, groupId } = event.detail;
    if (picker.step !== 'requirements' || Number(picker.destination?.id) !== directionId) return;
    picker.groupId = groupId;
    this.#handedOver = false;
    // The customer was in the upload, which hides now: their focus comes back here, not to the page's top.
    const active = document.activeElement;
    const upload = event.target instanceof Node ? event.target : null;
    if (!active || active === document.body || upload?.contains(active)) picker.focusStep();
    void this.#groups.run().then(() => this.#validity.run());
  };

  override enter(): void {
    const id = this.picker.destination?.id;
    if (id !== this.#destination) this.#handedOver = false;
    this.#destination = id;
  }

  override summary(): string | undefined {
    const group = this.#groups.value?.find((g) => g.id === this.picker.groupId);
    return group && this.#name(group);
  }

  #name(g: DocumentGroup): string {
    return this.picker.localize.term('groupName', nameOf(g), g.id ?? 0);
  }

  /** After each check: the page is told when something other than the verification is missing. */
  #checked(failed: GroupCheck[]): void {
    if (missingChecks(failed).length === 0) {
      // Only the verification runs (or nothing): nothing to ask for; something missing later is new.
      this.#handedOver = false;
      this.#reported = '';
      return;
    }
    const key = `${this.picker.destination?.id}|${this.picker.groupId}|${failed.join()}`;
    if (key === this.#reported) return;
    this.#reported = key;
    this.#ask(failed);
  }

  /** Tells the page what the area needs; also when the customer asks to add documents. */
  #ask(failed: GroupCheck[]): void {
    const { picker } = this;
    const d = picker.destination;
    if (!d) return;
    const detail: ZdDocumentsRequiredDetail = {
      directionId: Number(d.id),
      country: picker.chosenCountry?.countryCodeIso ?? '',
      groupId: picker.groupId,
      failed,
      missing: missingChecks(failed),
      upload: d.restrictions?.upload ?? [],
      specify: d.restrictions?.specify ?? [],
    };
    this.#handedOver = !picker.emit('zd-documents-required', detail, { cancelable: true });
    this.changed();
  }

  render(): TemplateResult {
    const intro = html`<p class="hint">${this.picker.localize.term('requirementsIntro')}</p>`;
    return html`${intro}${this.whenDone(this.#groups, (list) => this.#body(list))}`;
  }

  #body(list: DocumentGroup[]): TemplateResult {
    const { picker } = this;
    const t = picker.localize;
    const groups = this.#groups;
    const validity = this.#validity;
    const failed = validity.value ? failedChecks(validity.value) : [];
    const button = (text: string, action: () => void) =>
      html`<button type="button" class="button button--secondary" part="button" @click=${action}>
        ${text}
      </button>`;
    const recheck = button(t.term('recheck'), () => void (list.length ? validity.run() : groups.run()));
    if (this.#handedOver) {
      return html`<p class="note" role="status">${t.term('requirementsBelow')}</p>
        <div class="actions">${recheck}</div>`;
    }
    // Nothing to add while only the verification runs (an upload on the page would have nothing to ask).
    const nothingMissing = validity.status === TaskStatus.COMPLETE && missingChecks(failed).length === 0;
    const upload =
      list.length && nothingMissing
        ? nothing
        : html`<button
            type="button"
            class="button button--secondary"
            part="button upload-button"
            @click=${() => this.#ask(failed)}
          >
            ${t.term('uploadDocuments')}
          </button>`;
    if (list.length === 0) {
      return html`<p class="state state--empty" part="empty">${t.term('groupsEmpty')}</p>
        <div class="actions">${upload}${recheck}</div>`;
    }
    // Zadarma takes the order while documents wait for verification, not while anything else is missing.
    const canContinue = nothingMissing;
    const checks = this.whenDone(validity, () => {
      const missing = missingChecks(failed);
      return html`${renderChecklist(picker.localize, failed)}
        <p class="note ${missing.length ? 'note--warning' : failed.length ? '' : 'note--ok'}" role="status">
          ${
            missing.length
              ? t.term('requirementsMissing')
              : failed.length
                ? t.term('requirementsPending')
                : t.term('requirementsOk')
          }
        </p>`;
    });
    return html`${
        list.length > 1
          ? html`<label class="label" for="group">${t.term('groupLabel')}</label>
              <select
                id="group"
                class="input"
                data-autofocus
                @change=${(e: Event) => (picker.groupId = Number((e.target as HTMLSelectElement).value))}
              >
                ${list.map(
                  (g) =>
                    html`<option value=${g.id ?? 0} ?selected=${g.id === picker.groupId}>
                      ${this.#name(g)}
                    </option>`,
                )}
              </select>`
          : html`<p class="summary">${t.term('groupLabel')}: ${this.summary()}</p>`
      }
      ${checks}
      <div class="actions">
        ${upload}${recheck}
        <button
          type="button"
          class="button"
          part="button next-button"
          ?disabled=${!canContinue}
          @click=${() => picker.go('order')}
        >
          ${t.term('next')}
        </button>
      </div>`;
  }
}
