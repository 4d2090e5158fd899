/** Runs a sandbox over HTTP on Node (`@hono/node-server`). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandbox, type DemoUser, type Sandbox } from './app.js';
import type { SandboxOptions } from './options.js';
import { startGateway, type GatewayOptions, type RunningGateway } from './sip/gateway.js';
import type { SipGatewayInfo } from './sip/info.js';

export interface RunningSandbox {
  url: string;
  key: string;
  secret: string;
  demoUser: DemoUser;
  sandbox: Sandbox;
  /** Where phones reach the SIP-over-WebSocket gateway; unset with `sip: false`. */
  sip?: SipGatewayInfo;
  /** The gateway itself: faults, in-process flows, `resolveOutside`. */
  gateway?: RunningGateway;
  close(): Promise<void>;
}

/** The sandbox cannot start as asked; the message says why in one line. */
export class SandboxStartError extends Error {
  override name = 'SandboxStartError';
}

export interface StartOptions extends SandboxOptions {
  /**
   * The SIP gateway: on by default on a free port (port 0) beside the sandbox, so tests starting many
   * sandboxes never fight over one port; the CLI asks for DEFAULT_SIP_PORT (`ZD_SANDBOX_SIP_PORT`).
   * `false`: no gateway.
   */
  sip?: (Omit<GatewayOptions, 'host'> & { host?: string }) | false;
}

export async function startSandbox(options: StartOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8787;
  const sandbox = createSandbox(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: sandbox.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new SandboxStartError(`port ${port} on ${host} is in use (another zd-sandbox? set PORT)`)
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
            ? new SandboxStartError(`cannot listen on ${host} (set HOST to an address of this machine)`)
            : error,
      ),
    );
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  let gateway: RunningGateway | undefined;
  if (options.sip !== false) {
    const sipPort = options.sip?.port ?? 0;
    try {
      gateway = await startGateway(sandbox, { host, ...options.sip, port: sipPort });
    } catch (error) {
      (server as Server).closeAllConnections();
      server.close();
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
        throw new SandboxStartError(`SIP port ${sipPort} on ${host} is in use (set ZD_SANDBOX_SIP_PORT)`);
      throw error;
    }
    sandbox.sip.faults = gateway.faults;
    const g = gateway;
    sandbox.sip.reset = () => void g.restart();
  }
  return {
    url,
    key: sandbox.key,
    secret: sandbox.secret,
    demoUser: sandbox.demoUser,
    sandbox,
    sip: gateway?.info,
    gateway,
    async close() {
      await gateway?.close();
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sandbox.store.save();
    },
  };
}
