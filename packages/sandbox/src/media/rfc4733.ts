/**
 * RFC 4733 telephone-event payloads (DTMF in RTP): 4 bytes — event, E(nd) bit, R bit, volume,
 * duration in timestamp units. One key press is many packets with the same RTP timestamp (the
 * event's start), duration growing, the last one (E set) usually sent three times.
 */

/** Event codes 0–15 in order (RFC 4733 §3.2). */
export const DTMF_DIGITS = '0123456789*#ABCD';

export interface TelephoneEvent {
  /** 0–255; 0–15 are the DTMF digits. */
  event: number;
  end: boolean;
  /** 0–63, in −dBm0 (10 is a usual level). */
  volume: number;
  /** In RTP timestamp units (8000 per second). */
  duration: number;
}

export function digitToEvent(digit: string): number {
  const event = DTMF_DIGITS.indexOf(digit.toUpperCase());
  if (digit.length !== 1 || event < 0) throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
  return event;
}

export function eventToDigit(event: number): string | undefined {
  return DTMF_DIGITS[event];
}

export function buildTelephoneEvent({ event, end, volume, duration }: TelephoneEvent): Buffer {
  const payload = Buffer.alloc(4);
  payload[0] = event & 0xff;
  payload[1] = (end ? 0x80 : 0) | (volume & 0x3f);
  payload.writeUInt16BE(Math.min(duration, 0xffff), 2);
  return payload;
}

/** `undefined` for a payload too short to be an event. */
export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | undefined {
  if (payload.length < 4) return undefined;
  return {
    event: payload[0] ?? 0,
    end: ((payload[1] ?? 0) & 0x80) !== 0,
    volume: (payload[1] ?? 0) & 0x3f,
    duration: (((payload[2] ?? 0) << 8) | (payload[3] ?? 0)) >>> 0,
  };
}

export interface EventPacket {
  payload: Buffer;
  /** Set on the first packet of the event (RFC 4733 §2.5.1.3). */
  marker: boolean;
}

/**
 * The packets of one key press, one per `packetSamples` (20 ms at 8 kHz = 160): the event grows for
 * `durationSamples`, then the end packet is repeated `endRepeats` times so one lost packet loses nothing.
 */
export function keyPressPackets(
  digit: string,
  { durationSamples = 800, packetSamples = 160, volume = 10, endRepeats = 3 } = {},
): EventPacket[] {
  const event = digitToEvent(digit);
  const packets: EventPacket[] = [];
  for (let duration = packetSamples; duration < durationSamples; duration += packetSamples)
    packets.push({
      payload: buildTelephoneEvent({ event, end: false, volume, duration }),
      marker: duration === packetSamples,
    });
  for (let i = 0; i < endRepeats; i++)
    packets.push({
      payload: buildTelephoneEvent({ event, end: true, volume, duration: durationSamples }),
      marker: packets.length === 0,
    });
  return packets;
}

/**
 * Turns received telephone-event packets into digits, each key press once: packets of one press share
 * an RTP timestamp, so a digit is taken when a new timestamp first appears (start, update or end packet —
 * a press whose first packets were lost still counts) and every later packet of it is ignored.
 */
export class DigitDetector {
  private readonly seen: number[] = [];
  digits = '';

  /** Returns the digit when this packet starts a new key press. */
  push(rtpTimestamp: number, payload: Uint8Array): string | undefined {
    const parsed = parseTelephoneEvent(payload);
    if (!parsed) return undefined;
    const digit = eventToDigit(parsed.event);
    if (digit === undefined || this.seen.includes(rtpTimestamp)) return undefined;
    this.seen.push(rtpTimestamp);
    if (this.seen.length > 16) this.seen.shift(); // only recent presses can still repeat
    this.digits += digit;
    return digit;
  }
}
