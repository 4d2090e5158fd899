/** Runs the proxy on Node (`@hono/node-server`), optionally with the embedded sandbox as upstream. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { RunningSandbox } from '@zadarma-elements/sandbox';
import { createProxy, DEFAULT_LIMITS, type Proxy } from './app.js';
import { ConfigError, type ServeConfig } from './config.js';
import { createLogger, type Logger } from './log.js';
import { SCOPES } from './session/scopes.js';
import { DEMO_EXTENSIONS, ensureDemoExtensions, notifyThisProxy } from './dev/demo-customer.js';
import { resolveSoftphone, type SoftphoneSettings } from './softphone/settings.js';

export interface RunningProxy {
  url: string;
  proxy: Proxy;
  /** The embedded sandbox's URL and demo user, in sandbox mode. */
  sandbox?: { url: string; demoUser: { id: number; sip: string } };
  /** Where softphones connect, as resolved (environment over the sandbox's gateway); undefined: not configured. */
  softphone: SoftphoneSettings | undefined;
  close(): Promise<void>;
}

export async function startProxy(
  config: ServeConfig,
  options: { logger?: Logger } = {},
): Promise<RunningProxy> {
  let zadarma = config.proxy.zadarma;
  let devSession = config.proxy.devSession;
  let devTopUp = config.proxy.devTopUp;
  let devCall = config.proxy.devCall;
  let devSmsCodes = config.proxy.devSmsCodes;
  let sandbox: RunningSandbox | undefined;
  if (config.sandbox) {
    // An optional dependency, loaded only in sandbox mode.
    const { startSandbox } = await import('@zadarma-elements/sandbox');
    // Its SIP gateway too, so the softphone works on `npm start` with nothing configured.
    sandbox = await startSandbox({
      port: 0,
      stateFile: config.sandboxStateFile,
      sip: { port: config.sandboxSipPort ?? 0 },
    });
    zadarma = { key: sandbox.key, secret: sandbox.secret, apiUrl: sandbox.url };
    // The demo page has no partner backend: the proxy mints the demo user's sessions itself.
    devSession ??= {
      userId: sandbox.demoUser.id,
      scopes: [...SCOPES],
      sip: DEMO_EXTENSIONS,
      ttlSeconds: 900,
    };
    // The demo customer's 50 € buy little; the demo page adds sandbox money through the proxy.
    const embedded = sandbox;
    devTopUp ??= (userId, body) =>
      embedded.sandbox.fetch(
        new Request(`${embedded.url}/sandbox/users/${userId}/topup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
    devSmsCodes ??= async (userId) => {
      const answer = await embedded.sandbox.fetch(
        new Request(`${embedded.url}/sandbox/codes?userId=${userId}`),
      );
      const { phones } = (await answer.json()) as { phones: { code: string }[] };
      return phones.map((p) => p.code);
    };
    devCall ??= (body) =>
      embedded.sandbox.fetch(
        new Request(`${embedded.url}/sandbox/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      );
  }
  if (!zadarma) throw new ConfigError('no Zadarma key and secret configured');

  const logger = options.logger ?? createLogger({ secrets: [], level: config.logLevel });
  let softphone = config.proxy.softphone;
  if (!softphone) {
    try {
      const resolved = resolveSoftphone(config.softphone ?? {}, sandbox?.sip);
      if (resolved.warning) logger.log('warn', resolved.warning);
      softphone = resolved.settings;
    } catch (error) {
      await sandbox?.close();
      throw error;
    }
  }

  const proxy = createProxy({
    ...config.proxy,
    zadarma,
    devSession,
    devTopUp,
    devCall,
    devSmsCodes,
    softphone,
    logger: options.logger,
    logLevel: config.logLevel,
  });

  // The connection's side of the time policy, before and beside the handler's: headers, then the whole
  // request (headers and body) must arrive in time, checked every second rather than Node's 30.
  const limits = { ...DEFAULT_LIMITS, ...config.proxy.limits };
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: proxy.fetch,
        hostname: config.host,
        port: config.port,
        serverOptions: {
          headersTimeout: limits.headersTimeoutMs,
          requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs,
          connectionsCheckingInterval: 1000,
        },
      },
      () => resolve(s),
    );
    s.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`port ${config.port} on ${config.host} is in use (another zd-proxy? set PORT)`)
          : error,
      ),
    );
  }).catch(async (error: unknown) => {
    await sandbox?.close();
    throw error;
  });

  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (sandbox) {
    // The demo page's two phones call each other, and its customer's calls are told to this proxy.
    const userId = sandbox.demoUser.id;
    try {
      await ensureDemoExtensions(proxy.client, userId);
      await notifyThisProxy(proxy.client, userId, url);
    } catch (error) {
      (server as Server).closeAllConnections();
      server.close();
      await sandbox.close();
      throw error;
    }
  }
  return {
    url,
    proxy,
    sandbox: sandbox && { url: sandbox.url, demoUser: sandbox.demoUser },
    softphone: proxy.softphone,
    async close() {
      (server as Server).closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox?.close();
    },
  };
}
