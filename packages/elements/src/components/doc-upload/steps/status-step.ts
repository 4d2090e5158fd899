/**
 * Step "status": the group in use — its name, the four checks for the destination, the verifier's reasons
 * — around the files step. Tells the page when everything is submitted or ready; while only the
 * verification is missing, checks again after a growing pause (not while the page is hidden).
 */
import { initialState } from '@lit/task';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { ApiTask } from '../../../base/api-task.js';
import { checkingWrongs, groupFiles, groupValidity } from '../../../client/documents.js';
import { failedChecks, renderChecklist } from '../../../documents/checklist.js';
import { documentsStage, nextCheckDelay } from '../../../documents/verification.js';
import type { GroupCheck } from '../../../i18n/translation.js';
import { nameOf } from '../../../documents/group-name.js';
import type { StepContext } from './context.js';
import { FilesStep } from './files-step.js';

export class StatusStep implements ReactiveController {
  readonly files: FilesStep;
  readonly #ctx: StepContext;
  /** The group shown (kept while another step is current, to see when a different one comes). */
  #id: number | undefined;
  /** This step is the current one. */
  #active = false;
  /** Counts checks of the group's validity (one request each). */
  #tick = 0;
  /** Counts refreshes of the files and the verifier's messages: after an upload, or when the checks change. */
  #detailsTick = 0;
  /** Files and messages are to be asked for after the next check (so they are never older than it). */
  #detailsDue = false;
  /** The flags of the last check, to see when they change. */
  #lastFlags = '';
  /** The last event sent, so that each change of state is announced once. */
  #announced = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #delay = 0;
  readonly #files;
  readonly #wrongs;
  readonly #validity;

  constructor(ctx: StepContext) {
    this.#ctx = ctx;
    ctx.host.addController(this);
    // Only while this step is current does it ask anything.
    const args = (tick: number) => [this.#active ? this.#id : undefined, tick, ctx.configured()] as const;
    this.#files = new ApiTask(ctx.host, {
      task: ([id], { signal }) =>
        id === undefined ? initialState : groupFiles(ctx.client(), id, { signal }),
      args: () => args(this.#detailsTick),
      onError: (e) => ctx.reportError(e, 'documents.files'),
    });
    this.#wrongs = new ApiTask(ctx.host, {
      task: ([id], { signal }) =>
        id === undefined ? initialState : checkingWrongs(ctx.client(), id, { signal }),
      args: () => args(this.#detailsTick),
      onError: (e) => ctx.reportError(e, 'direct_numbers.checking_wrongs'),
    });
    this.#validity = new ApiTask(ctx.host, {
      task: ([id, , , directionId], { signal }) =>
        id === undefined || !directionId
          ? initialState
          : groupValidity(ctx.client(), id, directionId, { signal }),
      args: () => [...args(this.#tick), ctx.host.directionId] as const,
      onComplete: (validity) => this.#afterCheck(failedChecks(validity)),
      onError: (e) => {
        ctx.reportError(e, 'documents.groups.valid');
        // The files and messages are not held back by a failed check.
        if (this.#detailsDue) this.#detailsTick++;
        this.#detailsDue = false;
      },
    });
    this.files = new FilesStep(ctx, {
      groupId: () => this.#id,
      files: () => this.#files.value,
      wrongs: () => this.#wrongs.value,
      uploaded: () => {
        // A new file that completes the group is news again, even if no check saw it incomplete.
        this.#announced = '';
        this.refresh();
      },
    });
  }

  hostConnected(): void {
    if (this.#active) this.refresh(); // what changed while away
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Shows a group's status (files chosen for another group's documents do not carry over). */
  enter(id: number): void {
    if (id !== this.#id) {
      this.#lastFlags = '';
      this.files.reset();
    }
    this.#id = id;
    this.#active = true;
    this.#delay = 0;
  }

  leave(): void {
    this.#active = false;
  }

  /**
   * Everything asked for again (after an upload, on "check now"), and the checks back to their pace: the
   * check first, then the files and messages, so that the list never shows an older state than the checks.
   */
  refresh(): void {
    this.#delay = 0;
    this.#tick++;
    if (this.#ctx.host.directionId) this.#detailsDue = true;
    else this.#detailsTick++;
    this.#ctx.host.requestUpdate();
  }

  /** After each check: tell the page when the group is submitted or ready, check again while it is verified. */
  #afterCheck(failed: GroupCheck[]): void {
    const ctx = this.#ctx;
    const { directionId } = ctx.host;
    const groupId = this.#id;
    clearTimeout(this.#timer);
    if (groupId === undefined || !directionId) return;
    const stage = documentsStage(failed);
    const event =
      stage === 'ready' ? 'zd-documents-ready' : stage === 'pending' ? 'zd-documents-submitted' : undefined;
    // Once per change of state: a group rejected and then sent again is announced again.
    const key = `${event}|${groupId}|${directionId}`;
    if (event && key !== this.#announced) {
      ctx.emit(event, { directionId, groupId });
      ctx.done();
    }
    this.#announced = key;
    // The files and messages are asked for again when the checks say something changed, or after a refresh.
    const flags = failed.join();
    if (this.#detailsDue || (flags !== this.#lastFlags && this.#lastFlags !== '')) this.#detailsTick++;
    this.#detailsDue = false;
    this.#lastFlags = flags;
    if (stage === 'pending') this.#schedule();
  }

  #schedule(): void {
    this.#delay = nextCheckDelay(this.#delay, this.#ctx.host.refreshInterval);
    this.#timer = setTimeout(() => {
      // A hidden page waits; the check happens when the customer looks again.
      if (document.hidden) this.#schedule();
      else {
        this.#tick++;
        this.#ctx.host.requestUpdate();
      }
    }, this.#delay);
  }

  render(): TemplateResult {
    const ctx = this.#ctx;
    const t = ctx.t;
    const id = this.#id ?? 0;
    const group = ctx.group(id);
    const wrongAddress = this.#wrongs.value?.wrong_address?.message;
    const readonly = group?.is_readonly === true;
    const files = this.#files;
    return html`<h3 class="subtitle summary" data-autofocus tabindex="-1">
        ${t.term('groupName', group ? nameOf(group) : '', id)}
      </h3>
      <div class="actions actions--top">
        ${
          readonly
            ? nothing
            : html`<button type="button" class="link" @click=${() => ctx.edit(id)}>
                ${t.term('editDetails')}
              </button>`
        }
        <button type="button" class="link" @click=${() => ctx.choose()}>${t.term('otherDetails')}</button>
      </div>
      ${readonly ? html`<p class="hint">${t.term('readonlyNote')}</p>` : nothing}
      ${
        wrongAddress
          ? html`<div class="note note--warning" role="alert">
              <p>${t.term('wrongAddress', wrongAddress)}</p>
              ${
                readonly
                  ? nothing
                  : html`<button
                      type="button"
                      class="button button--secondary"
                      part="button"
                      @click=${() => ctx.edit(id)}
                    >
                      ${t.term('fixAddress')}
                    </button>`
              }
            </div>`
          : nothing
      }
      ${this.#renderChecks()}
      <h3 class="subtitle">${t.term('documentsTitle')}</h3>
      ${files.failure ? ctx.renderError(files.failure, () => void files.run()) : nothing}
      ${this.files.render()}
      <div class="actions">
        <button type="button" class="button button--secondary" part="button" @click=${() => this.refresh()}>
          ${t.term('checkNow')}
        </button>
      </div>`;
  }

  #renderChecks(): TemplateResult | typeof nothing {
    const ctx = this.#ctx;
    const t = ctx.t;
    const validity = this.#validity;
    if (!ctx.host.directionId) return nothing;
    if (validity.failure) return ctx.renderError(validity.failure, () => void validity.run());
    if (!validity.value) return ctx.renderLoading();
    const failed = failedChecks(validity.value);
    const stage = documentsStage(failed);
    const [kind, text] =
      stage === 'ready'
        ? ['ok', t.term('statusReady')]
        : stage === 'pending'
          ? ['pending', t.term('statusPending')]
          : ['warning', t.term('statusMissing')];
    return html`${renderChecklist(t, failed)}
      <p class="note note--${kind}" role="status">${text}</p>`;
  }
}
