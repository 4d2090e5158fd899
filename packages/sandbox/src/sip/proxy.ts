/**
 * The gateway's registrar front and record-routing proxy (RFC 3261 §16, RFC 7118 §5), transaction
 * stateful but small: a server transaction per request it relays, a client transaction per branch,
 * each removed when answered or timed out, so nothing outlives its call.
 *
 * Routing: an extension calls another of its own PBX by 3 digits or login, forked to all its contacts
 * (first 2xx wins, the others are CANCELled); other users' extensions and unknown ones are 404; a
 * phone number goes to `resolveOutside` (the sandbox's media parties). In-dialog requests carry our
 * Record-Route back as Route, whose parameters name both flows of the dialog (RFC 5626-like flow
 * tokens), so they reach the right socket. Our Via names the flow a request came on, so a response
 * finds its way back even without a transaction.
 */
import { randomBytes } from 'node:crypto';
import type { DigestAuthenticator } from './digest.js';
import type { Flow } from './flow.js';
import { extensionByLogin, parseSipLogin, sipLogin, type SipLogin } from './login.js';
import {
  cseqOf,
  getHeader,
  getHeaders,
  parseNameAddr,
  parseUri,
  parseVia,
  responseTo,
  sameTransactionRequest,
  serializeSipMessage,
  withoutHeaders,
  type SipHeader,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from './message.js';
import type { Registrar } from './registrar.js';
import type { Extension, SandboxState } from '../state/types.js';

/** Where a call to a phone number goes (an in-process user agent's flow), or undefined for 404. */
export type FlowResolver = (number: string, caller: SipLogin) => Flow | undefined;

export interface ProxyOptions {
  domain: string;
  /** Our address in Via and Record-Route (`127.0.0.1:8789`). */
  hostport: () => string;
  state: () => SandboxState;
  registrar: Registrar;
  digest: DigestAuthenticator;
  flow: (id: string) => Flow | undefined;
  resolveOutside: FlowResolver;
  /** A status to refuse REGISTERs with (a fault), or undefined. */
  registrationRefusal: () => { status: number; retryAfterS: number } | undefined;
  /** An INVITE branch rings at most this long (default 120 s, Kamailio's fr_inv_timer). */
  inviteTimeoutMs?: number;
  /** A non-INVITE request waits at most this long for an answer (RFC 3261 timer F, 32 s). */
  nonInviteTimeoutMs?: number;
}

interface Call {
  logins: string[];
  flows: string[];
  answered: boolean;
  /** Flows of this call's phones that were replaced by recovery (forgotten with the call). */
  moved: string[];
  timer: NodeJS.Timeout;
}

interface ServerTx {
  key: string;
  flow: Flow;
  request: SipRequest;
  branches: ClientTx[];
  final: boolean;
  best: SipResponse | undefined;
  callId: string;
}

interface ClientTx {
  key: string;
  branch: string;
  flow: Flow;
  request: SipRequest;
  server: ServerTx;
  final: boolean;
  timer: NodeJS.Timeout | undefined;
}

const token = (bytes = 8) => randomBytes(bytes).toString('base64url');
const PHONE_NUMBER = /^\+?\d{5,}$/;
/** Longest a call is counted against `lines` without a BYE (both flows still open). */
const MAX_CALL_MS = 4 * 3600_000;
const LINGER_MS = 5_000;
/**
 * How long an answered call waits for a phone whose WebSocket dropped to come back on a new one (it
 * re-REGISTERs, then sends its next in-dialog request there: RFC 5626's flow recovery). The media
 * goes on meanwhile; after this the call stops counting against `lines`.
 */
const RECOVERY_MS = 15_000;

export class SipProxy {
  /** Every branch we create starts with this, so our Via is known. */
  private readonly branchPrefix = `z9hG4bK${token(6)}`;
  readonly gatewayId = token(6);
  private readonly serverTxs = new Map<string, ServerTx>();
  private readonly clientTxs = new Map<string, ClientTx>();
  private readonly calls = new Map<string, Call>();
  /** Who proved themselves on a flow (REGISTER or a request with credentials), for flow recovery. */
  private readonly flowLogins = new Map<string, string>();
  /** A phone's old flow → the flow it came back on. */
  private readonly movedFlows = new Map<string, string>();
  private readonly inviteTimeoutMs: number;
  private readonly nonInviteTimeoutMs: number;

  constructor(private readonly o: ProxyOptions) {
    this.inviteTimeoutMs = o.inviteTimeoutMs ?? 120_000;
    this.nonInviteTimeoutMs = o.nonInviteTimeoutMs ?? 32_000;
  }

  /** Transactions and calls held now (the leak tests read it). */
  stats(): { serverTransactions: number; clientTransactions: number; calls: number } {
    return {
      serverTransactions: this.serverTxs.size,
      clientTransactions: this.clientTxs.size,
      calls: this.calls.size,
    };
  }

  /** Active calls (ringing or answered) an extension is in. */
  callsOf(login: string): number {
    let n = 0;
    for (const call of this.calls.values()) if (call.logins.includes(login)) n++;
    return n;
  }

  receive(flow: Flow, message: SipMessage): void {
    if (message.kind === 'response') this.onResponse(message);
    else this.onRequest(flow, message);
  }

  /** A flow closed: its transactions end, its calls stop counting. */
  flowClosed(flow: Flow): void {
    for (const s of [...this.serverTxs.values()]) {
      if (s.flow !== flow) continue;
      for (const b of s.branches) this.cancelBranch(b);
      // A call still ringing ends with its caller's flow; an answered one may yet recover.
      if (!s.final) this.endCall(s.callId);
      s.final = true;
      this.forgetServer(s);
    }
    for (const c of [...this.clientTxs.values()]) {
      if (c.flow === flow && !c.final) this.onBranchResponse(c, this.synthetic(c, 480, 'Flow closed'), true);
    }
    let awaited = false;
    for (const [callId, call] of this.calls) {
      if (!call.flows.includes(flow.id)) continue;
      if (!call.answered || !this.flowLogins.has(flow.id)) {
        this.endCall(callId);
        continue;
      }
      awaited = true;
      const timer = setTimeout(() => {
        if (this.calls.get(callId)?.flows.includes(flow.id)) this.endCall(callId);
        this.flowLogins.delete(flow.id);
      }, RECOVERY_MS);
      timer.unref();
    }
    if (!awaited) this.flowLogins.delete(flow.id);
  }

  /**
   * The other side's flow is gone, but its phone registered again on a new one (it has not spoken in
   * the dialog yet): the request goes there, and that side moves with it.
   */
  private followRegistration(gone: string, callId: string): Flow | undefined {
    const login = this.flowLogins.get(gone);
    const call = this.calls.get(callId);
    if (!login || !call) return undefined;
    const flow = this.o.registrar.bindings(login).at(-1)?.flow;
    if (!flow) return undefined;
    this.moveSide(call, gone, flow);
    return flow;
  }

  /** The flow a phone is on now, after any recoveries. */
  private currentFlow(id: string): string {
    let current = id;
    for (let hops = 0; hops < 10; hops++) {
      const moved = this.movedFlows.get(current);
      if (!moved) break;
      current = moved;
    }
    return current;
  }

  /**
   * An in-dialog request from a flow that is neither of the dialog's: the phone of one side back on a
   * new WebSocket (same login, its old flow gone) takes that side over; anyone else is refused.
   */
  private recover(flow: Flow, sides: { a: string; b: string }, callId: string): boolean {
    const login = this.flowLogins.get(flow.id);
    const call = this.calls.get(callId);
    if (!login || !call) return false;
    const gone = [sides.a, sides.b].find((id) => !this.o.flow(id) && this.flowLogins.get(id) === login);
    if (!gone) return false;
    this.moveSide(call, gone, flow);
    return true;
  }

  private moveSide(call: Call, gone: string, flow: Flow): void {
    this.movedFlows.set(gone, flow.id);
    call.flows = call.flows.map((id) => (id === gone ? flow.id : id));
    call.moved.push(gone);
    this.flowLogins.delete(gone);
  }

  clear(): void {
    for (const c of this.clientTxs.values()) clearTimeout(c.timer);
    for (const call of this.calls.values()) clearTimeout(call.timer);
    this.clientTxs.clear();
    this.serverTxs.clear();
    this.calls.clear();
    this.flowLogins.clear();
    this.movedFlows.clear();
  }

  // ---- requests ----

  private reply(
    flow: Flow,
    request: SipRequest,
    status: number,
    reason: string,
    headers: SipHeader[] = [],
  ): void {
    if (request.method === 'ACK') return;
    const toTag = status > 100 ? token(6) : undefined;
    flow.send(serializeSipMessage(responseTo(request, status, reason, { toTag, headers })));
  }

  private onRequest(flow: Flow, request: SipRequest): void {
    const maxForwards = Number(getHeader(request, 'Max-Forwards') ?? '70');
    if (maxForwards <= 0) return this.reply(flow, request, 483, 'Too Many Hops');
    const route = getHeader(request, 'Route');
    const ours = route ? this.ourRoute(route) : undefined;
    if (request.method === 'CANCEL') return this.onCancel(flow, request);
    if (ours) return this.inDialog(flow, request, ours);
    // An ACK not routed by us answers a failure we sent or relayed: hop by hop, it ends here.
    if (request.method === 'ACK') return;
    const toTag = parseNameAddr(getHeader(request, 'To') ?? '')?.param('tag');
    if (toTag) return this.reply(flow, request, 404, 'Not here');
    const ruri = parseUri(request.uri);
    if (!ruri) return this.reply(flow, request, 416, 'Unsupported URI Scheme');
    const hostport = this.o.hostport();
    const host = hostport.slice(0, hostport.lastIndexOf(':')).replace(/^\[|\]$/g, '');
    if (ruri.host !== this.o.domain && ruri.host !== host)
      return this.reply(flow, request, 403, 'Not this domain');
    if (request.method === 'REGISTER') return this.onRegister(flow, request);
    if (request.method === 'OPTIONS' && !ruri.user)
      return this.reply(flow, request, 200, 'OK', [
        ['Allow', 'INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, REFER, NOTIFY'],
      ]);
    if (request.method === 'PUBLISH' || request.method === 'SUBSCRIBE')
      return this.reply(flow, request, 405, 'Method Not Allowed');
    this.initial(flow, request, ruri.user ?? '');
  }

  /** The login the request's credentials prove, or undefined after answering (challenge or 403). */
  private authenticate(flow: Flow, request: SipRequest, www: boolean): string | undefined {
    const result = this.o.digest.verify(
      request.method,
      getHeaders(request, www ? 'Authorization' : 'Proxy-Authorization'),
    );
    if (result.ok) return result.login;
    if (result.problem === 'missing' || result.problem === 'stale') {
      const challenge = this.o.digest.challenge(result.problem === 'stale');
      if (www) this.reply(flow, request, 401, 'Unauthorized', [['WWW-Authenticate', challenge]]);
      else
        this.reply(flow, request, 407, 'Proxy Authentication Required', [['Proxy-Authenticate', challenge]]);
    } else {
      this.reply(flow, request, 403, result.problem === 'unknown-login' ? 'Unknown login' : 'Wrong password');
    }
    return undefined;
  }

  private onRegister(flow: Flow, request: SipRequest): void {
    const refusal = this.o.registrationRefusal();
    if (refusal) {
      return this.reply(flow, request, refusal.status, 'Registrations refused (sandbox fault)', [
        ['Retry-After', String(refusal.retryAfterS)],
      ]);
    }
    const login = this.authenticate(flow, request, true);
    if (!login) return;
    const to = parseNameAddr(getHeader(request, 'To') ?? '');
    if (to?.uri.user !== login || to.uri.host !== this.o.domain)
      return this.reply(flow, request, 403, 'Not your address');
    this.flowLogins.set(flow.id, login);
    flow.send(serializeSipMessage(this.o.registrar.register(login, flow, request)));
  }

  private initial(flow: Flow, request: SipRequest, user: string): void {
    let caller: SipLogin | undefined;
    let callerExt: Extension | undefined;
    if (!flow.trusted) {
      const login = this.authenticate(flow, request, false);
      if (!login) return;
      if (parseNameAddr(getHeader(request, 'From') ?? '')?.uri.user !== login)
        return this.reply(flow, request, 403, 'Not your address');
      this.flowLogins.set(flow.id, login);
      caller = parseSipLogin(login);
      callerExt = extensionByLogin(this.o.state(), login);
    }
    const isInvite = request.method === 'INVITE';
    const callerLogin = caller && sipLogin(caller.pbxId, caller.extension);
    if (isInvite && callerLogin && callerExt && this.callsOf(callerLogin) >= callerExt.lines)
      return this.reply(flow, request, 486, 'All lines of the caller are busy');

    // The callee: 3 digits or a login of the caller's PBX (any PBX for a trusted in-process caller).
    let calleeLogin: string | undefined;
    const asLogin = parseSipLogin(user);
    if (/^\d{3}$/.test(user) && caller) calleeLogin = sipLogin(caller.pbxId, user);
    else if (asLogin && (!caller || asLogin.pbxId === caller.pbxId)) calleeLogin = user;
    else if (PHONE_NUMBER.test(user) && caller) {
      const outside = this.o.resolveOutside(user, caller);
      if (!outside) return this.reply(flow, request, 404, 'Not Found');
      return this.fork(flow, request, [{ flow: outside, uri: request.uri }], [callerLogin ?? '']);
    }
    const calleeExt = calleeLogin ? extensionByLogin(this.o.state(), calleeLogin) : undefined;
    if (!calleeLogin || !calleeExt) return this.reply(flow, request, 404, 'Not Found');
    if (isInvite && this.callsOf(calleeLogin) >= calleeExt.lines)
      return this.reply(flow, request, 486, 'Busy Here');
    const bindings = this.o.registrar.bindings(calleeLogin);
    if (bindings.length === 0) return this.reply(flow, request, 480, 'Temporarily Unavailable');
    this.fork(
      flow,
      request,
      bindings.map((b) => ({ flow: b.flow, uri: b.uri })),
      [callerLogin, calleeLogin].filter((l): l is string => !!l),
    );
  }

  private fork(
    flow: Flow,
    request: SipRequest,
    targets: { flow: Flow; uri: string }[],
    logins: string[],
  ): void {
    const branch = parseVia(getHeader(request, 'Via') ?? '')?.branch ?? token();
    const key = `${flow.id}|${branch}|${request.method}`;
    if (this.serverTxs.has(key)) return; // a retransmission: the first copy is being handled
    const callId = getHeader(request, 'Call-ID') ?? '';
    const server: ServerTx = { key, flow, request, branches: [], final: false, best: undefined, callId };
    this.serverTxs.set(key, server);
    const isInvite = request.method === 'INVITE';
    if (isInvite) {
      this.reply(flow, request, 100, 'Trying');
      this.startCall(callId, logins, [flow.id]);
    }
    const recordRoute = isInvite || request.method === 'SUBSCRIBE' || request.method === 'REFER';
    const headers = withoutHeaders(request.headers, 'Proxy-Authorization');
    for (const target of targets) {
      const rr = recordRoute ? this.recordRoute(flow, target.flow) : undefined;
      server.branches.push(this.forward(server, { ...request, headers }, target.flow, target.uri, rr));
    }
  }

  private recordRoute(a: Flow, b: Flow): string {
    return `<sip:${this.o.hostport()};transport=ws;lr;zd=${this.gatewayId};a=${a.id};b=${b.id}>`;
  }

  /** Our Route's flows, or undefined when the top Route is not ours. */
  private ourRoute(route: string): { a: string; b: string } | undefined {
    const uri = parseNameAddr(route)?.uri;
    if (uri?.param('zd') !== this.gatewayId) return undefined;
    return { a: uri.param('a') ?? '', b: uri.param('b') ?? '' };
  }

  /** Relays a request to `target`; a client transaction unless it is an ACK. */
  private forward(
    server: ServerTx | undefined,
    request: SipRequest,
    target: Flow,
    uri: string,
    recordRoute?: string,
    from?: Flow,
  ): ClientTx {
    const branch = `${this.branchPrefix}${token()}`;
    const via = `SIP/2.0/WS ${this.o.hostport()};branch=${branch};zdf=${(server?.flow ?? from)?.id ?? ''}`;
    let headers = request.headers.map(([n, v]): SipHeader => [n, v]);
    const mf = headers.find(([n]) => n.toLowerCase() === 'max-forwards');
    if (mf) mf[1] = String(Math.max(0, Number(mf[1]) - 1));
    else headers.push(['Max-Forwards', '69']);
    if (recordRoute) {
      const at = headers.findIndex(([n]) => n.toLowerCase() === 'record-route');
      const pos = at >= 0 ? at : headers.filter(([n]) => n.toLowerCase() === 'via').length;
      headers.splice(pos, 0, ['Record-Route', recordRoute]);
    }
    headers = [['Via', via], ...headers];
    const forwarded: SipRequest = { ...request, uri, headers };
    const tx: ClientTx = {
      key: `${branch}|${request.method}`,
      branch,
      flow: target,
      request: forwarded,
      server: server as ServerTx,
      final: false,
      timer: undefined,
    };
    if (server && request.method !== 'ACK') {
      this.clientTxs.set(tx.key, tx);
      const timeout = request.method === 'INVITE' ? this.inviteTimeoutMs : this.nonInviteTimeoutMs;
      tx.timer = setTimeout(() => {
        this.cancelBranch(tx);
        this.onBranchResponse(tx, this.synthetic(tx, 408, 'Request Timeout'), true);
      }, timeout);
      tx.timer.unref();
    }
    target.send(serializeSipMessage(forwarded));
    return tx;
  }

  private inDialog(flow: Flow, request: SipRequest, route: { a: string; b: string }): void {
    const callId = getHeader(request, 'Call-ID') ?? '';
    let sides = { a: this.currentFlow(route.a), b: this.currentFlow(route.b) };
    if (flow.id !== sides.a && flow.id !== sides.b && this.recover(flow, sides, callId))
      sides = { a: this.currentFlow(route.a), b: this.currentFlow(route.b) };
    const next = flow.id === sides.a ? sides.b : flow.id === sides.b ? sides.a : undefined;
    if (!next) return this.reply(flow, request, 403, 'Not your dialog');
    const target = this.o.flow(next) ?? this.followRegistration(next, callId);
    if (!target) return this.reply(flow, request, 430, 'Flow Failed');
    // Our Route goes (RFC 3261 §16.4); any after it stay.
    const at = request.headers.findIndex(([n]) => n.toLowerCase() === 'route');
    const request2 = { ...request, headers: request.headers.filter((_, i) => i !== at) };
    if (request.method === 'ACK') {
      this.forward(undefined, request2, target, request.uri, undefined, flow);
      return;
    }
    if (request.method === 'BYE') this.endCall(callId);
    const branch = parseVia(getHeader(request, 'Via') ?? '')?.branch ?? token();
    const key = `${flow.id}|${branch}|${request.method}`;
    if (this.serverTxs.has(key)) return;
    const server: ServerTx = { key, flow, request, branches: [], final: false, best: undefined, callId };
    this.serverTxs.set(key, server);
    server.branches.push(this.forward(server, request2, target, request.uri));
  }

  private onCancel(flow: Flow, cancel: SipRequest): void {
    const branch = parseVia(getHeader(cancel, 'Via') ?? '')?.branch ?? '';
    const server = this.serverTxs.get(`${flow.id}|${branch}|INVITE`);
    if (!server) return this.reply(flow, cancel, 481, 'Call/Transaction Does Not Exist');
    this.reply(flow, cancel, 200, 'OK');
    if (server.final) return;
    server.final = true;
    for (const b of server.branches) this.cancelBranch(b);
    this.reply(flow, server.request, 487, 'Request Terminated');
    this.endCall(server.callId);
    this.lingerServer(server);
  }

  /** CANCELs a ringing INVITE branch (same Via branch, RFC 3261 §9.1). */
  private cancelBranch(tx: ClientTx): void {
    if (tx.final || tx.request.method !== 'INVITE') return;
    tx.flow.send(serializeSipMessage(sameTransactionRequest('CANCEL', tx.request)));
  }

  // ---- responses ----

  private onResponse(response: SipResponse): void {
    const topVia = getHeader(response, 'Via') ?? '';
    const branch = parseVia(topVia)?.branch ?? '';
    if (!branch.startsWith(this.branchPrefix)) return; // not through us: nothing to do with it
    const rest = { ...response, headers: this.popVia(response.headers) };
    const method = cseqOf(response).method;
    const tx = this.clientTxs.get(`${branch}|${method}`);
    if (tx) return this.onBranchResponse(tx, rest);
    // A 2xx to an INVITE after its transaction: back over the flow our Via names (RFC 3261 §16.7).
    const flowId = /;\s*zdf=([A-Za-z0-9_-]+)/.exec(topVia)?.[1];
    const back = flowId ? this.o.flow(this.currentFlow(flowId)) : undefined;
    if (back && method === 'INVITE' && response.status >= 200 && response.status < 300)
      back.send(serializeSipMessage(rest));
  }

  private popVia(headers: SipHeader[]): SipHeader[] {
    const at = headers.findIndex(([n]) => n.toLowerCase() === 'via');
    return at < 0 ? headers : [...headers.slice(0, at), ...headers.slice(at + 1)];
  }

  private synthetic(tx: ClientTx, status: number, reason: string): SipResponse {
    return { ...responseTo(tx.server.request, status, reason, { toTag: token(6) }) };
  }

  /** `synthetic`: made by us for a branch that cannot answer (closed, timed out): nothing to ACK. */
  private onBranchResponse(tx: ClientTx, response: SipResponse, synthetic = false): void {
    const server = tx.server;
    const status = response.status;
    const isInvite = server.request.method === 'INVITE';
    if (status < 200) {
      if (status > 100 && !server.final) server.flow.send(serializeSipMessage(response));
      return;
    }
    if (tx.final) return;
    tx.final = true;
    clearTimeout(tx.timer);
    this.clientTxs.delete(tx.key);
    if (isInvite && status >= 300 && !synthetic) this.ackBranch(tx, response);
    if (status < 300) {
      // Every 2xx of an INVITE goes to the caller (it ACKs and BYEs the extra ones, RFC 3261 §16.7);
      // of any other request, only the first.
      if (isInvite || !server.final) server.flow.send(serializeSipMessage(response));
      if (!server.final) {
        server.final = true;
        for (const b of server.branches) if (b !== tx) this.cancelBranch(b);
        if (isInvite) this.answered(server.callId, tx.flow.id);
        this.lingerServer(server);
      }
      return;
    }
    if (server.final) return;
    if (!server.best || status >= 600 || (server.best.status < 600 && status < server.best.status))
      server.best = response;
    const pending = server.branches.filter((b) => !b.final);
    if (status >= 600) for (const b of pending) this.cancelBranch(b);
    if (status >= 600 || pending.length === 0) {
      server.final = true;
      server.flow.send(serializeSipMessage(server.best));
      if (isInvite) this.endCall(server.callId);
      this.lingerServer(server);
    }
  }

  /** The ACK of a failed INVITE branch is ours to send (RFC 3261 §17.1.1.3). */
  private ackBranch(tx: ClientTx, response: SipResponse): void {
    if (response.reason === 'Flow closed' || response.reason === 'Request Timeout') return;
    const ack = sameTransactionRequest('ACK', tx.request, getHeader(response, 'To'));
    tx.flow.send(serializeSipMessage(ack));
  }

  /** A finished server transaction stays a moment for its CANCEL or retransmission, then goes. */
  private lingerServer(server: ServerTx): void {
    const timer = setTimeout(() => this.forgetServer(server), LINGER_MS);
    timer.unref();
  }

  private forgetServer(server: ServerTx): void {
    if (this.serverTxs.get(server.key) === server) this.serverTxs.delete(server.key);
    for (const b of server.branches) {
      clearTimeout(b.timer);
      if (this.clientTxs.get(b.key) === b) this.clientTxs.delete(b.key);
    }
  }

  // ---- calls, for `lines` ----

  private startCall(callId: string, logins: string[], flows: string[]): void {
    if (this.calls.has(callId)) return;
    const timer = setTimeout(() => this.calls.delete(callId), MAX_CALL_MS);
    timer.unref();
    this.calls.set(callId, { logins: logins.filter(Boolean), flows, answered: false, moved: [], timer });
  }

  /** Answered: the call is between the caller and the branch that answered. */
  private answered(callId: string, flowId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.flows = [call.flows[0] ?? '', flowId];
    call.answered = true;
  }

  private endCall(callId: string): void {
    const call = this.calls.get(callId);
    if (!call) return;
    clearTimeout(call.timer);
    this.calls.delete(callId);
    for (const old of call.moved) this.movedFlows.delete(old);
  }
}
