/**
 * The sandbox's own SIP user agent, on one of the gateway's in-process flows: it places calls to
 * extensions for callers from outside (`/sandbox/calls`), and takes the calls extensions make to
 * phone numbers (the media parties). It is a small UA core (RFC 3261 §8, §12, §15): client INVITE
 * with CANCEL and ACK, server INVITE with 180/200/refusals, and dialogs with BYE, INFO (DTMF),
 * re-INVITE and UPDATE. The flow is reliable and in-process, so nothing is retransmitted.
 */
import { randomBytes } from 'node:crypto';
import type {
  CallLeg,
  HangupBy,
  IncomingCall,
  PlacedCall,
  PlacedCallEvents,
  SandboxUserAgent,
} from '../calls/user-agent.js';
import type { InternalFlow } from './gateway.js';
import { parseSipLogin } from './login.js';
import {
  cseqOf,
  getHeader,
  getHeaders,
  parseNameAddr,
  parseSipMessage,
  responseTo,
  sameTransactionRequest,
  serializeSipMessage,
  tagOf,
  topBranch,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from './message.js';

const token = (bytes = 8) => randomBytes(bytes).toString('base64url');
/** Our host in Via, Call-ID and Contact: never resolved, the gateway routes by its flow tokens. */
const HOST = 'party.invalid';
const CONTACT = `<sip:party@${HOST};transport=ws>`;
const ALLOW: SipHeader = ['Allow', 'INVITE, ACK, CANCEL, BYE, INFO, OPTIONS, UPDATE, NOTIFY'];
const newBranch = () => `z9hG4bK${token()}`;

/** A DTMF digit from a SIP INFO body (`application/dtmf-relay`'s `Signal=5`, or `application/dtmf`'s `5`). */
export function infoDigit(contentType: string | undefined, body: string): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const value =
    type === 'application/dtmf-relay'
      ? /^\s*signal\s*=\s*(\S)/im.exec(body)?.[1]
      : type === 'application/dtmf'
        ? body.trim()[0]
        : undefined;
  return value && /^[0-9*#A-Da-d]$/.test(value) ? value.toUpperCase() : undefined;
}

/** One dialog of ours: enough to send BYE and to answer what comes inside it. */
class Dialog implements CallLeg {
  infoDigits = '';
  readonly ended: Promise<HangupBy>;
  private end!: (by: HangupBy) => void;
  private done = false;
  private cseq = 1;

  constructor(
    private readonly ua: PartyUserAgent,
    readonly callId: string,
    private readonly local: string,
    private readonly remote: string,
    private readonly remoteTarget: string,
    private readonly routeSet: string[],
    /** What we answer a re-INVITE or UPDATE with: the session as it is. */
    readonly localSdp: string,
  ) {
    this.ended = new Promise((resolve) => (this.end = resolve));
  }

  get localTag(): string {
    return tagOf(this.local) ?? '';
  }

  request(method: string, headers: SipHeader[] = [], body = '', cseq = ++this.cseq): SipRequest {
    return {
      kind: 'request',
      method,
      uri: this.remoteTarget,
      headers: [
        ['Via', `SIP/2.0/WS ${HOST};branch=${newBranch()}`],
        ...this.routeSet.map((r): SipHeader => ['Route', r]),
        ['Max-Forwards', '70'],
        ['From', this.local],
        ['To', this.remote],
        ['Call-ID', this.callId],
        ['CSeq', `${cseq} ${method}`],
        ...headers,
      ],
      body,
    };
  }

  hangUp(): void {
    if (this.done) return;
    this.ua.send(this.request('BYE'));
    this.finish('local');
  }

  finish(by: HangupBy): void {
    if (this.done) return;
    this.done = true;
    this.ua.forget(this);
    this.end(by);
  }
}

interface ClientInvite {
  request: SipRequest;
  events: PlacedCallEvents;
  provisional: boolean;
  cancelWanted: boolean;
  settle: (call: PlacedCall) => void;
}

interface ServerInvite {
  request: SipRequest;
  localTag: string;
  final: boolean;
  cancelled: () => void;
}

export class PartyUserAgent implements SandboxUserAgent {
  /** Calls to phone numbers; unset, they are refused 480. */
  onIncomingCall: ((call: IncomingCall) => void) | undefined;
  readonly flow: InternalFlow;
  private readonly clientInvites = new Map<string, ClientInvite>();
  private readonly serverInvites = new Map<string, ServerInvite>();
  private readonly dialogs = new Map<string, Dialog>();

  constructor(
    openFlow: (onMessage: (text: string) => void) => InternalFlow,
    private readonly domain: string,
  ) {
    this.flow = openFlow((text) => this.receive(text));
  }

  /** Dialogs and transactions open now (for leak checks). */
  stats() {
    return {
      dialogs: this.dialogs.size,
      clientInvites: this.clientInvites.size,
      serverInvites: this.serverInvites.size,
    };
  }

  /** Ends every call (BYE, CANCEL, 487) and closes the flow; whatever waits on a call settles. */
  close(): void {
    for (const dialog of [...this.dialogs.values()]) dialog.hangUp();
    for (const invite of this.clientInvites.values()) {
      this.cancel(invite);
      invite.settle({ answered: false, status: 487, reason: 'The sandbox is closing' });
    }
    this.clientInvites.clear();
    for (const server of this.serverInvites.values()) {
      server.final = true;
      this.send(responseTo(server.request, 487, 'Request Terminated', { toTag: server.localTag }));
      server.cancelled();
    }
    this.serverInvites.clear();
    this.flow.close();
  }

  send(message: SipRequest | SipResponse): void {
    this.flow.send(serializeSipMessage(message));
  }

  forget(dialog: Dialog): void {
    this.dialogs.delete(`${dialog.callId}|${dialog.localTag}`);
  }

  call(
    target: { pbxId: number; extension: number },
    from: { number: string; displayName?: string },
    offerSdp: string,
    options: PlacedCallEvents & { signal?: AbortSignal } = {},
  ): Promise<PlacedCall> {
    const aor = `sip:${target.pbxId}-${target.extension}@${this.domain}`;
    const display = (from.displayName ?? from.number).replace(/["\\\r\n]/g, '');
    const branch = newBranch();
    const request: SipRequest = {
      kind: 'request',
      method: 'INVITE',
      uri: aor,
      headers: [
        ['Via', `SIP/2.0/WS ${HOST};branch=${branch}`],
        ['Max-Forwards', '70'],
        ['From', `"${display}" <sip:${from.number.replace(/[^+\d]/g, '')}@${this.domain}>;tag=${token(6)}`],
        ['To', `<${aor}>`],
        ['Call-ID', `${token(12)}@${HOST}`],
        ['CSeq', '1 INVITE'],
        ['Contact', CONTACT],
        ALLOW,
        ['Content-Type', 'application/sdp'],
      ],
      body: offerSdp,
    };
    return new Promise<PlacedCall>((resolve) => {
      const invite: ClientInvite = {
        request,
        events: options,
        provisional: false,
        cancelWanted: false,
        settle: resolve,
      };
      this.clientInvites.set(branch, invite);
      if (options.signal?.aborted) {
        this.clientInvites.delete(branch);
        return resolve({ answered: false, status: 487, reason: 'Request Terminated' });
      }
      options.signal?.addEventListener('abort', () => this.cancel(invite), { once: true });
      this.send(request);
    });
  }

  /** CANCEL once the INVITE has had a provisional answer (RFC 3261 §9.1), at once if it has. */
  private cancel(invite: ClientInvite): void {
    if (!this.clientInvites.has(topBranch(invite.request) ?? '')) return;
    if (!invite.provisional) {
      invite.cancelWanted = true;
      return;
    }
    this.send(sameTransactionRequest('CANCEL', invite.request));
  }

  private receive(text: string): void {
    let message;
    try {
      message = parseSipMessage(text);
    } catch {
      return; // the gateway parsed it already; nothing malformed comes this way
    }
    if (message.kind === 'response') this.onResponse(message);
    else this.onRequest(message);
  }

  private onResponse(response: SipResponse): void {
    const { method } = cseqOf(response);
    if (method !== 'INVITE') return; // answers to our BYE and CANCEL change nothing
    const branch = topBranch(response) ?? '';
    const invite = this.clientInvites.get(branch);
    if (!invite) return;
    const status = response.status;
    if (status < 200) {
      invite.provisional = true;
      if (invite.cancelWanted) this.cancel(invite);
      else if (status === 180 || status === 183) invite.events.onRinging?.();
      return;
    }
    this.clientInvites.delete(branch);
    const r = invite.request;
    if (status >= 300) {
      // The failure's ACK is hop by hop, same branch (RFC 3261 §17.1.1.3); the gateway absorbs it.
      this.send(sameTransactionRequest('ACK', r, getHeader(response, 'To')));
      return invite.settle({ answered: false, status, reason: response.reason });
    }
    const contact = parseNameAddr(getHeader(response, 'Contact') ?? '')?.uri.text ?? r.uri;
    const dialog = new Dialog(
      this,
      getHeader(r, 'Call-ID') ?? '',
      getHeader(r, 'From') ?? '',
      getHeader(response, 'To') ?? '',
      contact,
      getHeaders(response, 'Record-Route').reverse(),
      r.body,
    );
    this.dialogs.set(`${dialog.callId}|${dialog.localTag}`, dialog);
    this.send(dialog.request('ACK', [], '', cseqOf(r).seq));
    if (invite.cancelWanted) {
      // Answered while our CANCEL was on its way: the call is not wanted any more.
      dialog.hangUp();
      return invite.settle({ answered: false, status: 487, reason: 'Request Terminated' });
    }
    invite.settle({ answered: true, answerSdp: response.body, leg: dialog });
  }

  private reply(request: SipRequest, status: number, reason: string, headers: SipHeader[] = [], body = '') {
    if (request.method === 'ACK') return;
    const toTag = tagOf(getHeader(request, 'To')) ? undefined : token(6);
    this.send(responseTo(request, status, reason, { toTag, headers, body }));
  }

  private onRequest(request: SipRequest): void {
    const callId = getHeader(request, 'Call-ID') ?? '';
    const toTag = tagOf(getHeader(request, 'To'));
    if (request.method === 'CANCEL') return this.onCancel(request);
    if (toTag) return this.inDialog(request, this.dialogs.get(`${callId}|${toTag}`));
    if (request.method === 'ACK') return;
    if (request.method === 'INVITE') return this.onInvite(request);
    if (request.method === 'OPTIONS') return this.reply(request, 200, 'OK', [ALLOW]);
    this.reply(request, 405, 'Method Not Allowed', [ALLOW]);
  }

  private inDialog(request: SipRequest, dialog: Dialog | undefined): void {
    if (request.method === 'ACK') return;
    if (!dialog) return this.reply(request, 481, 'Call/Transaction Does Not Exist');
    switch (request.method) {
      case 'BYE':
        this.reply(request, 200, 'OK');
        return dialog.finish('remote');
      case 'INFO': {
        const digit = infoDigit(getHeader(request, 'Content-Type'), request.body);
        if (digit) dialog.infoDigits += digit;
        return this.reply(request, 200, 'OK');
      }
      case 'INVITE':
      case 'UPDATE':
        // Hold, resume or a session refresh: our media stays as it is, so the answer is our session.
        if (!request.body) return this.reply(request, 200, 'OK', [['Contact', CONTACT]]);
        return this.reply(
          request,
          200,
          'OK',
          [
            ['Contact', CONTACT],
            ['Content-Type', 'application/sdp'],
          ],
          dialog.localSdp,
        );
      case 'OPTIONS':
      case 'NOTIFY':
        return this.reply(request, 200, 'OK', [ALLOW]);
      default:
        return this.reply(request, 501, 'Not Implemented', [ALLOW]);
    }
  }

  private onInvite(request: SipRequest): void {
    const key = `${getHeader(request, 'Call-ID')}|${topBranch(request)}`;
    if (this.serverInvites.has(key)) return;
    const from = parseNameAddr(getHeader(request, 'From') ?? '');
    const login = from?.uri.user ?? '';
    const caller = parseSipLogin(login);
    const number = parseNameAddr(`<${request.uri}>`)?.uri.user ?? '';
    const handler = this.onIncomingCall;
    if (!caller || !handler) return this.reply(request, 480, 'Temporarily Unavailable');
    if (!request.body) return this.reply(request, 488, 'An offer in the INVITE is needed');

    let cancelled!: () => void;
    const whenCancelled = new Promise<void>((resolve) => (cancelled = resolve));
    const server: ServerInvite = { request, localTag: token(6), final: false, cancelled };
    this.serverInvites.set(key, server);
    const finalAnswer = () => {
      server.final = true;
      this.serverInvites.delete(key);
    };
    const respond = (status: number, reason: string, headers: SipHeader[] = [], body = '') =>
      this.send(responseTo(request, status, reason, { toTag: server.localTag, headers, body }));

    handler({
      caller: { login, ...caller },
      number,
      offerSdp: request.body,
      cancelled: whenCancelled,
      ring: () => {
        if (!server.final) respond(180, 'Ringing', [['Contact', CONTACT]]);
      },
      answer: (answerSdp) => {
        const to = `${getHeader(request, 'To') ?? ''};tag=${server.localTag}`;
        const dialog = new Dialog(
          this,
          getHeader(request, 'Call-ID') ?? '',
          to,
          getHeader(request, 'From') ?? '',
          parseNameAddr(getHeader(request, 'Contact') ?? '')?.uri.text ?? '',
          getHeaders(request, 'Record-Route'),
          answerSdp,
        );
        if (server.final) {
          dialog.finish('remote'); // cancelled meanwhile
          return dialog;
        }
        finalAnswer();
        this.dialogs.set(`${dialog.callId}|${dialog.localTag}`, dialog);
        respond(200, 'OK', [['Contact', CONTACT], ALLOW, ['Content-Type', 'application/sdp']], answerSdp);
        return dialog;
      },
      reject: (status, reason) => {
        if (server.final) return;
        finalAnswer();
        respond(status, reason);
      },
    });
  }

  private onCancel(cancel: SipRequest): void {
    const key = `${getHeader(cancel, 'Call-ID')}|${topBranch(cancel)}`;
    const server = this.serverInvites.get(key);
    if (!server) return this.reply(cancel, 481, 'Call/Transaction Does Not Exist');
    this.reply(cancel, 200, 'OK');
    this.serverInvites.delete(key);
    server.final = true;
    this.send(responseTo(server.request, 487, 'Request Terminated', { toTag: server.localTag }));
    server.cancelled();
  }
}
