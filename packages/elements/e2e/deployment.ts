/**
 * A partner's deployment on loopback, as a stranger sets it up from the READMEs — four origins, each
 * its own server:
 *
 * - **sandbox**: `zd-sandbox` (the CLI), standing in for Zadarma, with its SIP gateway standing in for
 *   Zadarma's WebRTC address (`sip`);
 * - **proxy**: `zd-proxy` (the CLI) in front of it, with the partner's admin token and the site as the
 *   only allowed origin;
 * - **cdn**: the built bundles (`packages/elements/dist/cdn`, `chunks/` beside them) with the CORS header
 *   module scripts need, nothing else;
 * - **site**: the partner's pages under a strict Content-Security-Policy, and its backend: a login cookie,
 *   and `POST /api/zadarma-session`, which mints the logged-in customer's token through the proxy's
 *   `POST /sessions`, as the README's session contract says;
 * - **backend** (optional use): the same session endpoint on an origin of its own, for pages that name
 *   it with `session-credentials="include"` (cookies cross-origin, CORS with credentials) or that send
 *   the partner's own bearer token (`sessionHeaders`).
 *
 * The pages are given by the test (README snippets); scripts are served as files, never inline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../../scripts/free-port.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cdnDir = path.join(root, 'packages/elements/dist/cdn');
const host = '127.0.0.1';

export interface DeploymentOptions {
  /** Deploy the bundles without their `chunks/` folder (a partner who copied only the bundle files). */
  withoutChunks?: boolean;
  /** The Zadarma sub-user the logged-in customer is (default: the sandbox's demo user). */
  userId?: number;
  scopes?: string[];
  /** A partner who forgot the SIP address in the CSP's connect-src. */
  cspWithoutSip?: boolean;
}

export interface Deployment {
  sandbox: string;
  /** The SIP-over-WebSocket address the softphone connects to (the sandbox's gateway). */
  sip: string;
  proxy: string;
  cdn: string;
  site: string;
  backend: string;
  /** The partner's own bearer token that the backend origin accepts instead of its cookie. */
  partnerBearer: string;
  /** Puts a page (HTML) or a script (JS) on the site under `pathname`. */
  page(pathname: string, body: string): void;
  /** Every request the CDN, site and backend saw (method, origin-less URL, headers). */
  requests: SeenRequest[];
  /** The sandbox's own controls (`/sandbox/...`). */
  sandboxControl(pathname: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export interface SeenRequest {
  server: 'cdn' | 'site' | 'backend';
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

/** Starts a CLI of the kit as a partner would (`node <bin>`), resolves once it prints its URL. */
function startCli(bin: string, args: string[], env: Record<string, string>, ready: RegExp) {
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, bin), ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${bin} exited with ${code}: ${output}`)));
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, host, resolve));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer) {
  res.writeHead(status, headers);
  res.end(body);
}

export async function startDeployment(options: DeploymentOptions = {}): Promise<Deployment> {
  const [sandboxPort, proxyPort, cdnPort, sitePort, backendPort, sipPort] = (await Promise.all(
    Array.from({ length: 6 }, () => freePort(host)),
  )) as [number, number, number, number, number, number];
  const url = (port: number) => `http://${host}:${port}`;
  const origins = {
    sandbox: url(sandboxPort),
    sip: `ws://${host}:${sipPort}`,
    proxy: url(proxyPort),
    cdn: url(cdnPort),
    site: url(sitePort),
    backend: url(backendPort),
  };
  const key = randomBytes(10).toString('hex');
  const secret = randomBytes(20).toString('hex');
  const adminToken = randomBytes(24).toString('base64url');
  const partnerBearer = randomBytes(16).toString('base64url');
  const loginCookie = `partner_login=${randomBytes(12).toString('hex')}`;
  const children: ChildProcess[] = [];
  const servers: Server[] = [];
  const requests: SeenRequest[] = [];
  const pages = new Map<string, string>();

  children.push(
    await startCli(
      'packages/sandbox/bin/zd-sandbox.js',
      [],
      {
        ZADARMA_KEY: key,
        ZADARMA_SECRET: secret,
        PORT: String(sandboxPort),
        // Deployments of one run live side by side: each gateway on a free port of its own.
        ZD_SANDBOX_SIP_PORT: String(sipPort),
        ZD_SANDBOX_VERIFY_DELAY_MS: 'manual',
      },
      /127\.0\.0\.1:\d+/,
    ),
  );
  children.push(
    await startCli(
      'packages/proxy/bin/zd-proxy.js',
      [],
      {
        ZADARMA_KEY: key,
        ZADARMA_SECRET: secret,
        ZADARMA_API_URL: origins.sandbox,
        PORT: String(proxyPort),
        ZD_SESSION_SECRET: randomBytes(48).toString('base64'),
        ZD_ADMIN_TOKEN: adminToken,
        ZD_ALLOWED_ORIGINS: origins.site,
        ZD_LOG_LEVEL: 'warn',
        // What the partner copies from Zadarma's WebRTC settings; here the sandbox's gateway.
        ZD_SIP_WS_URL: origins.sip,
        ZD_SIP_DOMAIN: 'pbx.sandbox.test',
      },
      /listening on/,
    ),
  );

  const userId = options.userId ?? 200001;
  const scopes = options.scopes ?? ['numbers:read', 'numbers:order', 'documents', 'softphone'];
  /** The partner backend's side of the session contract: who is logged in decides the sub-user. */
  async function mintForCustomer(res: ServerResponse, extraHeaders: Record<string, string>) {
    const answer = await fetch(`${origins.proxy}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      // The customer's own PBX extension, for the softphone.
      body: JSON.stringify({ userId, scopes, sip: ['100'], ttlSeconds: 600 }),
    });
    send(res, answer.status, { 'content-type': 'application/json', ...extraHeaders }, await answer.text());
  }

  const csp = [
    "default-src 'none'",
    `script-src ${origins.cdn} 'self'`,
    `connect-src ${origins.proxy} ${origins.backend} ${options.cspWithoutSip ? '' : origins.sip} 'self'`,
    "img-src 'self' blob:",
    "style-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const site = createServer((req, res) => {
    void (async () => {
      requests.push({ server: 'site', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const pathname = new URL(req.url ?? '/', origins.site).pathname;
      if (pathname === '/favicon.ico') return send(res, 204, {}, '');
      if (pathname === '/login') {
        const cookie = `${loginCookie}; Path=/; HttpOnly; SameSite=Lax`;
        return send(res, 200, { 'set-cookie': cookie, 'content-type': 'text/html' }, '<p>Logged in</p>');
      }
      if (pathname === '/api/zadarma-session' && req.method === 'POST') {
        await readBody(req);
        if (!req.headers.cookie?.includes(loginCookie)) {
          return send(res, 401, { 'content-type': 'application/json' }, '{"error":"not logged in"}');
        }
        return mintForCustomer(res, { 'cache-control': 'no-store' });
      }
      const body = pages.get(pathname);
      if (body === undefined) return send(res, 404, { 'content-type': 'text/plain' }, 'not found');
      const type = pathname.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
      return send(res, 200, { 'content-type': type, 'content-security-policy': csp }, body);
    })();
  });

  // A session endpoint on another origin: the customer is known by the site's cookie (sent with
  // `credentials: include`, allowed by CORS with credentials) or by the partner's own bearer token.
  const backend = createServer((req, res) => {
    void (async () => {
      requests.push({
        server: 'backend',
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
      });
      const cors: Record<string, string> =
        req.headers.origin === origins.site
          ? {
              'access-control-allow-origin': origins.site,
              'access-control-allow-credentials': 'true',
              'access-control-allow-headers': 'authorization',
              vary: 'Origin',
            }
          : {};
      if (req.method === 'OPTIONS') return send(res, 204, cors, '');
      if (new URL(req.url ?? '/', origins.backend).pathname === '/session' && req.method === 'POST') {
        await readBody(req);
        const known =
          req.headers.cookie?.includes(loginCookie) ||
          req.headers.authorization === `Bearer ${partnerBearer}`;
        if (!known) return send(res, 401, { 'content-type': 'application/json', ...cors }, '{}');
        return mintForCustomer(res, { 'cache-control': 'no-store', ...cors });
      }
      return send(res, 404, cors, '');
    })();
  });
  // The backend shares the site's login cookie: same host, other port (cookies ignore ports).

  const cdn = createServer((req, res) => {
    void (async () => {
      requests.push({ server: 'cdn', method: req.method ?? '', url: req.url ?? '', headers: req.headers });
      const pathname = new URL(req.url ?? '/', origins.cdn).pathname;
      const file = path.join(cdnDir, path.normalize(pathname.replace(/^\/zadarma-elements\//, '/')));
      const hidden = options.withoutChunks && file.startsWith(path.join(cdnDir, 'chunks'));
      if (!file.startsWith(cdnDir + path.sep) || hidden) return send(res, 404, {}, 'not found');
      try {
        const body = await readFile(file);
        send(
          res,
          200,
          // What a CDN must send for module scripts loaded by another origin's page.
          { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' },
          body,
        );
      } catch {
        send(res, 404, {}, 'not found');
      }
    })();
  });

  servers.push(site, backend, cdn);
  await Promise.all([listen(site, sitePort), listen(backend, backendPort), listen(cdn, cdnPort)]);

  return {
    ...origins,
    partnerBearer,
    requests,
    page: (pathname, body) => void pages.set(pathname, body),
    async sandboxControl(pathname, body) {
      const answer = await fetch(`${origins.sandbox}${pathname}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return answer.json();
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
      for (const child of children) child.kill();
    },
  };
}
