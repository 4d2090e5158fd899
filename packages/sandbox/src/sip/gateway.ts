/**
 * The sandbox's SIP-over-WebSocket gateway (issue 11): a registrar and record-routing proxy for the
 * sandbox's PBX extensions, on its own port. Phones connect over WebSocket; the sandbox's own user
 * agents (media parties) connect as in-process flows (`openInternalFlow`) and are reached for phone
 * numbers through `resolveOutside`.
 *
 *   const gateway = await startGateway(running.sandbox, { port: 0 });
 *   gateway.info.wsUrl  // ws://127.0.0.1:41234, subprotocol sip
 */
import type { Sandbox } from '../app.js';
import { allAccounts } from '../state/accounts.js';
import { DigestAuthenticator } from './digest.js';
import type { SipFaultControl, SipFaultInput, SipFaultState } from './faults.js';
import type { Flow } from './flow.js';
import { SANDBOX_SIP_DOMAIN, type SipGatewayInfo } from './info.js';
import { extensionByLogin, type SipLogin } from './login.js';
import { parseSipMessage, SipParseError } from './message.js';
import { SipProxy } from './proxy.js';
import { Registrar } from './registrar.js';
import { newFlowId, WebSocketTransport } from './transport.js';

/** An in-process user agent's connection to the gateway: what it sends enters as from a trusted phone. */
export interface InternalFlow {
  readonly id: string;
  /** One SIP message (text) into the gateway. */
  send(text: string): void;
  close(): void;
}

/** Where an extension's call to a phone number (digits, optional +, ≥ 5 digits) goes; undefined = 404. */
export type OutsideResolver = (number: string, caller: SipLogin) => InternalFlow | undefined;

export interface GatewayOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port); the CLI passes DEFAULT_SIP_PORT. */
  port?: number;
  /** The AOR domain, default `pbx.sandbox.test`. */
  domain?: string;
  resolveOutside?: OutsideResolver;
  /** Registrations asking less are raised to this; default 10 s (tests set 1). */
  minExpiresSeconds?: number;
  /** Per socket; beyond it requests get 503, beyond twice it the socket is closed. Default 50. */
  maxMessagesPerSecond?: number;
  /** How long an INVITE branch may ring; default 120 s. */
  inviteTimeoutMs?: number;
}

export interface RunningGateway {
  info: SipGatewayInfo;
  faults: SipFaultControl;
  openInternalFlow(onMessage: (text: string) => void): InternalFlow;
  /** Settable after start (the media parties need the gateway to open their flows). */
  resolveOutside: OutsideResolver | undefined;
  /** What the gateway holds now: registrations, transactions, calls (for leak checks). */
  stats(): {
    bindings: number;
    serverTransactions: number;
    clientTransactions: number;
    calls: number;
    flows: number;
  };
  /** Drops every connection and registration and listens again on the same port (a fault). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A malformed request still gets an answer when its transaction headers can be found. */
function errorReply(text: string, status: number, reason: string): string | undefined {
  if (!/^[A-Za-z0-9!%*_+`'~.-]+ \S+ SIP\/2\.0\r\n/.test(text)) return undefined;
  const head = text.split('\r\n\r\n')[0] ?? '';
  const wanted: [RegExp, string][] = [
    [/^(?:via|v)\s*:/i, 'Via'],
    [/^(?:from|f)\s*:/i, 'From'],
    [/^(?:to|t)\s*:/i, 'To'],
    [/^(?:call-id|i)\s*:/i, 'Call-ID'],
    [/^cseq\s*:/i, 'CSeq'],
  ];
  const lines = head.split('\r\n').slice(1);
  const found: string[] = [];
  for (const [pattern, name] of wanted) {
    const matching = lines.filter((l) => pattern.test(l));
    if (matching.length === 0) return undefined;
    for (const l of name === 'Via' ? matching : matching.slice(0, 1))
      found.push(`${name}: ${l.slice(l.indexOf(':') + 1).trim()}`);
  }
  const safeReason = reason.replace(/[^\x20-\x7e]/g, ' ').slice(0, 100);
  return `SIP/2.0 ${status} ${safeReason}\r\n${found.join('\r\n')}\r\nContent-Length: 0\r\n\r\n`;
}

/** Malformed messages a socket may send before it is closed. */
const MAX_BAD_MESSAGES = 20;

export async function startGateway(sandbox: Sandbox, options: GatewayOptions = {}): Promise<RunningGateway> {
  const host = options.host ?? '127.0.0.1';
  const domain = options.domain ?? SANDBOX_SIP_DOMAIN;
  const flows = new Map<string, Flow>();
  const badMessages = new WeakMap<Flow, number>();
  let faults: SipFaultState = {};
  const now = () => Date.now();

  const registrar = new Registrar(
    (login, online) => {
      const ext = extensionByLogin(sandbox.state, login);
      if (ext) ext.online = online;
    },
    { minExpiresSeconds: options.minExpiresSeconds },
  );
  // A state file may remember phones of an earlier run: nothing is registered until a phone registers.
  for (const account of allAccounts(sandbox.state)) {
    for (const ext of account.pbx?.extensions ?? []) ext.online = false;
  }
  const digest = new DigestAuthenticator(domain, (login) => extensionByLogin(sandbox.state, login)?.password);
  let port = 0;
  const hostport = () => `${host.includes(':') ? `[${host}]` : host}:${port}`;

  const running: RunningGateway = {
    info: { wsUrl: '', domain, iceServers: [] },
    resolveOutside: options.resolveOutside,
    faults: {
      async apply(fault: SipFaultInput) {
        const at = now();
        if (fault.refuseRegistrations) {
          faults.refuseRegistrationsUntil = at + fault.refuseRegistrations.forMs;
          faults.refuseStatus = fault.refuseRegistrations.status ?? 503;
        }
        if (fault.delayMs !== undefined) faults.delayMs = fault.delayMs;
        if (fault.lossRate !== undefined) faults.lossRate = fault.lossRate;
        if (fault.delayMs !== undefined || fault.lossRate !== undefined)
          faults.impairUntil = fault.forMs === undefined ? undefined : at + fault.forMs;
        if (fault.dropConnections) transport.dropAll();
        if (fault.restart) await running.restart();
        return { ...faults };
      },
      clear() {
        faults = {};
        return {};
      },
      state: () => ({ ...faults }),
    },
    openInternalFlow(onMessage) {
      const flow: Flow = {
        id: newFlowId(),
        trusted: true,
        // Asynchronous like a socket, so a party answering at once does not re-enter the proxy.
        send: (text) => queueMicrotask(() => onMessage(text)),
        close: () => closeFlow(flow),
      };
      flows.set(flow.id, flow);
      return { id: flow.id, send: (text) => receive(flow, text), close: () => closeFlow(flow) };
    },
    stats: () => ({
      ...proxy.stats(),
      bindings: registrar.size(),
      flows: flows.size,
    }),
    async restart() {
      await transport.close();
      registrar.clear();
      proxy.clear();
      await transport.listen(port);
    },
    async close() {
      await transport.close();
      for (const flow of [...flows.values()]) closeFlow(flow);
      registrar.clear();
      proxy.clear();
    },
  };

  const proxy = new SipProxy({
    domain,
    hostport,
    state: () => sandbox.state,
    registrar,
    digest,
    flow: (id) => flows.get(id),
    resolveOutside: (number, caller) => {
      const internal = running.resolveOutside?.(number, caller);
      return internal ? flows.get(internal.id) : undefined;
    },
    registrationRefusal: () => {
      const until = faults.refuseRegistrationsUntil;
      if (until === undefined || until <= now()) return undefined;
      return { status: faults.refuseStatus ?? 503, retryAfterS: Math.ceil((until - now()) / 1000) };
    },
    inviteTimeoutMs: options.inviteTimeoutMs,
  });

  function closeFlow(flow: Flow): void {
    if (!flows.delete(flow.id)) return;
    registrar.dropFlow(flow);
    proxy.flowClosed(flow);
  }

  function handle(flow: Flow, text: string): void {
    if (!flows.has(flow.id)) return;
    if (text.trim() === '') return; // a keep-alive
    let message;
    try {
      message = parseSipMessage(text);
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      const reply = errorReply(text, error.status, error.message);
      if (reply) flow.send(reply);
      const bad = (badMessages.get(flow) ?? 0) + 1;
      badMessages.set(flow, bad);
      if (bad > MAX_BAD_MESSAGES) flow.close();
      return;
    }
    try {
      proxy.receive(flow, message);
    } catch (error) {
      // A bug must cost one message, never the gateway.
      console.error('zd-sandbox SIP gateway: error handling a message', error);
    }
  }

  function receive(flow: Flow, text: string): void {
    const impaired = faults.impairUntil === undefined || faults.impairUntil > now();
    if (!flow.trusted && impaired && faults.lossRate && Math.random() < faults.lossRate) return;
    if (!flow.trusted && impaired && faults.delayMs) {
      setTimeout(() => handle(flow, text), faults.delayMs).unref();
      return;
    }
    handle(flow, text);
  }

  const transport = new WebSocketTransport(
    { host, port: options.port ?? 0, maxMessagesPerSecond: options.maxMessagesPerSecond ?? 50 },
    {
      opened: (flow) => flows.set(flow.id, flow),
      message: (flow, text, flooding) => {
        if (flooding) {
          const reply = errorReply(text, 503, 'Too many messages');
          if (reply) flow.send(reply.replace('\r\nContent-Length', '\r\nRetry-After: 1\r\nContent-Length'));
          return;
        }
        receive(flow, text);
      },
      closed: (flow) => closeFlow(flow),
    },
  );
  port = await transport.listen();
  running.info.wsUrl = `ws://${hostport()}`;
  return running;
}
