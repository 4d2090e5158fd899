/**
 * A raw SIP-over-WebSocket user agent for tests and the bench: REGISTER with digest, INVITE / 200 / ACK
 * / BYE as caller or callee, no media (a fixed PCMU SDP). It drives any RFC 7118 server the same way,
 * thousands at a time, and shows exactly what the server answered (JsSIP hides most of that).
 */
import WebSocket from 'ws';
import {
  audioSdp,
  buildSip,
  digestAnswer,
  header,
  newBranch,
  parseSip,
  randomToken,
  tagOf,
  uriOf,
  type SipMessage,
} from './sip-message.js';

/** `ZD_SIP_TRACE=1` prints every message sent and received (digest responses, never passwords). */
const trace = (direction: string, text: string) => {
  if (process.env.ZD_SIP_TRACE === '1') console.log(`${direction}\n${text}`);
};

export interface SipAccount {
  /** `<pbx_id>-<ext>`, also the digest user name. */
  login: string;
  password: string;
  domain: string;
}

interface Request {
  method: string;
  uri: string;
  callId: string;
  cseq: number;
  from: string;
  to: string;
  route?: string[];
  extra?: [string, string][];
  body?: string;
}

/** A call this client placed (2xx) or answered. */
export interface SipCall {
  callId: string;
  /** The final answer to the INVITE (for an answered one, what we sent). */
  status: number;
  /** ms from the first INVITE sent until its final answer (auth round trip included). */
  setupMs: number;
  /** Resolves when the call ends by a BYE from either side. */
  ended: Promise<void>;
  /** Ends the call; resolves with the status the BYE got. */
  bye(): Promise<number>;
  /** The SDP of the 2xx ('' when not answered). */
  answerSdp: string;
}

/** A call that reached this client. */
export interface IncomingSipCall {
  callId: string;
  from: string;
  offerSdp: string;
  /** Resolves when the 2xx was ACKed. */
  acked: Promise<void>;
  ended: Promise<void>;
  /** Resolves when the caller CANCELled before an answer. */
  cancelled: Promise<void>;
}

interface Dialog {
  callId: string;
  local: string;
  remote: string;
  target: string;
  route: string[];
  cseq: number;
  end(): void;
  ended: Promise<void>;
}

export class SipWsClient {
  private readonly pending = new Map<string, (response: SipMessage) => void>();
  private readonly dialogs = new Map<string, Dialog>();
  private readonly contact: string;
  /** Our Via sent-by: a WebSocket client has no address of its own to put there (RFC 7118 §5.2). */
  private readonly viaHost = `${randomToken(4)}.invalid`;
  private readonly registerCallId = randomToken();
  private registerCseq = 1;
  /**
   * Calls that reached this client. It answers 200 unless `answerWith` says otherwise (0: it only
   * rings, 180, until CANCELled), with `answerSdp(offer)` when set, else a fixed PCMU SDP.
   */
  readonly incoming: IncomingSipCall[] = [];
  answerWith = 200;
  answerSdp: ((offerSdp: string) => Promise<string>) | undefined;
  private readonly cancelWaiters = new Map<string, () => void>();
  /** Every message this client received, in order (tests look for CANCELs, provisional answers…). */
  readonly received: SipMessage[] = [];
  /** Resolves with the close code when the server ends the WebSocket. */
  readonly closed: Promise<number>;
  private readonly ackWaiters = new Map<string, () => void>();

  private constructor(
    private readonly socket: WebSocket,
    readonly account: SipAccount,
  ) {
    this.contact = `<sip:${account.login}@${randomToken(4)}.invalid;transport=ws>`;
    socket.on('message', (data) => this.receive(String(data)));
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  static connect(wsUrl: string, account: SipAccount): Promise<SipWsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl, 'sip');
      socket.once('open', () => {
        socket.off('error', reject);
        // Later errors end the socket; pending requests then time out with a clear message.
        socket.on('error', () => socket.terminate());
        resolve(new SipWsClient(socket, account));
      });
      socket.once('error', reject);
    });
  }

  get aor(): string {
    return `sip:${this.account.login}@${this.account.domain}`;
  }

  /** REGISTER (expires 0 = un-REGISTER), answering one challenge; resolves with the final response. */
  async register(expires = 600): Promise<SipMessage> {
    const base = {
      method: 'REGISTER',
      uri: `sip:${this.account.domain}`,
      callId: this.registerCallId,
      from: `<${this.aor}>;tag=${randomToken(4)}`,
      to: `<${this.aor}>`,
      extra: [
        ['Contact', `${this.contact};expires=${expires}`],
        ['Expires', String(expires)],
      ] as [string, string][],
    };
    return this.withAuth(base, () => this.registerCseq++).then((r) => r.response);
  }

  /** INVITE `sip:<user>@domain` (with `sdp`, else a fixed PCMU SDP); a 2xx is ACKed and becomes a call to `bye()`. */
  async invite(user: string, options: { sdp?: string } = {}): Promise<SipCall> {
    const callId = randomToken();
    const fromTag = randomToken(4);
    let cseq = 1;
    const started = performance.now();
    const { response, request } = await this.withAuth(
      {
        method: 'INVITE',
        uri: `sip:${user}@${this.account.domain}`,
        callId,
        from: `<${this.aor}>;tag=${fromTag}`,
        to: `<sip:${user}@${this.account.domain}>`,
        extra: [
          ['Contact', this.contact],
          ['Content-Type', 'application/sdp'],
        ],
        body: options.sdp ?? audioSdp(),
      },
      () => cseq++,
    );
    const setupMs = performance.now() - started;
    const status = response.status ?? 0;
    if (status >= 300 || status < 200) {
      return {
        callId,
        status,
        setupMs,
        ended: Promise.resolve(),
        bye: () => Promise.resolve(0),
        answerSdp: '',
      };
    }
    const dialog = this.dialog(
      callId,
      request.from,
      header(response, 'to') ?? '',
      uriOf(header(response, 'contact') ?? ''),
      [...(response.headers.get('record-route') ?? [])].reverse(),
      request.cseq,
    );
    this.sendRaw({ ...this.inDialog(dialog, 'ACK'), cseq: request.cseq }, newBranch());
    return {
      callId,
      status,
      setupMs,
      ended: dialog.ended,
      bye: () => this.bye(dialog),
      answerSdp: response.body ?? '',
    };
  }

  /** Sends a key press as SIP INFO (`application/dtmf-relay`) in a call; resolves with the status. */
  async info(callId: string, digit: string): Promise<number> {
    const dialog = this.dialogs.get(callId);
    if (!dialog) return 0;
    dialog.cseq += 1;
    const response = await this.send({
      ...this.inDialog(dialog, 'INFO'),
      extra: [['Content-Type', 'application/dtmf-relay']],
      body: `Signal=${digit}\r\nDuration=160\r\n`,
    });
    return response.status ?? 0;
  }

  /** Ends a call this client answered (by its Call-ID). */
  hangUp(callId: string): Promise<number> {
    const dialog = this.dialogs.get(callId);
    return dialog ? this.bye(dialog) : Promise.resolve(0);
  }

  close(): void {
    this.socket.terminate();
  }

  /** Sends any text as one frame (malformed messages, floods). */
  sendText(text: string): void {
    this.socket.send(text);
  }

  private async bye(dialog: Dialog): Promise<number> {
    dialog.cseq += 1;
    const response = await this.send(this.inDialog(dialog, 'BYE'));
    dialog.end();
    return response.status ?? 0;
  }

  private inDialog(dialog: Dialog, method: string): Request {
    return {
      method,
      uri: dialog.target,
      callId: dialog.callId,
      cseq: dialog.cseq,
      from: dialog.local,
      to: dialog.remote,
      route: dialog.route,
    };
  }

  private dialog(
    callId: string,
    local: string,
    remote: string,
    target: string,
    route: string[],
    cseq: number,
  ) {
    let end = () => {};
    const ended = new Promise<void>((resolve) => (end = resolve));
    const dialog: Dialog = {
      callId,
      local,
      remote,
      target,
      route,
      cseq,
      ended,
      end: () => {
        this.dialogs.delete(callId);
        end();
      },
    };
    this.dialogs.set(callId, dialog);
    return dialog;
  }

  /** Sends, and once more with credentials when challenged; a non-2xx INVITE answer is ACKed. */
  private async withAuth(
    base: Omit<Request, 'cseq'>,
    nextCseq: () => number,
  ): Promise<{ response: SipMessage; request: Request }> {
    let request: Request = { ...base, cseq: nextCseq() };
    let response = await this.send(request);
    const status = response.status ?? 0;
    if (status === 401 || status === 407) {
      const challenge = header(response, status === 401 ? 'www-authenticate' : 'proxy-authenticate') ?? '';
      const credentials = { username: this.account.login, password: this.account.password };
      const answer = digestAnswer(challenge, credentials, base.method, base.uri);
      request = {
        ...base,
        cseq: nextCseq(),
        extra: [...(base.extra ?? []), [status === 401 ? 'Authorization' : 'Proxy-Authorization', answer]],
      };
      response = await this.send(request);
    }
    return { response, request };
  }

  private send(request: Request): Promise<SipMessage> {
    const branch = newBranch();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(branch);
        reject(new Error(`${request.method} got no final answer in 32 s`));
      }, 32_000);
      this.pending.set(branch, (response) => {
        clearTimeout(timer);
        if (request.method === 'INVITE' && (response.status ?? 0) >= 300) {
          // The ACK of a failed INVITE is part of its transaction: same branch, the answer's To.
          this.sendRaw(
            { ...request, method: 'ACK', to: header(response, 'to') ?? request.to, body: '', extra: [] },
            branch,
          );
        }
        resolve(response);
      });
      this.sendRaw(request, branch);
    });
  }

  private sendRaw(request: Request, branch: string): void {
    const headers: [string, string][] = [
      ['Via', `SIP/2.0/WS ${this.viaHost};branch=${branch};rport`],
      ['Max-Forwards', '70'],
      ...(request.route ?? []).map((r): [string, string] => ['Route', r]),
      ['From', request.from],
      ['To', request.to],
      ['Call-ID', request.callId],
      ['CSeq', `${request.cseq} ${request.method}`],
      ...(request.extra ?? []),
    ];
    const text = buildSip(`${request.method} ${request.uri} SIP/2.0`, headers, request.body);
    trace(`>>> ${this.account.login}`, text);
    this.socket.send(text);
  }

  private receive(text: string): void {
    trace(`<<< ${this.account.login}`, text);
    let message: SipMessage;
    try {
      message = parseSip(text);
    } catch {
      return; // keep-alive or garbage: nothing to answer
    }
    this.received.push(message);
    if (message.status !== undefined) {
      if (message.status < 200) return;
      const branch = /branch=([^;,\s]+)/.exec(header(message, 'via') ?? '')?.[1] ?? '';
      const resolve = this.pending.get(branch);
      this.pending.delete(branch);
      resolve?.(message);
      return;
    }
    const callId = header(message, 'call-id') ?? '';
    if (message.method === 'INVITE' && !tagOf(header(message, 'to') ?? '')) this.answer(message);
    else if (message.method === 'ACK') this.ackWaiters.get(callId)?.();
    else if (message.method === 'CANCEL') {
      this.reply(message, 200, 'OK');
      this.cancelWaiters.get(callId)?.();
    } else if (message.method === 'BYE') {
      this.reply(message, 200, 'OK');
      this.dialogs.get(callId)?.end();
    } else this.reply(message, 405, 'Method Not Allowed');
  }

  private answer(invite: SipMessage): void {
    const callId = header(invite, 'call-id') ?? '';
    const tag = randomToken(4);
    let cancelled = () => {};
    const cancelledPromise = new Promise<void>((resolve) => (cancelled = resolve));
    if (this.answerWith === 0) {
      this.reply(invite, 180, 'Ringing', tag);
      this.cancelWaiters.set(callId, () => {
        this.cancelWaiters.delete(callId);
        this.reply(invite, 487, 'Request Terminated', tag);
        cancelled();
      });
      this.incoming.push({
        callId,
        from: header(invite, 'from') ?? '',
        offerSdp: invite.body ?? '',
        acked: new Promise(() => {}),
        ended: cancelledPromise,
        cancelled: cancelledPromise,
      });
      return;
    }
    if (this.answerWith !== 200) {
      this.reply(invite, this.answerWith, 'Refused', tag);
      return;
    }
    let acked = () => {};
    const ackedPromise = new Promise<void>((resolve) => (acked = resolve));
    this.ackWaiters.set(callId, () => {
      this.ackWaiters.delete(callId);
      acked();
    });
    const local = `${header(invite, 'to') ?? ''};tag=${tag}`;
    const cseq = Number((header(invite, 'cseq') ?? '0').split(' ')[0]);
    const dialog = this.dialog(
      callId,
      local,
      header(invite, 'from') ?? '',
      uriOf(header(invite, 'contact') ?? ''),
      [...(invite.headers.get('record-route') ?? [])],
      cseq + 1000,
    );
    this.incoming.push({
      callId,
      from: header(invite, 'from') ?? '',
      offerSdp: invite.body ?? '',
      acked: ackedPromise,
      ended: dialog.ended,
      cancelled: cancelledPromise,
    });
    const offer = invite.body ?? '';
    const sdp = this.answerSdp ? this.answerSdp(offer) : Promise.resolve(audioSdp());
    void sdp.then(
      (body) => this.reply(invite, 200, 'OK', tag, body),
      () => this.reply(invite, 488, 'Not Acceptable Here', tag),
    );
  }

  private reply(request: SipMessage, status: number, reason: string, tag?: string, body = ''): void {
    const to = header(request, 'to') ?? '';
    const headers: [string, string][] = [
      ...(request.headers.get('via') ?? []).map((v): [string, string] => ['Via', v]),
      ...(request.headers.get('record-route') ?? []).map((r): [string, string] => ['Record-Route', r]),
      ['From', header(request, 'from') ?? ''],
      ['To', tag && !tagOf(to) ? `${to};tag=${tag}` : to],
      ['Call-ID', header(request, 'call-id') ?? ''],
      ['CSeq', header(request, 'cseq') ?? ''],
    ];
    if (status === 200 && request.method === 'INVITE') headers.push(['Contact', this.contact]);
    if (body) headers.push(['Content-Type', 'application/sdp']);
    const text = buildSip(`SIP/2.0 ${status} ${reason}`, headers, body);
    trace(`>>> ${this.account.login}`, text);
    this.socket.send(text);
  }
}
