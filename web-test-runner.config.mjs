// Browser tests of packages/elements: @web/test-runner in Debian's Chromium (never a downloaded one),
// against the real proxy and the real sandbox over HTTP. The proxy (with its embedded sandbox) is started
// once for the run from the built packages (`npm run build` first; `npm run test:elements` does it).
//
// The test page learns where they run from `GET /__zd/env`, mints tokens with chosen scopes at
// `POST /__zd/token`, and reaches the sandbox's `/sandbox/...` endpoints (faults, reset, state) through
// `/__zd/sandbox/...` here, since the sandbox sends no CORS headers.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { freePort } from './scripts/free-port.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const host = '127.0.0.1';

const port = Number(process.env.WTR_PORT) || (await freePort());
const origin = `http://${host}:${port}`;
const sessionSecret = randomBytes(48).toString('base64');

/** The running sandbox and proxy. */
let sandbox;
let proxy;

/** Starts the sandbox and the proxy in front of it, once for the whole run. */
function zadarmaPlugin() {
  return {
    name: 'zadarma-proxy-and-sandbox',
    async serverStart() {
      const load = (p) =>
        import(p).catch(() => {
          throw new Error('packages are not built: run `npm run build` first (npm run test:elements does)');
        });
      const { startSandbox } = await load('./packages/sandbox/dist/index.js');
      const { startProxy, configFromEnv } = await load('./packages/proxy/dist/index.js');
      // Documents are verified only when a test says so (POST /sandbox/users/:id/groups/:g/verify).
      sandbox = await startSandbox({ host, port: 0, verificationDelayMs: null });
      const config = configFromEnv({
        ZADARMA_KEY: sandbox.key,
        ZADARMA_SECRET: sandbox.secret,
        ZADARMA_API_URL: sandbox.url,
        HOST: host,
        PORT: '0',
        ZD_SESSION_SECRET: sessionSecret,
        ZD_ALLOWED_ORIGINS: origin,
        // The tests call far more often than one customer would; the budget itself is the proxy's test.
        ZD_BUDGET_PER_MINUTE: '100000',
        ZD_BUDGET_PER_SESSION: '100000',
        ZD_LOG_LEVEL: process.env.ZD_LOG_LEVEL || 'error',
      });
      // What `npm start` has: the page's session-url is the proxy's dev endpoint, standing in for a backend.
      config.proxy.devSession = {
        userId: sandbox.demoUser.id,
        scopes: ['numbers:read', 'numbers:order', 'documents'],
        ttlSeconds: 900,
      };
      proxy = await startProxy(config);
    },
    async serverStop() {
      await proxy?.close();
      await sandbox?.close();
    },
  };
}

/**
 * `executeServerCommand('zd-accessible-names', { role })`: the accessible names Chromium gives screen readers
 * for every node of that role (no DOM API tells them; @web/test-runner-commands' a11ySnapshot leaves out
 * the options of a listbox).
 */
function accessibleNamesPlugin() {
  return {
    name: 'zd-accessible-names',
    async executeCommand({ command, payload, session }) {
      if (command !== 'zd-accessible-names') return undefined;
      const page = session.browser.getPage(session.id);
      const names = [];
      const walk = (node) => {
        if (node.role === payload.role) names.push(node.name ?? '');
        for (const child of node.children ?? []) walk(child);
      };
      walk(await page.accessibility.snapshot({ interestingOnly: false }));
      return names;
    },
  };
}

async function readBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const middleware = [
  async (ctx, next) => {
    if (!ctx.path.startsWith('/__zd/')) return next();
    if (!proxy) {
      ctx.status = 503;
      return;
    }
    if (ctx.path === '/__zd/env') {
      ctx.type = 'json';
      ctx.body = JSON.stringify({
        proxy: proxy.url,
        sessionUrl: `${proxy.url}/dev/session`,
        demoUserId: sandbox.demoUser.id,
        // Only so that a test can assert that no request from the page carries them.
        secrets: [sandbox.key, sandbox.secret, sessionSecret],
      });
      return;
    }
    if (ctx.path === '/__zd/token' && ctx.method === 'POST') {
      const { mintSessionToken } = await import('./packages/proxy/dist/index.js');
      const body = JSON.parse((await readBody(ctx)) || '{}');
      ctx.type = 'json';
      ctx.body = JSON.stringify(
        await mintSessionToken(sessionSecret, {
          userId: body.userId ?? sandbox.demoUser.id,
          scopes: body.scopes ?? ['numbers:read', 'numbers:order', 'documents'],
          ttlSeconds: body.ttlSeconds ?? 900,
        }),
      );
      return;
    }
    if (ctx.path.startsWith('/__zd/dist/')) {
      // The built files exactly as a CDN would serve them (the dev server's plugins would transform them).
      const file = path.join(root, 'packages/elements/dist', ctx.path.slice('/__zd/dist/'.length));
      if (!file.startsWith(path.join(root, 'packages/elements/dist') + path.sep)) return next();
      try {
        ctx.body = await readFile(file);
        ctx.type = file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream';
      } catch {
        ctx.status = 404;
      }
      return;
    }
    if (ctx.path.startsWith('/__zd/sandbox/')) {
      const target = `${sandbox.url}${ctx.path.slice('/__zd'.length)}${ctx.search}`;
      const body = ctx.method === 'GET' ? undefined : await readBody(ctx);
      const answer = await fetch(target, {
        method: ctx.method,
        headers: { 'content-type': 'application/json' },
        ...(body ? { body } : {}),
      });
      ctx.status = answer.status;
      ctx.type = 'json';
      ctx.body = await answer.text();
      return;
    }
    return next();
  },
];

export default {
  rootDir: root,
  hostname: host,
  port,
  files: ['packages/elements/src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  // One sandbox for the run: test files take turns, each resetting it as it needs.
  concurrency: 1,
  concurrentBrowsers: 1,
  // WTR_GREP=<part of a test's title> runs only those tests (mocha's grep; the others count as failed).
  testFramework: {
    config: { timeout: 20000, ...(process.env.WTR_GREP ? { grep: process.env.WTR_GREP } : {}) },
  },
  testsFinishTimeout: Number(process.env.WTR_FINISH_MS) || 300000,
  browserStartTimeout: 60000,
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: path.join(root, 'packages/elements/tsconfig.json'),
    }),
    zadarmaPlugin(),
    accessibleNamesPlugin(),
  ],
  middleware,
  // Calls: fake microphone and camera without a permission prompt, and ICE over loopback (a machine with
  // only loopback otherwise gathers no candidates at all).
  browsers: [
    chromeLauncher({
      launchOptions: {
        ...chromiumLaunchOptions,
        args: [
          ...chromiumLaunchOptions.args,
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          '--allow-loopback-in-peer-connection',
        ],
      },
    }),
  ],
};
