/** A call of the leader's tab as a follower tab sees it (shared-engine.ts). */
import type { CallSnapshot, DistributiveOmit, SharedCommand } from './shared-messages.js';
import type { CallQuality, CallStatus, DtmfTransport, PhoneCall, QualityWarning } from './types.js';

/** A call of the leader's tab, seen from a follower: its actions are commands to the leader. */
export class RemoteCall implements PhoneCall {
  readonly id: string;
  readonly direction: 'outgoing' | 'incoming';
  readonly startedAt: number;
  #snapshot: CallSnapshot;
  /** The audio plays in the leader's tab. */
  readonly remoteStream = undefined;
  readonly peerConnection = undefined;
  readonly #send: (command: DistributiveOmit<SharedCommand, 'request'>) => Promise<unknown>;
  readonly #fail: (error: unknown) => void;

  constructor(
    snapshot: CallSnapshot,
    send: (command: DistributiveOmit<SharedCommand, 'request'>) => Promise<unknown>,
    fail: (error: unknown) => void,
  ) {
    this.id = snapshot.id;
    this.direction = snapshot.direction;
    this.startedAt = snapshot.startedAt;
    this.#snapshot = snapshot;
    this.#send = send;
    this.#fail = fail;
  }

  get remote(): { number: string; name?: string } {
    return this.#snapshot.remote;
  }
  get status(): CallStatus {
    return this.#snapshot.status;
  }
  get muted(): boolean {
    return this.#snapshot.muted;
  }
  get answeredAt(): number | undefined {
    return this.#snapshot.answeredAt;
  }
  get quality(): CallQuality | undefined {
    return this.#snapshot.quality;
  }
  get warnings(): readonly QualityWarning[] {
    return this.#snapshot.warnings;
  }

  /** Takes the leader's news; what changed, for the engine's events. */
  update(snapshot: CallSnapshot): {
    changed: boolean;
    quality: boolean;
    warnings: [QualityWarning, boolean][];
  } {
    const before = this.#snapshot;
    this.#snapshot = snapshot;
    const warnings: [QualityWarning, boolean][] = [
      ...snapshot.warnings
        .filter((w) => !before.warnings.includes(w))
        .map((w): [QualityWarning, boolean] => [w, true]),
      ...before.warnings
        .filter((w) => !snapshot.warnings.includes(w))
        .map((w): [QualityWarning, boolean] => [w, false]),
    ];
    return {
      changed: snapshot.status !== before.status || snapshot.muted !== before.muted,
      quality: JSON.stringify(snapshot.quality) !== JSON.stringify(before.quality),
      warnings,
    };
  }

  /** The leader's tab is gone (or this one left): the call is over here. */
  end(): void {
    this.#snapshot = { ...this.#snapshot, status: 'ended' };
  }

  async answer(): Promise<void> {
    await this.#send({ op: 'answer', callId: this.id });
  }
  decline(): void {
    this.#send({ op: 'decline', callId: this.id }).catch(this.#fail);
  }
  hangup(): void {
    this.#send({ op: 'hangup', callId: this.id }).catch(this.#fail);
  }
  mute(on: boolean): void {
    this.#send({ op: 'mute', callId: this.id, on }).catch(this.#fail);
  }
  async hold(): Promise<void> {
    await this.#send({ op: 'hold', callId: this.id });
  }
  async resume(): Promise<void> {
    await this.#send({ op: 'resume', callId: this.id });
  }
  sendDtmf(digits: string, options?: { transport?: DtmfTransport }): void {
    const transport = options?.transport;
    this.#send({ op: 'dtmf', callId: this.id, digits, ...(transport ? { transport } : {}) }).catch(
      this.#fail,
    );
  }
  async transfer(target: string, options?: { attended?: PhoneCall }): Promise<void> {
    const attended = options?.attended?.id;
    await this.#send({ op: 'transfer', callId: this.id, target, ...(attended ? { attended } : {}) });
  }
}
