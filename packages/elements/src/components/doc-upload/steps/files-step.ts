/**
 * Step "files": one box per document type the destination asks for — a big drop zone (a real button) and
 * "Take a photo" while the type has no file; once it has one, the file with its state and a small button
 * for a replacement or one more; while a file goes up, its progress, then the wait for Zadarma's answer.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CheckingWrongs, GroupFile } from '../../../client/zd-client.js';
import {
  ACCEPTED_TYPES,
  formatBytes,
  UPLOAD_LIMIT_BYTES,
  type AcceptedType,
} from '../../../documents/file-check.js';
import type { FileState } from '../i18n/index.js';
import { UploadSlot, type UploadItem } from '../upload-slot.js';
import type { StepContext } from './context.js';

const ACCEPT = Object.keys(ACCEPTED_TYPES).join(',');

export interface FilesDeps {
  /** The group the files go to. */
  groupId(): number | undefined;
  /** The group's files as Zadarma lists them (undefined until loaded). */
  files(): GroupFile[] | undefined;
  wrongs(): CheckingWrongs | undefined;
  /** A file arrived: everything is to be asked again. */
  uploaded(): void;
}

interface FileRow {
  name: string;
  state: FileState;
}

export class FilesStep {
  readonly #ctx: StepContext;
  readonly #deps: FilesDeps;
  readonly #slots = new Map<string, UploadSlot>();

  constructor(ctx: StepContext, deps: FilesDeps) {
    this.#ctx = ctx;
    this.#deps = deps;
  }

  /** Another group: files chosen for this one's documents do not carry over. */
  reset(): void {
    for (const slot of this.#slots.values()) slot.cancel();
    this.#slots.clear();
  }

  /** The types asked for (`restrictions.upload`, else `document-types`), and any the group already has. */
  #types(): string[] {
    const ctx = this.#ctx;
    const asked =
      ctx.requirements().upload ??
      ctx.host.documentTypes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    return [...new Set([...asked, ...(this.#deps.files() ?? []).map((f) => f.type)])];
  }

  #slot(type: string): UploadSlot {
    const ctx = this.#ctx;
    let slot = this.#slots.get(type);
    if (!slot) {
      slot = new UploadSlot(ctx.host, type, {
        client: () => ctx.client(),
        groupId: () => this.#deps.groupId(),
        knownCount: (t) => this.#deps.files()?.filter((f) => f.type === t).length,
        uploaded: (documentType, result) => {
          if (result)
            ctx.emit('zd-document-uploaded', {
              groupId: this.#deps.groupId() ?? 0,
              documentType,
              name: result.doc_name,
            });
          this.#deps.uploaded();
        },
        failed: (e) => ctx.reportError(e, 'documents.upload'),
      });
      this.#slots.set(type, slot);
    }
    return slot;
  }

  render(): TemplateResult {
    return html`${this.#types().map((type) => this.#renderDocument(type))}`;
  }

  #renderDocument(type: string): TemplateResult {
    const { t } = this.#ctx;
    const lang = t.lang();
    const slot = this.#slot(type);
    const { item, sent } = slot;
    const listed = this.#deps.files();
    const files = (listed ?? []).filter((f) => f.type === type);
    const wrong = this.#deps.wrongs()?.wrong_document;
    const rejected = wrong?.document_type === type ? wrong.message : undefined;
    // Zadarma names the rejected type, not the file: the oldest unverified one is it (a newer one is the
    // replacement being checked).
    const firstUnverified = files.find((f) => f.is_verified !== 'true');
    const rows: FileRow[] = files.map((f) => ({
      name: f.name,
      state:
        f.is_verified === 'true' ? 'verified' : rejected && f === firstUnverified ? 'rejected' : 'checking',
    }));
    // The file just sent is shown at once, before the list is asked again.
    if (sent && !files.some((f) => f.name === sent.name)) rows.push({ name: sent.name, state: 'checking' });
    const heading = t.term('documentType', type);
    const open = (input: string) =>
      this.#ctx.host.renderRoot.querySelector<HTMLInputElement>(`#${input}-${type}`)?.click();
    const take = (file: File | undefined) => file && void slot.choose(file);
    const onChange = (e: Event) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      input.value = '';
      take(file);
    };
    const named = (label: string) => html`${label}<span class="visually-hidden">: ${heading}</span>`;
    return html`<section class="doc" part="document" aria-labelledby="h-${type}">
      <h4 class="doc__title" id="h-${type}">${heading}</h4>
      ${
        rows.length
          ? html`<ul class="files">
              ${rows.map(
                (row) =>
                  html`<li class="file file--${row.state}">
                    <span class="file__name">${row.name}</span>: ${t.term('fileState', row.state)}
                    ${
                      // Type and size are known of a file sent from this page (Zadarma lists only names).
                      row.name === sent?.name
                        ? html`<span class="hint file__meta">${this.#meta(sent.type, sent.size)}</span>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>`
          : // Said only once the list is known, and not while the first file goes up.
            listed && !item
            ? html`<p class="hint">${t.term('noFiles')}</p>`
            : nothing
      }
      ${rejected ? html`<p class="doc__wrong" role="alert">${t.term('wrongDocument', heading, rejected)}</p>` : nothing}
      ${
        item
          ? this.#renderItem(slot, item)
          : rows.length
            ? html`<div class="actions">
                <button
                  type="button"
                  class="button button--secondary button--small"
                  part="button add-button"
                  @click=${() => open('i')}
                >
                  ${named(t.term(rejected ? 'replace' : 'addAnother'))}
                </button>
              </div>`
            : html`<div class="pick">
                <button
                  type="button"
                  class="drop"
                  part="drop-zone"
                  aria-describedby="d-${type}"
                  @click=${() => open('i')}
                  @dragover=${(e: DragEvent) => {
                    e.preventDefault();
                    (e.currentTarget as HTMLElement).classList.add('drop--over');
                  }}
                  @dragleave=${(e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove('drop--over')}
                  @drop=${(e: DragEvent) => {
                    e.preventDefault();
                    (e.currentTarget as HTMLElement).classList.remove('drop--over');
                    take(e.dataTransfer?.files[0]);
                  }}
                >
                  ${named(t.term('dropZone'))}
                </button>
                <button
                  type="button"
                  class="button button--secondary"
                  part="button camera-button"
                  @click=${() => open('c')}
                >
                  ${named(t.term('takePhoto'))}
                </button>
                <p class="hint" id="d-${type}">
                  ${t.term('dropHint', formatBytes(UPLOAD_LIMIT_BYTES, lang))}
                </p>
              </div>`
      }
      <input id="i-${type}" type="file" accept=${ACCEPT} hidden @change=${onChange} />
      <input id="c-${type}" type="file" accept="image/*" capture="environment" hidden @change=${onChange} />
      <p class="visually-hidden" role="status">${this.#announcement(slot)}</p>
    </section>`;
  }

  /** `JPEG · 2,1 MB` */
  #meta(type: AcceptedType | undefined, size: number): string {
    return `${type ? `${ACCEPTED_TYPES[type]} · ` : ''}${formatBytes(size, this.#ctx.t.lang())}`;
  }

  /** What a screen reader hears of an upload: each quarter of progress, the wait, the arrival. */
  #announcement(slot: UploadSlot): string {
    const { t } = this.#ctx;
    const phase = slot.item?.phase;
    if (phase === 'uploading') return t.term('uploading', Math.floor((slot.item?.progress ?? 0) * 4) * 25);
    if (phase === 'waiting' || phase === 'preparing') return t.term(phase);
    return slot.sent ? t.term('uploaded') : '';
  }

  #renderItem(slot: UploadSlot, item: UploadItem): TemplateResult {
    const ctx = this.#ctx;
    const t = ctx.t;
    const lang = t.lang();
    const typeName = item.type ? ACCEPTED_TYPES[item.type] : '';
    const percent = Math.round(item.progress * 100);
    const { phase } = item;
    const busy = slot.busy;
    return html`<div class="upload" part="upload">
      ${
        item.previewUrl
          ? html`<img class="upload__preview" src=${item.previewUrl} alt="" />`
          : typeName
            ? html`<span class="upload__preview upload__preview--type" aria-hidden="true">${typeName}</span>`
            : nothing
      }
      <div class="upload__body">
        <p class="upload__name">${item.name}</p>
        <p class="hint">
          ${this.#meta(item.type, item.size)}${item.reducedFrom ? ` · ${t.term('reducedFrom', formatBytes(item.reducedFrom, lang))}` : ''}
        </p>
        ${
          phase === 'uploading'
            ? html`<progress
                class="upload__progress"
                part="progress"
                max="100"
                .value=${percent}
                aria-label=${t.term('uploading', percent)}
              ></progress>`
            : phase === 'waiting'
              ? // No value: an indeterminate bar, for as long as Zadarma takes to answer.
                html`<p class="hint">${t.term('waiting')}</p>
                  <progress
                    class="upload__progress"
                    part="progress"
                    aria-label=${t.term('waiting')}
                  ></progress>`
              : nothing
        }
        ${phase === 'checking' || phase === 'preparing' ? ctx.renderLoading(t.term('preparing')) : nothing}
        ${
          phase === 'refused'
            ? html`<p class="upload__refused" role="alert">
                ${t.term('refused', item.reason ?? 'type', formatBytes(UPLOAD_LIMIT_BYTES, lang))}
              </p>`
            : nothing
        }
        ${phase === 'failed' ? ctx.renderError(item.error, () => slot.send()) : nothing}
        <div class="actions">
          <button
            type="button"
            class="button button--secondary"
            part="button ${busy ? 'cancel' : 'remove'}-button"
            @click=${() => (busy ? slot.cancel() : slot.clear())}
          >
            ${t.term(busy ? 'cancelUpload' : 'remove')}
          </button>
        </div>
      </div>
    </div>`;
  }
}
