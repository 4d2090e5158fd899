/**
 * `<zd-pbx-setup>`: the customer's own PBX (session scope `pbx:manage`): extensions with their status,
 * adding extensions, passwords (set, never shown again), cloud recording, call notifications; and the
 * voice menus (`<zd-pbx-menus>`, loaded the first time that section is shown).
 */
import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { ApiTask } from '../../base/api-task.js';
import type { ZdApiError } from '../../client/errors.js';
import { ZdElement } from '../../base/zd-element.js';
import { renderExtensions, type ExtensionsHost } from './extensions/extensions-view.js';
import {
  addExtensions,
  listExtensions,
  readCallinfo,
  setCallinfo,
  setCloudRecording,
  setPassword,
  STRONG_PASSWORD,
  type CallinfoSwitch,
  type Extension,
} from './extensions/pbx-api.js';
import { pbxSetupTexts, type PbxSection, type PbxSetupTranslation } from './i18n/index.js';
import { loadMenus } from './menus-loader.js';
import { styles } from './zd-pbx-setup.styles.js';

const SECTIONS: readonly PbxSection[] = ['extensions', 'menus'];

/**
 * @summary Sets up the customer's own phone system: extensions, passwords, recording, notifications, voice menus.
 *
 * @event zd-extension-created - Extensions were added; `detail.numbers` lists them.
 * @event zd-error - A call failed; `detail.error` is a `ZdApiError`, `detail.operation` names the call.
 *
 * @csspart tabs - The section switcher.
 * @csspart extensions - The list of extensions.
 * @csspart extension - One extension.
 * @csspart status - An extension's online/offline status.
 * @csspart add - The form that adds extensions.
 * @csspart callinfo - The call-notification switches.
 * @csspart input - Text and number inputs.
 * @csspart button - Buttons.
 * @csspart loading - The loading state.
 * @csspart error - The error state.
 * @csspart empty - The "no extensions yet" state.
 *
 * @cssproperty --zd-color-primary - Accent colour (selected section, buttons).
 * @cssproperty --zd-color-border - Borders of the extension cards.
 * @cssproperty --zd-color-success - The "online" status.
 * @cssproperty --zd-color-danger - Error messages.
 * @cssproperty --zd-radius - Corner radius.
 */
export class ZdPbxSetup extends ZdElement<PbxSetupTranslation> implements ExtensionsHost {
  static override styles = styles;

  @state() private section: PbxSection = 'extensions';
  @state() private menusRequested = false;
  @state() extensions: Extension[] = [];
  @state() callinfo: Record<CallinfoSwitch, boolean> | undefined;
  @state() shownPassword: ReadonlySet<string> = new Set();
  @state() passwordMessage: ReadonlyMap<string, { text: string; error: boolean }> = new Map();
  @state() addedMessage = '';
  @state() busy = false;

  constructor() {
    super(pbxSetupTexts);
  }

  declare readonly localize: ExtensionsHost['localize'];

  private readonly load = new ApiTask(this, {
    task: async (_args, { signal }) => {
      const client = this.client;
      const [extensions, callinfo] = await Promise.all([
        listExtensions(client, signal),
        readCallinfo(client, signal),
      ]);
      this.extensions = extensions;
      this.callinfo = callinfo;
      return extensions;
    },
    args: () => [this.config.client] as const,
    onError: (error) => this.reportError(error, 'pbx.internal'),
  });

  /** Reads the extensions and their status again (e.g. after a phone registered). */
  refresh(): Promise<unknown> {
    return this.load.run();
  }

  /** One change at a time; the list is read again afterwards so the page shows what Zadarma has. */
  private async change(
    operation: string,
    action: () => Promise<void>,
    onError?: (error: ZdApiError) => void,
  ): Promise<boolean> {
    this.busy = true;
    try {
      await action();
      return true;
    } catch (error) {
      onError?.(this.reportError(error, operation));
      return false;
    } finally {
      this.busy = false;
    }
  }

  addExtensions(quantity: number): void {
    void this.change('pbx.internal.create', async () => {
      const numbers = await addExtensions(this.client, this.extensions, quantity);
      this.addedMessage = this.localize.term('added', numbers);
      this.emit('zd-extension-created', { numbers });
      await this.load.run();
    });
  }

  savePassword(number: string, input: HTMLInputElement): void {
    const value = input.value;
    const messages = new Map(this.passwordMessage);
    if (!STRONG_PASSWORD.test(value)) {
      messages.set(number, { text: this.localize.term('passwordWeak'), error: true });
      this.passwordMessage = messages;
      input.focus();
      return;
    }
    void this.change(
      'pbx.internal.password.put',
      async () => {
        await setPassword(this.client, number, value);
        // Never shown again: the field is emptied and hidden once Zadarma has the password.
        input.value = '';
        const shown = new Set(this.shownPassword);
        shown.delete(number);
        this.shownPassword = shown;
        messages.set(number, { text: this.localize.term('passwordSaved', number), error: false });
        this.passwordMessage = messages;
      },
      (error) => {
        // Refused by the proxy or Zadarma (a rule stricter than the page's): said next to the field.
        const text =
          error.kind === 'invalid'
            ? this.localize.term('passwordWeak')
            : this.common.term('error', error.kind);
        messages.set(number, { text, error: true });
        this.passwordMessage = new Map(messages);
      },
    );
  }

  togglePasswordShown(number: string): void {
    const shown = new Set(this.shownPassword);
    if (!shown.delete(number)) shown.add(number);
    this.shownPassword = shown;
  }

  setRecording(number: string, on: boolean): void {
    void this.change('pbx.internal.recording', async () => {
      await setCloudRecording(this.client, number, on);
      this.extensions = this.extensions.map((e) => (e.number === number ? { ...e, cloudRecording: on } : e));
    });
  }

  setCallinfo(name: CallinfoSwitch, on: boolean): void {
    void this.change('pbx.callinfo.notifications', async () => {
      await setCallinfo(this.client, name, on);
      if (this.callinfo) this.callinfo = { ...this.callinfo, [name]: on };
    });
  }

  private show(section: PbxSection): void {
    this.section = section;
    if (section === 'menus' && !this.menusRequested) {
      this.menusRequested = true;
      loadMenus().catch((error: unknown) => this.reportError(error, 'load voice menus'));
    }
  }

  /** Arrow keys, Home and End move between the tabs (WAI-ARIA tabs pattern). */
  private onTabKey(event: KeyboardEvent): void {
    const here = SECTIONS.indexOf(this.section);
    const index =
      event.key === 'ArrowRight'
        ? (here + 1) % SECTIONS.length
        : event.key === 'ArrowLeft'
          ? (here - 1 + SECTIONS.length) % SECTIONS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? SECTIONS.length - 1
              : -1;
    if (index < 0) return;
    event.preventDefault();
    const next = SECTIONS[index];
    if (!next) return;
    this.show(next);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${next}`)?.focus());
  }

  override render() {
    const t = this.localize;
    return html`<section class="pbx" aria-labelledby="pbx-title">
      <h2 id="pbx-title">${t.term('setupTitle')}</h2>
      <div class="tabs" role="tablist" part="tabs" @keydown=${this.onTabKey}>
        ${SECTIONS.map(
          (section) =>
            html`<button
              type="button"
              role="tab"
              class="tab button button--ghost"
              id="tab-${section}"
              aria-controls="panel-${section}"
              aria-selected=${this.section === section ? 'true' : 'false'}
              tabindex=${this.section === section ? 0 : -1}
              @click=${() => this.show(section)}
            >
              ${t.term('section', section)}
            </button>`,
        )}
      </div>
      <div
        id="panel-extensions"
        role="tabpanel"
        aria-labelledby="tab-extensions"
        ?hidden=${this.section !== 'extensions'}
      >
        ${this.load.render({
          initial: () => this.renderLoading(),
          pending: () => (this.extensions.length ? renderExtensions(this) : this.renderLoading()),
          complete: () => renderExtensions(this),
          error: () => this.renderError(this.load.failure, () => void this.load.run()),
        })}
      </div>
      <div id="panel-menus" role="tabpanel" aria-labelledby="tab-menus" ?hidden=${this.section !== 'menus'}>
        ${this.menusRequested ? html`<zd-pbx-menus></zd-pbx-menus>` : nothing}
      </div>
    </section>`;
  }
}
