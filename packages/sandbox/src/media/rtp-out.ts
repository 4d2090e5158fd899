/**
 * The outgoing RTP stream of one party: a PCMU packet every 20 ms (paced against the clock, not the
 * timer, so a late timer does not slow the audio down), with RFC 4733 key presses put in its place
 * when digits are sent. It owns SSRC, sequence numbers and timestamps; werift only encrypts and sends.
 */
import { keyPressPackets, type EventPacket } from './rfc4733.js';

export const PCMU_PAYLOAD_TYPE = 0;
export const PACKET_MS = 20;
/** Samples per packet at 8 kHz. */
export const PACKET_SAMPLES = 160;
/** Ticks to catch up at once after the event loop stalled; beyond this the stream skips ahead. */
const MAX_BURST = 5;
/** Audio packets between two key presses (RFC 4733 receivers need a gap to tell "11" from "1"). */
const GAP_TICKS = 3;

export interface RtpHeaderFields {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

export type SendRtp = (header: RtpHeaderFields, payload: Buffer) => Promise<unknown>;
/** One packet's worth (160 bytes) of µ-law audio. */
export type PayloadSource = () => Buffer;

interface PendingDigits {
  packets: EventPacket[];
  resolve(): void;
  reject(error: Error): void;
}

const random32 = () => Math.floor(Math.random() * 0x1_0000_0000) >>> 0;

export class RtpOut {
  packetsSent = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;
  private ticks = 0;
  private sequence = Math.floor(Math.random() * 0x10000);
  private readonly timestampBase = random32();
  private talkspurt = true;
  private readonly queue: PendingDigits[] = [];
  private event: { timestamp: number; packets: EventPacket[]; done: PendingDigits | undefined } | undefined;
  private gap = 0;

  constructor(
    private readonly send: SendRtp,
    private readonly source: PayloadSource,
    readonly ssrc: number,
    /** The negotiated telephone-event/8000 payload type; without one, digits cannot be sent. */
    readonly telephoneEventPayloadType: number | undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.timer = setInterval(() => this.catchUp(), PACKET_MS / 2);
    this.timer.unref();
    this.catchUp();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const stopped = new Error('the call ended before the digits were sent');
    if (this.event?.done) this.event.done.reject(stopped);
    for (const pending of this.queue.splice(0)) pending.reject(stopped);
    this.event = undefined;
  }

  /** Resolves when the last key press's end packets are out. */
  sendDigits(digits: string): Promise<void> {
    const pt = this.telephoneEventPayloadType;
    if (pt === undefined)
      return Promise.reject(new Error('the other end did not agree to telephone-event/8000'));
    if (!this.timer) return Promise.reject(new Error('the call is not sending media'));
    let presses: EventPacket[][];
    try {
      presses = [...digits].map((digit) => keyPressPackets(digit, { packetSamples: PACKET_SAMPLES }));
    } catch (error) {
      return Promise.reject(error as Error);
    }
    if (presses.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      presses.forEach((packets, i) =>
        this.queue.push({
          packets,
          resolve: i === presses.length - 1 ? resolve : () => {},
          reject: i === presses.length - 1 ? reject : () => {},
        }),
      );
    });
  }

  private catchUp(): void {
    const due = Math.floor((performance.now() - this.startedAt) / PACKET_MS) + 1;
    let burst = 0;
    while (this.ticks < due && burst < MAX_BURST) {
      this.tick();
      burst++;
    }
    if (this.ticks < due) this.ticks = due; // skipped: the timestamps jump, as after real loss
  }

  private tick(): void {
    const timestamp = (this.timestampBase + this.ticks * PACKET_SAMPLES) >>> 0;
    this.ticks++;
    if (!this.event && this.gap === 0) {
      const next = this.queue.shift();
      if (next) this.event = { timestamp, packets: [...next.packets], done: next };
    }
    if (this.event && this.telephoneEventPayloadType !== undefined) {
      const packet = this.event.packets.shift();
      if (packet)
        this.emit(this.telephoneEventPayloadType, packet.marker, this.event.timestamp, packet.payload);
      if (this.event.packets.length === 0) {
        this.event.done?.resolve();
        this.event = undefined;
        this.gap = GAP_TICKS;
        this.talkspurt = true;
      }
      return;
    }
    if (this.gap > 0) this.gap--;
    this.emit(PCMU_PAYLOAD_TYPE, this.talkspurt, timestamp, this.source());
    this.talkspurt = false;
  }

  private emit(payloadType: number, marker: boolean, timestamp: number, payload: Buffer): void {
    this.sequence = (this.sequence + 1) & 0xffff;
    this.packetsSent++;
    this.send(
      { payloadType, marker, sequenceNumber: this.sequence, timestamp, ssrc: this.ssrc },
      payload,
    ).catch(
      () => {}, // a packet lost on a closing transport is just a lost packet
    );
  }
}
