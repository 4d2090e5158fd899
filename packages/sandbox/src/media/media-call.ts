/**
 * One call's media end in Node: a WebRTC peer (werift, loaded only when a call happens) that speaks
 * PCMU + RFC 4733 over DTLS-SRTP with host candidates only, and plays one of four parties.
 */
import type { RTCPeerConnection, RTCRtpTransceiver, RtpPacket } from 'werift';
import { EnergyMeter } from './energy.js';
import { MULAW_SILENCE, decodeMulaw as decodeForEnergy, encodeMulaw } from './mulaw.js';
import { DigitDetector } from './rfc4733.js';
import {
  PACKET_SAMPLES,
  PCMU_PAYLOAD_TYPE,
  RtpOut,
  type PayloadSource,
  type RtpHeaderFields,
} from './rtp-out.js';
import { audioPayloadTypes, findPayloadType, keepAudioPayloadTypes } from './sdp-codecs.js';
import { ToneSource } from './tone.js';
import { WavSource, loadWav } from './wav.js';

export type PartyKind = 'echo' | 'tone' | 'wav' | 'recorder';

export interface MediaReport {
  kind: PartyKind;
  state: 'new' | 'connecting' | 'connected' | 'closed' | 'failed';
  packetsReceived: number;
  audioPacketsReceived: number;
  /** RMS 0..1 of all received (decoded) audio. */
  audioEnergy: number;
  audioSeconds: number;
  digits: string;
  packetsSent: number;
}

export interface MediaCall {
  /** We are called: takes the offer, returns the answer (candidates included, no trickle). */
  answer(offerSdp: string): Promise<string>;
  /** We call: returns the offer (candidates included). */
  offer(): Promise<string>;
  /** Takes the answer to our offer. */
  accept(answerSdp: string): Promise<void>;
  /** Resolves when ICE and DTLS are up; rejects if the call fails or closes first. */
  connected(): Promise<void>;
  /** RFC 4733 key presses, one after another; resolves when the last is sent. */
  sendDigits(digits: string): Promise<void>;
  report(): MediaReport;
  close(): Promise<void>;
}

export interface MediaCallOptions {
  /** The tone party's frequency (default 440 Hz). */
  toneHz?: number;
  /** The WAV party's file (default: the bundled sample). */
  wavFile?: string;
}

/** The payload type we offer for telephone-event/8000 (answers use the offerer's). */
const OFFERED_TELEPHONE_EVENT_PT = 101;
/** The echo party keeps at most this much unsent audio (beyond, the oldest goes): 200 ms. */
const ECHO_MAX_BYTES = 10 * PACKET_SAMPLES;

type Werift = typeof import('werift');
let weriftLoading: Promise<Werift> | undefined;
/** werift, imported on the first call (a quarter second), never at start. */
const loadWerift = (): Promise<Werift> => (weriftLoading ??= import('werift'));

/** Resolves when the peer has gathered all its candidates, so the SDP can go out without trickle. */
function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
      if (state !== 'complete') return;
      unSubscribe();
      resolve();
    });
  });
}

/**
 * werift's ICE asks stun.l.google.com:19302 whenever no STUN server is configured (`iceServers: []`
 * included), and gathering then waits for that answer or a timeout — seconds on a machine without DNS,
 * a packet to Google on one with it. Host candidates are all the sandbox needs: no STUN at all. Call
 * between createOffer/createAnswer (which make the transports) and setLocalDescription (which gathers).
 */
function withoutStun(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.connection.stunServer = undefined;
}

export function createMediaCall(kind: PartyKind, options: MediaCallOptions = {}): MediaCall {
  return new WeriftMediaCall(kind, options);
}

class WeriftMediaCall implements MediaCall {
  private state: MediaReport['state'] = 'new';
  private closed = false;
  private pc: RTCPeerConnection | undefined;
  private transceiver: RTCRtpTransceiver | undefined;
  private werift: Werift | undefined;
  private out: RtpOut | undefined;
  private telephoneEventPt: number | undefined;
  private packetsReceived = 0;
  private audioPacketsReceived = 0;
  private readonly energy = new EnergyMeter();
  private readonly detector = new DigitDetector();
  private echoBuffer = Buffer.alloc(0);
  private source: PayloadSource = () => Buffer.alloc(PACKET_SAMPLES, MULAW_SILENCE);
  private readonly connectedPromise: Promise<void>;
  private settleConnected: { resolve(): void; reject(error: Error): void } | undefined;
  private readonly closedSignal: Promise<void>;
  private signalClosed: () => void = () => {};

  constructor(
    readonly kind: PartyKind,
    private readonly options: MediaCallOptions,
  ) {
    this.connectedPromise = new Promise<void>((resolve, reject) => {
      this.settleConnected = { resolve, reject };
    });
    this.connectedPromise.catch(() => {}); // nobody has to wait for it
    this.closedSignal = new Promise<void>((resolve) => {
      this.signalClosed = resolve;
    });
    if (kind === 'tone') {
      const tone = new ToneSource(options.toneHz ?? 440);
      this.source = () => encodeMulaw(tone.next(PACKET_SAMPLES));
    } else if (kind === 'echo') {
      this.source = () => this.takeEcho();
    }
  }

  async answer(offerSdp: string): Promise<string> {
    if (
      !/^a=rtpmap:0 PCMU\/8000/im.test(offerSdp) &&
      !audioPayloadTypes(offerSdp).includes(PCMU_PAYLOAD_TYPE)
    )
      throw new Error('the offer has no PCMU/8000 audio');
    // Only 8 kHz codecs in the answer: PCMU, and telephone-event/8000 under the offerer's number.
    const pt = findPayloadType(offerSdp, 'telephone-event', 8000);
    const pc = await this.createPeer(pt);
    const keep = pt === undefined ? [PCMU_PAYLOAD_TYPE] : [PCMU_PAYLOAD_TYPE, pt];
    await pc.setRemoteDescription({ type: 'offer', sdp: keepAudioPayloadTypes(offerSdp, keep) });
    const transceiver = pc.getTransceivers().find((t) => t.kind === 'audio');
    if (!transceiver) throw new Error('the offer has no audio');
    transceiver.setDirection('sendrecv');
    this.transceiver = transceiver;
    const description = await pc.createAnswer();
    withoutStun(pc);
    await pc.setLocalDescription(description);
    await this.gathered(pc);
    const answer = pc.localDescription?.sdp ?? '';
    this.telephoneEventPt = findPayloadType(answer, 'telephone-event', 8000);
    this.startMedia();
    return answer;
  }

  async offer(): Promise<string> {
    const pc = await this.createPeer(OFFERED_TELEPHONE_EVENT_PT);
    this.transceiver = pc.addTransceiver('audio', { direction: 'sendrecv' });
    const description = await pc.createOffer();
    withoutStun(pc);
    await pc.setLocalDescription(description);
    await this.gathered(pc);
    return pc.localDescription?.sdp ?? '';
  }

  async accept(answerSdp: string): Promise<void> {
    if (!this.pc) throw new Error('accept() needs offer() first');
    if (this.closed) throw new Error('the call was closed');
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
    this.telephoneEventPt = findPayloadType(answerSdp, 'telephone-event', 8000);
    this.startMedia();
  }

  connected(): Promise<void> {
    return this.connectedPromise;
  }

  sendDigits(digits: string): Promise<void> {
    if (!this.out) return Promise.reject(new Error('the call has no media yet'));
    return this.out.sendDigits(digits);
  }

  report(): MediaReport {
    return {
      kind: this.kind,
      state: this.state,
      packetsReceived: this.packetsReceived,
      audioPacketsReceived: this.audioPacketsReceived,
      audioEnergy: this.energy.rms,
      audioSeconds: this.energy.seconds,
      digits: this.detector.digits,
      packetsSent: this.out?.packetsSent ?? 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed();
    this.out?.stop();
    this.setState('closed');
    await this.pc?.close();
  }

  /** Gathering ends, or the call is closed meanwhile (a CANCEL while we answer): then it throws. */
  private async gathered(pc: RTCPeerConnection): Promise<void> {
    await Promise.race([gathered(pc), this.closedSignal]);
    if (this.closed) throw new Error('the call was closed');
  }

  private async createPeer(telephoneEventPt: number | undefined): Promise<RTCPeerConnection> {
    if (this.pc) throw new Error('a MediaCall carries one call: answer() or offer(), once');
    if (this.kind === 'wav') {
      const wav = new WavSource(await loadWav(this.options.wavFile));
      this.source = () => encodeMulaw(wav.next(PACKET_SAMPLES));
    }
    this.werift ??= await loadWerift();
    if (this.closed) throw new Error('the call was closed');
    const { RTCPeerConnection, RTCRtpCodecParameters, usePCMU } = this.werift;
    const codecs = [usePCMU()];
    if (telephoneEventPt !== undefined)
      codecs.push(
        new RTCRtpCodecParameters({
          mimeType: 'audio/telephone-event',
          clockRate: 8000,
          payloadType: telephoneEventPt,
          parameters: '0-16',
        }),
      );
    const pc = new RTCPeerConnection({
      codecs: { audio: codecs, video: [] },
      headerExtensions: { audio: [], video: [] },
      iceServers: [], // host candidates only (and see withoutStun)
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'], // loopback is not gathered by default; the tests live there
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.setState('connected');
      else if (state === 'failed') this.setState('failed');
      else if (state === 'closed') this.setState('closed');
    });
    this.pc = pc;
    this.setState('connecting');
    return pc;
  }

  /** After the SDP exchange: read every decrypted packet from the transport, and start sending. */
  private startMedia(): void {
    const transceiver = this.transceiver;
    const werift = this.werift;
    if (!transceiver || !werift || this.closed) return;
    // From the DTLS transport rather than the track: werift routes by the SSRCs in the remote SDP and
    // drops packets of any other SSRC, which a SIP gateway's re-written SDP may well not list.
    transceiver.receiver.dtlsTransport.onRtp.subscribe((packet) => this.receive(packet));
    const send = (header: RtpHeaderFields, payload: Buffer) =>
      // Straight to the DTLS-SRTP transport: RTCRtpSender.sendRtp would overwrite the payload type
      // with the first codec's, and telephone-event packets would go out as PCMU.
      transceiver.sender.dtlsTransport.sendRtp(payload, new werift.RtpHeader(header));
    this.out = new RtpOut(send, this.source, transceiver.sender.ssrc, this.telephoneEventPt);
    this.out.start();
  }

  private receive(packet: RtpPacket): void {
    this.packetsReceived++;
    const { payloadType, timestamp } = packet.header;
    if (payloadType === PCMU_PAYLOAD_TYPE) {
      this.audioPacketsReceived++;
      this.energy.add(decodeForEnergy(packet.payload));
      if (this.kind === 'echo') this.keepForEcho(packet.payload);
    } else if (payloadType === this.telephoneEventPt) {
      this.detector.push(timestamp, packet.payload);
    }
  }

  private keepForEcho(payload: Buffer): void {
    this.echoBuffer = Buffer.concat([this.echoBuffer, payload]);
    if (this.echoBuffer.length > ECHO_MAX_BYTES)
      this.echoBuffer = this.echoBuffer.subarray(this.echoBuffer.length - ECHO_MAX_BYTES);
  }

  /** The received µ-law bytes re-cut into 160-byte packets (any ptime in, 20 ms out); silence when dry. */
  private takeEcho(): Buffer {
    const out = Buffer.alloc(PACKET_SAMPLES, MULAW_SILENCE);
    const taken = this.echoBuffer.subarray(0, PACKET_SAMPLES);
    taken.copy(out);
    this.echoBuffer = this.echoBuffer.subarray(taken.length);
    return out;
  }

  private setState(state: MediaReport['state']): void {
    // 'failed' and 'closed' are final; a failed call stays 'failed' after close().
    if (this.state === 'closed' || this.state === 'failed' || this.state === state) return;
    this.state = state;
    if (state === 'connected') this.settleConnected?.resolve();
    else if (state === 'failed' || state === 'closed')
      this.settleConnected?.reject(new Error(`the call ${state} before it connected`));
  }
}
