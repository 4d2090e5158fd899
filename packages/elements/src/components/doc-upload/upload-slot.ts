/**
 * One document type's upload: the file chosen for it, checked (type by content, size), a large photo
 * downscaled, then sent with progress; cancel, retry, and no second copy when an answer was lost.
 */
import type { ReactiveControllerHost } from 'lit';
import { ApiTask } from '../../base/api-task.js';
import { loadChunk } from '../../base/chunks.js';
import { isAbortError, ZdApiError } from '../../client/errors.js';
import type { UploadResult, ZdClient } from '../../client/zd-client.js';
import { groupFiles, uploadDocument } from '../../client/documents.js';
import { UPLOAD_LIMIT_BYTES, type AcceptedType } from '../../documents/file-check.js';
import type { RefusalReason } from './i18n/index.js';

/** `waiting`: every byte is sent, the answer has not come yet. */
export type UploadPhase = 'checking' | 'refused' | 'preparing' | 'uploading' | 'waiting' | 'failed';

export interface UploadItem {
  /** What goes up: the chosen file, or its downscaled copy. */
  file: Blob;
  name: string;
  size: number;
  type?: AcceptedType | undefined;
  /** The size of the original, when it was downscaled. */
  reducedFrom?: number;
  previewUrl?: string;
  phase: UploadPhase;
  /** 0…1 of the bytes sent. */
  progress: number;
  reason?: RefusalReason;
  error?: unknown;
  /** Files of this type before the first attempt: tells whether an attempt whose answer was lost landed. */
  baseline?: number;
  /** The last attempt may have reached Zadarma (no answer came back). */
  uncertain: boolean;
}

/** A file this slot delivered: shown with its type and size (Zadarma's list has only names). */
export interface SentFile {
  name: string;
  type?: AcceptedType | undefined;
  size: number;
}

export interface SlotDeps {
  client(): ZdClient;
  groupId(): number | undefined;
  /** How many files of the type the group is known to have, if the list is loaded. */
  knownCount(type: string): number | undefined;
  uploaded(type: string, result: UploadResult | undefined): void;
  failed(error: unknown): void;
}

/** No answer, or the proxy's "no answer from Zadarma": the file may have arrived all the same. */
function mayHaveLanded(error: unknown): boolean {
  return (
    error instanceof ZdApiError && (error.kind === 'network' || error.status === 502 || error.status === 504)
  );
}

let tools: Promise<typeof import('./file-tools.js')> | undefined;

/** The file checks and the downscaling (a chunk), loaded once; asked again after a failed load. */
export function loadFileTools(): Promise<typeof import('./file-tools.js')> {
  const loading = (tools ??= loadChunk('file-tools', () => import('./file-tools.js')));
  loading.catch(() => (tools = undefined));
  return loading;
}

/** `passport.HEIC` → `passport.jpg`. */
const renamed = (name: string, ext: string) => `${name.replace(/\.[^.]*$/, '') || 'photo'}.${ext}`;

export class UploadSlot {
  item: UploadItem | undefined;
  /** The last file that arrived (announced once, until another file is chosen). */
  sent: SentFile | undefined;
  readonly #host: ReactiveControllerHost;
  readonly #deps: SlotDeps;
  readonly #task: ApiTask<readonly [UploadItem], UploadResult | undefined>;

  constructor(
    host: ReactiveControllerHost,
    readonly documentType: string,
    deps: SlotDeps,
  ) {
    this.#host = host;
    this.#deps = deps;
    // Loaded while the customer looks at the documents, so that a chosen file is checked at once.
    loadFileTools().catch(() => undefined);
    this.#task = new ApiTask(host, {
      autoRun: false,
      task: ([item], { signal }) => this.#send(item, signal),
      onComplete: (result) => {
        const item = this.item;
        if (item) this.sent = { name: result?.doc_name ?? item.name, type: item.type, size: item.size };
        this.clear();
        deps.uploaded(documentType, result);
      },
      onError: (error) => {
        const item = this.item;
        if (!item || isAbortError(error)) return;
        item.phase = 'failed';
        item.error = error;
        item.uncertain = mayHaveLanded(error);
        deps.failed(error);
      },
    });
  }

  get busy(): boolean {
    const phase = this.item?.phase;
    return !!phase && phase !== 'refused' && phase !== 'failed';
  }

  /** Takes a chosen file: refuses it with a reason, or downscales it if needed and sends it. */
  async choose(file: File): Promise<void> {
    this.cancel();
    const item: UploadItem = {
      file,
      name: file.name,
      size: file.size,
      phase: 'checking',
      progress: 0,
      uncertain: false,
    };
    this.item = item;
    this.sent = undefined;
    this.#update();
    let check: Awaited<ReturnType<typeof loadFileTools>>;
    try {
      check = await loadFileTools();
    } catch (error) {
      // The chunk did not come (offline, or not deployed beside the bundle): the page hears of it, and
      // the customer can choose the file again, which tries again.
      this.#deps.failed(error);
      return this.#refuse(item, 'unreadable');
    }
    const verdict = await check.checkFile(file, UPLOAD_LIMIT_BYTES);
    if (this.item !== item) return; // another file was chosen meanwhile
    item.type = verdict.type;
    if (!verdict.ok) return this.#refuse(item, verdict.reason);
    if (verdict.downscale) {
      item.phase = 'preparing';
      this.#update();
      const smaller = await check.downscaleImage(file, UPLOAD_LIMIT_BYTES);
      if (this.item !== item) return;
      if (!smaller) return this.#refuse(item, 'size');
      Object.assign(item, {
        file: smaller,
        name: renamed(file.name, 'jpg'),
        size: smaller.size,
        type: 'image/jpeg',
        reducedFrom: file.size,
      });
    }
    if (item.type !== 'application/pdf' && item.type !== 'image/tiff')
      item.previewUrl = URL.createObjectURL(item.file);
    this.send();
  }

  /** Sends the current file (again, after a failure). */
  send(): void {
    const item = this.item;
    if (!item || item.phase === 'refused') return;
    item.phase = 'uploading';
    item.progress = 0;
    void this.#task.run([item]);
  }

  /** Stops an upload in flight and forgets the file. */
  cancel(): void {
    this.#task.abort(); // (nothing to abort before the file goes)
    this.clear();
  }

  clear(): void {
    if (this.item?.previewUrl) URL.revokeObjectURL(this.item.previewUrl);
    this.item = undefined;
    this.#update();
  }

  #refuse(item: UploadItem, reason: RefusalReason): void {
    item.phase = 'refused';
    item.reason = reason;
    this.#update();
  }

  #update(): void {
    this.#host.requestUpdate();
  }

  async #send(item: UploadItem, signal: AbortSignal): Promise<UploadResult | undefined> {
    const client = this.#deps.client();
    const groupId = this.#deps.groupId();
    if (groupId === undefined) throw new ZdApiError({ kind: 'config', message: 'no document group chosen' });
    const type = this.documentType;
    const count = async () =>
      (await groupFiles(client, groupId, { signal })).filter((f) => f.type === type).length;
    // The last answer was lost: if the file arrived after all, sending it again would make a second copy.
    if (item.uncertain && item.baseline !== undefined && (await count()) > item.baseline) return undefined;
    item.baseline ??= this.#deps.knownCount(type) ?? (await count());
    return uploadDocument(
      client,
      { groupId, documentType: type, file: item.file, filename: item.name },
      {
        signal,
        onProgress: (sent, total) => {
          item.progress = total > 0 ? sent / total : 0;
          // After the last byte, Zadarma still has to store the file: the customer waits for that answer.
          item.phase = item.progress < 1 ? 'uploading' : 'waiting';
          this.#update();
        },
      },
    );
  }
}
