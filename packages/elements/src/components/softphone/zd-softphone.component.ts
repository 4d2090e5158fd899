/**
 * `<zd-softphone>` is a conductor of views over the phone engine (`phone/`, no UI). The views in
 * `views/` (gate, dial pad, incoming panel, call panel, transfer, history) only render what the element
 * holds and call its actions (`SoftphoneView`, views/view.ts); the engine knows SIP and media, the
 * element knows the customer: which call is in front, what they typed, what to say and where focus goes.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ZdElement } from '../../base/zd-element.js';
import { loadChunk } from '../../base/chunks.js';
import type { ZdCallInfo } from '../../base/events.js';
import { ZdApiError } from '../../client/errors.js';
import { formatPhone, loadPhoneFormatter, type PhoneFormatter } from '../../format/phone.js';
import type { LocalizeController } from '../../i18n/localize.js';
import type { DialRejection } from '../../phone/dial.js';
import type {
  DtmfTransport,
  PhoneCall,
  PhoneEngine,
  PhoneEngineOptions,
  RegistrationState,
} from '../../phone/types.js';
import { callInfo, type SoftphoneState } from './call-info.js';
import { CallSoundsController } from './controllers/call-sounds.js';
import { DevicesController } from './controllers/devices.js';
import { FocusController } from './controllers/focus.js';
import { PageExitController } from './controllers/page-exit.js';
import { askNotificationPermission } from './controllers/notification-permission.js';
import { PageInputController } from './controllers/page-input.js';
import type { CallerLookup, ScreenPop, ScreenPopController } from './controllers/screen-pop.js';
import { cleanDialInput, toDialNumber } from './dial-number.js';
import { listenToEngine } from './engine-events.js';
import { withEndedCall } from './history.js';
import { softphoneTexts, type SoftphoneTranslation } from './i18n/index.js';
import { renderGate } from './views/gate.js';
import type { Consultation, HistoryEntry, SoftphoneView, TransferTarget } from './views/view.js';
import { styles } from './zd-softphone.styles.js';

export type { HistoryEntry, TransferTarget } from './views/view.js';
export type { SoftphoneState } from './call-info.js';
export type { CallerLookup, CallerLookupInfo } from './controllers/screen-pop.js';

/** Makes the engine; the element passes its client and extension (and `singleTab` when set). */
export type PhoneEngineFactory = (
  options: PhoneEngineOptions & { singleTab?: boolean },
) => PhoneEngine | Promise<PhoneEngine>;

/**
 * The kit's engine (`phone/engine.ts`), loaded on the first "enable calls" as a chunk (with JsSIP, which
 * it loads in turn), so a page pays for calls only when its customer turns them on. Shared across the
 * browser's tabs (one registration per extension, phone/shared-engine.ts) unless `singleTab`.
 */
export const defaultEngineFactory: PhoneEngineFactory = async ({ singleTab, ...options }) => {
  const chunk = await loadChunk('softphone-engine', () => import('../../phone/engine.js'));
  return singleTab ? chunk.createPhoneEngine(options) : chunk.createTabSharedPhoneEngine(options);
};

/**
 * @tag zd-softphone
 * @summary A phone in the page for one PBX extension: enable calls, dial (pad, keyboard or `tel:` links),
 * answer and decline, call waiting, mute, hold, digits during a call, transfer, a timer, the line's
 * quality and the calls of the session. SIP runs in the phone engine; JsSIP is loaded only when the
 * customer enables calls. Leaving the page during a call asks first; on the way out the phone
 * un-registers, and a page restored from the back-forward cache registers again.
 *
 * @event {CustomEvent<ZdRegistrationDetail>} zd-registration - The registration changed (`off`,
 *   `connecting`, `registered`, `reconnecting`, `failed` with `error`).
 * @event {CustomEvent<ZdReconnectDetail>} zd-reconnecting - The connection to the SIP server was lost; the
 *   phone reconnects by itself (`calls`: the calls going on, which survive on their media).
 * @event {CustomEvent<ZdReconnectDetail>} zd-reconnected - Registered again after a lost connection; the
 *   calls going on were told the new connection (re-INVITE with an ICE restart where their media broke).
 * @event {CustomEvent<ZdCallStateDetail>} zd-call-state - A call appeared or changed its status or mute.
 * @event {CustomEvent<ZdIncomingCallDetail>} zd-incoming-call - A call rings (the panel shows it and takes focus).
 *   With scope `events`, `notification` is Zadarma's NOTIFY_START of the call (`caller_id`, `called_did`,
 *   `call_start`, `pbx_call_id`) for the page's CRM; the event then waits up to 2 s for it.
 * @event {CustomEvent<ZdCallEndedDetail>} zd-call-ended - A call ended: its disposition, talk time
 *   (`durationMs`), set-up timings and quality summary (MOS).
 * @event {CustomEvent<ZdQualityWarningDetail>} zd-quality-warning - A call's quality warning rose or
 *   cleared (`losing-audio`, `no-microphone-audio`, `high-latency`); the call panel says it in words.
 * @event {CustomEvent<ZdErrorDetail>} zd-error - Starting, registering or a call action failed (the element
 *   shows it too).
 *
 * @csspart base - The element's frame.
 * @csspart title - The heading.
 * @csspart status - The status line (registration or the call), read out by screen readers.
 * @csspart gate - The "enable calls" area.
 * @csspart enable-button - The button that enables calls.
 * @csspart dial - The number field with the dial pad.
 * @csspart number-input - The number field.
 * @csspart dial-pad - The keys.
 * @csspart key - One key.
 * @csspart call-button - The button that dials.
 * @csspart delete-button - The button that deletes the last digit.
 * @csspart incoming - The incoming-call panel.
 * @csspart caller - Who calls (name and number).
 * @csspart called-number - The customer's number the caller dialled (screen-pop, scope `events`).
 * @csspart answer-button - Answers (or holds the current call and answers).
 * @csspart decline-button - Declines.
 * @csspart call - The panel of the call going on.
 * @csspart call-status - The call's state and timer.
 * @csspart quality - The connection's quality (good, fair, poor) during the call.
 * @csspart other-tab - Says that the call's sound plays in the browser's other tab that holds the phone.
 * @csspart quality-warning - A warning about the call's audio, in plain words.
 * @csspart timer - The call timer.
 * @csspart controls - Mute, hold, keypad, transfer.
 * @csspart mute-button - Mute toggle.
 * @csspart hold-button - Hold toggle.
 * @csspart keypad-button - Shows the keypad for digits.
 * @csspart transfer-button - Opens the transfer.
 * @csspart sent-digits - The digits sent in the call.
 * @csspart transfer - The transfer form.
 * @csspart transfer-input - The transfer target field.
 * @csspart transfer-targets - The offered targets.
 * @csspart target-button - One offered target.
 * @csspart transfer-now-button - Transfers at once.
 * @csspart transfer-attended-button - Calls the target first.
 * @csspart transfer-complete-button - Completes a transfer after talking to the target.
 * @csspart waiting - The other calls on hold.
 * @csspart switch-button - Switches to a call on hold.
 * @csspart hangup-button - Hangs up.
 * @csspart history - The calls of this session.
 * @csspart history-entry - One past call.
 * @csspart call-again-button - Calls a past number again.
 * @csspart button - Every button.
 * @csspart error - An error with its retry button.
 * @csspart retry-button - The retry button of an error.
 * @csspart settings-button - Opens the audio settings (microphone, speaker, ringer, "Test my setup").
 * @csspart device-notice - Says that a chosen device is not connected (the default is used meanwhile).
 * @csspart settings - The audio settings.
 * @csspart device-select - Each device select; also `microphone-select`, `speaker-select`, `ringer-select`.
 * @csspart microphone-select - The microphone select.
 * @csspart speaker-select - The select of the calls' output (hidden where the browser cannot choose one).
 * @csspart ringer-select - The select of the ringtone's output (hidden likewise).
 * @csspart outputs-fixed - Says that this browser cannot choose outputs.
 * @csspart show-names-button - Asks for the microphone so that the browser names the devices.
 * @csspart test-speaker-button - Plays a test tone on the speaker.
 * @csspart test-ringer-button - Plays a test tone on the ringer.
 * @csspart test-result - What the tone test says (a status).
 * @csspart preflight - "Test my setup".
 * @csspart preflight-button - Runs the checks.
 * @csspart preflight-results - The checks' results (a polite live region around them).
 * @csspart preflight-result - One check; also `preflight-result--ok`, `--problem`, `--running`, `--waiting`.
 * @csspart preflight-advice - What to do about a check that needs attention.
 * @csspart preflight-summary - How many checks need attention.
 *
 * @cssproperty --zd-font-family - Font of the element (default: inherited).
 * @cssproperty --zd-color-text - Text colour.
 * @cssproperty --zd-color-muted - Secondary text colour.
 * @cssproperty --zd-color-surface - Background.
 * @cssproperty --zd-color-border - Borders.
 * @cssproperty --zd-color-primary - Buttons, focus.
 * @cssproperty --zd-color-on-primary - Text on primary.
 * @cssproperty --zd-color-danger - Hang up, decline, errors.
 * @cssproperty --zd-color-success - Call and answer.
 * @cssproperty --zd-radius - Corner radius.
 * @cssproperty --zd-spacing - Base spacing unit.
 * @cssproperty --zd-key-size - Height of a dial-pad key (default 3em).
 *
 * @slot title - Replaces the heading.
 * @slot footer - Shown under the phone.
 */
export class ZdSoftphone extends ZdElement<SoftphoneTranslation> implements SoftphoneView {
  static override styles = styles;

  /** The PBX extension of the session token (`100`). */
  @property() sip = '';

  /** The customer's country (ISO 3166-1 alpha-2) for national numbers: `030 123` in `DE` dials `+4930123`. */
  @property() country?: string;

  /** Turns `tel:` links on the page into calls of this phone. */
  @property({ type: Boolean, attribute: 'intercept-tel' }) interceptTel = false;

  /**
   * How digits in a call are sent: `rfc4733` (in the audio, as telephone-events; what IVRs expect) or
   * `info` (SIP INFO, for a PBX that wants digits in signalling).
   */
  @property({ attribute: 'dtmf-transport' }) dtmfTransport: DtmfTransport = 'rfc4733';

  /** Offered as transfer targets (the partner's extensions); JSON in the attribute. */
  @property({ type: Array, attribute: 'transfer-targets' }) transferTargets: TransferTarget[] = [];

  /**
   * The audio output for the call and the ringtone (`MediaDeviceInfo.deviceId`); default: the system's.
   * A speaker or ringer the person chooses in the audio settings (remembered for the site) wins.
   */
  @property({ attribute: 'sink-id' }) sinkId = '';
  /** This tab registers by itself instead of sharing one registration with the browser's other tabs. */
  @property({ type: Boolean, attribute: 'single-tab' }) singleTab = false;

  /** Makes the phone engine (tests and special set-ups may pass their own). */
  @property({ attribute: false }) engineFactory: PhoneEngineFactory = defaultEngineFactory;

  /**
   * The page's own lookup of a caller (its CRM), for the name shown while a call rings: asked once per
   * incoming call with `{ number, call, notification? }` (`number` in E.164 when it has a country code;
   * `notification` is Zadarma's NOTIFY_START when the token has scope `events`), answers the name or
   * undefined, at once or as a promise. Shown as plain text (at most 100 characters) instead of SIP's
   * display name; a lookup that fails leaves the number. Zadarma itself sends no caller names.
   */
  @property({ attribute: false }) callerLookup?: CallerLookup;

  // What the views read (see SoftphoneView).
  /** @internal */
  @state() registration: RegistrationState = 'off';
  /** @internal */
  @state() starting = false;
  /** @internal */
  @state() number = '';
  /** @internal */
  @state() numberInvalid: DialRejection | undefined;
  /** @internal */
  @state() keypadOpen = false;
  /** @internal */
  @state() transferOpen = false;
  /** @internal */
  @state() transferTarget = '';
  /** @internal */
  @state() consultation: Consultation | undefined;
  /** @internal */
  @state() sentDigits = '';
  /** @internal */
  @state() history: HistoryEntry[] = [];
  /** @internal */
  @state() now = Date.now();
  @state() private calls: readonly PhoneCall[] = [];
  @state() private selectedId: string | undefined;
  @state() private failure: unknown;
  @state() private phoneLib: PhoneFormatter | undefined;

  /** @internal */
  declare readonly localize: LocalizeController<SoftphoneTranslation>;

  #engine: PhoneEngine | undefined;
  #unsubscribe: (() => void) | undefined;
  readonly #sounds = new CallSoundsController(this);
  readonly #focus = new FocusController(this);
  readonly #devices = new DevicesController(
    this,
    () => ({ client: this.client, sip: this.sip, engineFactory: this.engineFactory }),
    (error, operation) => this.#fail(error, operation),
  );
  #starting: Promise<void> | undefined;
  /** The call in front as last rendered. */
  #frontId: string | undefined;
  #loadingLib = false;
  readonly #reported = new WeakSet<ZdApiError>();
  /** The enabled phone's views, a chunk loaded on the first enable (views/phone-views.ts). */
  #views: typeof import('./views/phone-views.js') | undefined;
  /** The screen-pop (and desktop notifications), a chunk added on the first enable. */
  #screenPop: ScreenPopController | undefined;

  constructor() {
    super(softphoneTexts);
    new PageInputController(this);
    new PageExitController(this);
  }

  // ---- what the page calls ----

  /** Registration and the calls as they are now. */
  get state(): SoftphoneState {
    const current = this.current;
    const incoming = this.incoming;
    return {
      registration: this.registration,
      current: current && callInfo(current),
      incoming: incoming && callInfo(incoming),
      calls: this.calls.map(callInfo),
    };
  }

  /**
   * Starts the engine: loads JsSIP, fetches the credentials, registers. Call it from a user gesture (a
   * click), so the browser lets the phone play audio; the gate's button does.
   */
  async enable(): Promise<void> {
    this.#unlockAudio();
    if (this.#engine) return;
    // A second click while the engine loads waits for the same start.
    this.#starting ??= this.#start().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #start(): Promise<void> {
    this.failure = undefined;
    this.starting = true;
    // Numbers are shown as people write them from the first call on (libphonenumber-js is a chunk).
    this.formatNumber('+1');
    let engine: PhoneEngine | undefined;
    try {
      if (!this.sip)
        throw new ZdApiError({ kind: 'config', message: 'no extension: set <zd-softphone sip="…">' });
      const extras = loadChunk('softphone-call-extras', () => import('./controllers/call-extras.js'));
      const views = loadChunk('softphone-views', () => import('./views/phone-views.js'));
      void views.catch(() => undefined); // awaited below; a failure is reported there
      engine = await this.engineFactory({
        client: this.client,
        sip: this.sip,
        ...(this.singleTab ? { singleTab: true } : {}),
      });
      this.#views = await views;
      this.#attach(engine);
      // Beside the registration; without its chunk the phone works on, only without screen-pop.
      const started = engine;
      extras.then(
        (m) => {
          if (this.#engine !== started) return; // disabled meanwhile
          this.#screenPop ??= m.addCallExtras(this);
          this.#screenPop.start(this.client);
        },
        () => undefined,
      );
      await engine.start();
    } catch (error) {
      const failure = this.reportError(error, 'softphone.start');
      this.#reported.add(failure);
      this.failure = failure;
      this.#detach();
      this.#screenPop?.stop();
      void engine?.stop().catch(() => undefined);
      this.#engine = undefined;
      this.registration = 'off';
      throw failure;
    } finally {
      this.starting = false;
    }
  }

  /** Un-registers and closes the connection; calls end. */
  async disable(): Promise<void> {
    const engine = this.#engine;
    this.#detach();
    this.#screenPop?.stop();
    this.#engine = undefined;
    this.calls = [];
    this.registration = 'off';
    await engine?.stop();
  }

  /** Dials a number (cleaned; national numbers read in `country`) or an extension. Enables calls first if needed. */
  async call(number: string): Promise<ZdCallInfo> {
    this.#unlockAudio();
    const target = await this.#dialTarget(number, 'number');
    if (!this.#engine) await this.enable();
    const engine = this.#engine;
    if (!engine) throw new ZdApiError({ kind: 'config', message: 'calls are not enabled' });
    // A call in front goes on hold (call waiting, the other way round).
    const before = this.current;
    if (before?.status === 'active') await before.hold();
    const call = await engine.call(target);
    this.selectedId = call.id;
    this.#focus.request('call');
    this.#refresh();
    return callInfo(call);
  }

  /** Answers the ringing call; a call going on is put on hold first. */
  async answer(): Promise<void> {
    const incoming = this.incoming;
    if (!incoming) throw new ZdApiError({ kind: 'invalid', message: 'no call is ringing' });
    const before = this.current;
    if (before?.status === 'active') await before.hold();
    await incoming.answer();
    this.selectedId = incoming.id;
    this.#focus.request('call');
    this.#refresh();
  }

  /** Declines the ringing call. */
  decline(): void {
    this.incoming?.decline();
  }

  /** Hangs up the call in front, else declines the ringing one. */
  hangup(): void {
    const call = this.current;
    if (call) call.hangup();
    else this.incoming?.decline();
  }

  async hold(): Promise<void> {
    await this.#need().hold();
  }

  async resume(): Promise<void> {
    await this.#need().resume();
  }

  mute(on: boolean): void {
    this.#need().mute(on);
  }

  /** Sends digits in the call in front (RFC 4733, or SIP INFO with `dtmf-transport="info"`). */
  sendDtmf(digits: string): void {
    const clean = digits.replace(/[^0-9*#A-D]/gi, '');
    if (!clean) return;
    this.#need().sendDtmf(clean, { transport: this.dtmfTransport === 'info' ? 'info' : 'rfc4733' });
    this.sentDigits += clean;
  }

  /**
   * Transfers the call in front. Blind by default; `attended` first calls the target while the call
   * waits on hold — the transfer completes with `transfer(target, { attended: true })` again (or the
   * "complete transfer" button) once the target has answered.
   */
  async transfer(target: string, options: { attended?: boolean } = {}): Promise<void> {
    const to = await this.#dialTarget(target, 'target');
    const consult = this.consultation;
    if (options.attended && consult && consult.target === to && consult.consultation.status === 'active') {
      await consult.original.transfer(to, { attended: consult.consultation });
      this.consultation = undefined;
      this.transferOpen = false;
      return;
    }
    const call = this.#need();
    if (!options.attended) {
      await call.transfer(to);
      this.transferOpen = false;
      return;
    }
    if (call.status === 'active') await call.hold();
    const consultation = await this.#engineOrThrow().call(to);
    this.consultation = { original: call, consultation, target: to };
    this.selectedId = consultation.id;
    this.transferOpen = false;
    this.#refresh();
  }

  // ---- what the views read ----

  /** @internal */
  get incoming(): PhoneCall | undefined {
    return this.calls.find((c) => c.direction === 'incoming' && c.status === 'ringing');
  }

  /** @internal */
  get current(): PhoneCall | undefined {
    const live = this.calls.filter((c) => c.status !== 'ringing' && c.status !== 'ended');
    return live.find((c) => c.id === this.selectedId) ?? live.find((c) => c.status !== 'held') ?? live[0];
  }

  /** @internal */
  get waiting(): PhoneCall[] {
    const current = this.current;
    return this.calls.filter((c) => c !== current && c.status === 'held');
  }

  /** @internal */
  who(call: { id?: string; remote: { number: string; name?: string } }): string {
    return (
      this.#screenPop?.of(call)?.name ||
      call.remote.name ||
      (call.remote.number ? this.formatNumber(call.remote.number) : '') ||
      this.localize.term('unknownCaller')
    );
  }

  /** @internal */
  screenPop(call: PhoneCall): ScreenPop | undefined {
    return this.#screenPop?.of(call);
  }

  /** @internal */
  notificationText(call: PhoneCall): { title: string; body: string } {
    return this.#views?.incomingNotificationText(this, call) ?? { title: '', body: '' };
  }

  /** @internal */
  formatNumber(number: string): string {
    if (!number.startsWith('+')) return number;
    if (!this.phoneLib && !this.#loadingLib) {
      this.#loadingLib = true;
      loadPhoneFormatter()
        .then((lib) => (this.phoneLib = lib))
        .catch((error: unknown) => this.reportError(error, 'chunk:phone-lib'));
    }
    return formatPhone(number, {}, this.phoneLib);
  }

  // ---- the views' actions ----

  /** @internal */
  enableCalls(): void {
    askNotificationPermission(); // in this click, before anything is awaited
    // enable() has shown and reported a failure already.
    this.enable().catch(() => undefined);
  }

  /** @internal */
  setNumber(text: string): void {
    this.number = cleanDialInput(text);
    this.numberInvalid = undefined;
    // The field shows the cleaned text even when Lit's value did not change (e.g. only letters typed).
    const field = this.renderRoot.querySelector<HTMLInputElement>('#number');
    if (field && field.value !== this.number) field.value = this.number;
  }

  /** @internal */
  pressKey(key: string): void {
    if (this.current?.status === 'active') this.#act(() => this.sendDtmf(key), 'softphone.dtmf');
    else this.setNumber(this.number + key);
  }

  /** @internal */
  deleteDigit(): void {
    this.number = this.number.slice(0, -1);
    this.focusNumber();
  }

  /** @internal */
  dial(): void {
    if (!this.ready) return;
    const typed = this.number;
    this.#act(async () => {
      const result = await toDialNumber(typed, this.country);
      if (!result.ok) {
        this.numberInvalid = result.reason;
        this.focusNumber();
        return;
      }
      await this.call(result.dial);
      if (this.number === typed) this.number = '';
    }, 'softphone.call');
  }

  /** @internal */
  dialAgain(number: string): void {
    this.#act(() => this.call(number), 'softphone.call');
  }

  /** @internal */
  answerCall(): void {
    this.#act(() => this.answer(), 'softphone.answer');
  }

  /** @internal */
  declineCall(): void {
    this.#act(() => this.decline(), 'softphone.decline');
  }

  /** @internal */
  hangupCall(): void {
    this.#act(() => this.hangup(), 'softphone.hangup');
  }

  /** @internal */
  toggleMute(): void {
    const call = this.current;
    if (call) this.#act(() => this.mute(!call.muted), 'softphone.mute');
  }

  /** @internal */
  toggleHold(): void {
    const call = this.current;
    if (!call) return;
    this.#act(() => (call.status === 'held' ? this.resume() : this.hold()), 'softphone.hold');
  }

  /** @internal */
  toggleKeypad(): void {
    this.keypadOpen = !this.keypadOpen;
  }

  /** @internal */
  toggleTransfer(): void {
    this.transferOpen = !this.transferOpen;
  }

  /** @internal */
  setTransferTarget(text: string): void {
    this.transferTarget = text;
  }

  /** @internal */
  transferNow(attended: boolean): void {
    this.#act(() => this.transfer(this.transferTarget, { attended }), 'softphone.transfer');
  }

  /** @internal */
  completeTransfer(): void {
    const consult = this.consultation;
    if (consult) this.#act(() => this.transfer(consult.target, { attended: true }), 'softphone.transfer');
  }

  /** @internal */
  switchTo(call: PhoneCall): void {
    const before = this.current;
    this.#act(async () => {
      if (before && before !== call && before.status === 'active') await before.hold();
      await call.resume();
      this.selectedId = call.id;
      this.#refresh();
    }, 'softphone.hold');
  }

  // ---- the engine ----

  /** Inside the customer's gesture, before anything is awaited: the browser lets audio play from now on. */
  #unlockAudio(): void {
    this.#sounds.unlock();
  }

  /** After a failed registration: a fresh engine, fresh credentials. */
  #reconnect(): void {
    this.#act(async () => {
      await this.disable();
      await this.enable();
    }, 'softphone.start');
  }

  /** The number to dial for the page's text, or an `invalid` error that says why there is none. */
  async #dialTarget(text: string, field: string): Promise<string> {
    const result = await toDialNumber(text, this.country);
    if (result.ok) return result.dial;
    throw new ZdApiError({
      kind: 'invalid',
      field,
      message: `not a number that can be dialled (${result.reason})`,
    });
  }

  #need(): PhoneCall {
    const call = this.current;
    if (!call) throw new ZdApiError({ kind: 'invalid', message: 'no call is going on' });
    return call;
  }

  #engineOrThrow(): PhoneEngine {
    if (!this.#engine) throw new ZdApiError({ kind: 'config', message: 'calls are not enabled' });
    return this.#engine;
  }

  /** Runs an action of the views; a failure is shown and reported, never thrown into the void. */
  #act(action: () => unknown, operation: string): void {
    this.failure = undefined;
    try {
      const result = action();
      if (result instanceof Promise) result.catch((error: unknown) => this.#fail(error, operation));
    } catch (error) {
      this.#fail(error, operation);
    }
  }

  #fail(error: unknown, operation: string): void {
    // A failure enable() reported already (a call that had to enable first) is not reported twice.
    if (error instanceof ZdApiError && this.#reported.has(error)) this.failure = error;
    else this.failure = this.reportError(error, operation);
  }

  #attach(engine: PhoneEngine): void {
    this.#engine = engine;
    this.#devices.engine = engine;
    this.#unsubscribe = listenToEngine(engine, {
      registration: ({ state, error }) => {
        const before = this.registration;
        this.registration = state;
        if (error) this.failure = error;
        else if (state === 'registered') this.failure = undefined;
        this.emit('zd-registration', error ? { state, error } : { state });
        // The connection's loss and return by themselves, for a page that shows or logs them.
        const calls = this.calls.length;
        if (state === 'reconnecting' && before !== 'reconnecting') this.emit('zd-reconnecting', { calls });
        if (state === 'registered' && before === 'reconnecting') this.emit('zd-reconnected', { calls });
      },
      call: ({ call }) => {
        const known = this.calls.includes(call);
        this.#refresh();
        this.emit('zd-call-state', { call: callInfo(call) });
        if (!known && call.direction === 'incoming' && call.status === 'ringing') {
          this.#focus.request('incoming');
          const info = callInfo(call);
          const emit = (extra = {}) => this.emit('zd-incoming-call', { call: info, ...extra });
          if (this.#screenPop) this.#screenPop.ringing(call, info, emit);
          else emit();
        }
      },
      ended: (detail) => {
        const { call, disposition, durationMs, timings } = detail;
        // The buttons of the call go away with it: focus that was on them goes to what comes next.
        if (this.#focus.inside) this.#focus.request('next');
        this.history = withEndedCall(this.history, detail);
        const consult = this.consultation;
        if (consult && (consult.original === call || consult.consultation === call)) {
          this.selectedId = consult.original === call ? undefined : consult.original.id;
          this.consultation = undefined;
        }
        if (this.selectedId === call.id) this.selectedId = undefined;
        this.#refresh();
        const quality = detail.quality ? { quality: detail.quality } : {};
        this.emit('zd-call-ended', { call: callInfo(call), disposition, durationMs, timings, ...quality });
      },
      // The call panel shows the call's quality and warnings (it renders each second anyway).
      quality: () => this.requestUpdate(),
      warning: ({ call, code, active }) => {
        this.requestUpdate();
        this.emit('zd-quality-warning', { call: callInfo(call), code, active });
      },
      error: ({ error }) => this.#fail(error, 'softphone'),
    });
    this.registration = engine.registration;
  }

  #detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#devices.engine = undefined;
  }

  #refresh(): void {
    this.calls = (this.#engine?.calls ?? []).filter((c) => c.status !== 'ended');
  }

  // ---- what the page's keyboard and tel: links do (PageInputController) ----

  /** @internal */
  get ready(): boolean {
    return this.registration === 'registered';
  }

  /** @internal */
  get talking(): boolean {
    return this.current?.status === 'active';
  }

  /** @internal */
  focusNumber(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#number')?.focus();
  }

  /** @internal */
  dialLink(number: string): void {
    this.#act(() => this.call(number), 'softphone.call');
  }

  // ---- what the page's leaving reads (PageExitController) ----

  /** @internal */
  get enabled(): boolean {
    return this.#engine !== undefined;
  }

  /** @internal Leaving a tab that only follows another tab's phone touches no call. */
  get inCall(): boolean {
    return this.calls.length > 0 && !this.inOtherTab;
  }

  /** @internal The calls are another tab's (their audio plays there): this tab shows and controls them. */
  get inOtherTab(): boolean {
    return this.#engine?.leads === false && this.registration === 'registered';
  }

  // ---- what the call sounds read (CallSoundsController) ----

  /** @internal One tab rings: the one that holds the phone. */
  get ringing(): boolean {
    return this.incoming !== undefined && !this.inOtherTab;
  }

  /** @internal */
  get answered(): boolean {
    return this.calls.some((c) => c.answeredAt !== undefined);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.disable().catch(() => undefined);
  }

  // ---- lifecycle ----

  protected override willUpdate(): void {
    // What belonged to the call in front (its keypad, digits, transfer form) goes when another comes to the front.
    const front = this.current?.id;
    if (front !== this.#frontId) {
      this.#frontId = front;
      this.keypadOpen = false;
      this.transferOpen = false;
      this.sentDigits = '';
    }
  }

  protected override updated(): void {
    const remote = this.renderRoot.querySelector<HTMLAudioElement>('audio.remote');
    const stream = this.current?.remoteStream ?? null;
    if (remote && remote.srcObject !== stream) remote.srcObject = stream;
  }

  // ---- rendering ----

  #statusText(): string {
    const t = this.localize;
    const incoming = this.incoming;
    if (incoming) return t.term('callWith', this.who(incoming), t.term('incomingCall'));
    const call = this.current;
    if (call) return t.term('callWith', this.who(call), t.term('status', call.status, call.direction));
    return t.term('registration', this.registration);
  }

  protected override render(): TemplateResult {
    const t = this.localize;
    const enabled = this.enabled;
    return html`<div class="base" part="base" lang=${t.lang()} dir=${t.dir()}>
      <h2 class="title" part="title"><slot name="title">${t.term('softphoneTitle')}</slot></h2>
      <p class="status status--${this.registration}" part="status" role="status" aria-live="polite">
        ${this.#statusText()}
      </p>
      ${enabled ? this.#views?.renderPhone(this) : renderGate(this)}
      ${
        this.failure
          ? this.renderError(
              this.failure,
              this.registration === 'failed' ? () => this.#reconnect() : undefined,
            )
          : nothing
      }
      ${this.#devices.render()}
      <audio class="ringtone" hidden></audio>
      <audio class="remote" autoplay hidden></audio>
      <slot name="footer"></slot>
    </div>`;
  }
}
