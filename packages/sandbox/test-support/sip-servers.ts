/**
 * The SIP servers the call tests run against, as a parameter: each starts beside a running sandbox and
 * serves its extensions with the same login, domain and password rules. Kamailio (Debian's, config in
 * packages/sandbox/kamailio/) is the independent one; the sandbox's own gateway joins this list.
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

export const SIP_SERVERS: SipServerUnderTest[] = [kamailioServer];
