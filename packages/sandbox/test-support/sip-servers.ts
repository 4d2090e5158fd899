/**
 * The SIP servers the call tests run against, as a parameter: each starts beside a running sandbox and
 * serves its extensions with the same login, domain and password rules. Kamailio (Debian's, config in
 * packages/sandbox/kamailio/) is the independent one; the sandbox's own gateway is the other.
 */
import type { RunningSandbox } from '../src/index.js';
import { startKamailio } from './kamailio.js';

export interface RunningSipServer {
  wsUrl: string;
  domain: string;
  close(): Promise<void>;
}

export interface SipServerUnderTest {
  name: string;
  start(sandbox: RunningSandbox): Promise<RunningSipServer>;
}

export const kamailioServer: SipServerUnderTest = {
  name: 'kamailio',
  start: (sandbox) => startKamailio({ sandboxUrl: sandbox.url }),
};

/** The sandbox's own gateway (src/sip/), which startSandbox runs beside it on a free port. */
export const gatewayServer: SipServerUnderTest = {
  name: 'gateway',
  start: (sandbox) => {
    if (!sandbox.sip) return Promise.reject(new Error('this sandbox was started with sip: false'));
    const { wsUrl, domain } = sandbox.sip;
    // It closes with the sandbox.
    return Promise.resolve({ wsUrl, domain, close: () => Promise.resolve() });
  },
};

export const SIP_SERVERS: SipServerUnderTest[] = [kamailioServer, gatewayServer];
