/** Runs a sandbox over HTTP on Node (`@hono/node-server`). */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandbox, type DemoUser, type Sandbox } from './app.js';
import type { SandboxOptions } from './options.js';
import type { SipGatewayInfo } from './sip/info.js';

export interface RunningSandbox {
  url: string;
  key: string;
  secret: string;
  demoUser: DemoUser;
  sandbox: Sandbox;
  /** The SIP-over-WebSocket gateway (issue 11; filled in by the gateway's branch). */
  sip?: SipGatewayInfo;
  close(): Promise<void>;
}

/** The sandbox cannot start as asked; the message says why in one line. */
export class SandboxStartError extends Error {
  override name = 'SandboxStartError';
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
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
  return {
    url,
    key: sandbox.key,
    secret: sandbox.secret,
    demoUser: sandbox.demoUser,
    sandbox,
    async close() {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      sandbox.store.save();
    },
  };
}
