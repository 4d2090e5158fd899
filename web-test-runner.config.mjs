// Browser tests of packages/elements: @web/test-runner in Debian's Chromium (never a downloaded one),
// against the real proxy and the real sandbox over HTTP. The proxy (with its embedded sandbox) is started
// once for the run from the built packages (`npm run build` first; `npm run test:elements` does it).
//
// The test page learns where they run from `GET /__zd/env`, mints tokens with chosen scopes at
// `POST /__zd/token`, and reaches the sandbox's `/sandbox/...` endpoints (faults, reset, state) through
// `/__zd/sandbox/...` here, since the sandbox sends no CORS headers.
//
// Calls (packages/elements/src/phone): the proxy's softphone settings point at the sandbox's SIP gateway;
// a second proxy (same session secret, same sandbox) points at Kamailio, started here too when it is
// installed. `/__zd/env` names both (`sipServers`); `/__zd/signed` makes a signed Zadarma call (new
// extensions, a changed password) as a partner backend would. Chromium runs with fake media devices,
// its microphone playing a 440 Hz tone. The harness's own TypeScript helpers (test-support/kamailio.ts
// and friends in packages/sandbox) are bundled with esbuild when the run starts: one source for both.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { build } from 'esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumLaunchOptions, fakeMediaArgs } from './scripts/chromium.mjs';
import { freePort } from './scripts/free-port.mjs';
import { sandboxTestSupport } from './scripts/sandbox-test-support.mjs';

const root = path.dirname(fileURLToPath(import.meta.url));
const host = '127.0.0.1';

const port = Number(process.env.WTR_PORT) || (await freePort());
const origin = `http://${host}:${port}`;
const sessionSecret = randomBytes(48).toString('base64');

/** The running sandbox and proxy. */
let sandbox;
let proxy;
/** Kamailio and the proxy whose softphone settings point at it; or why there is none. */
let kamailio;
let kamailioProxy;
let kamailioError;

const support = await sandboxTestSupport();

/** The fake microphone's sound (a tone the far end's getStats() measures). */
const mediaDir = await mkdtemp(path.join(tmpdir(), 'zd-wtr-media-'));
const toneFile = path.join(mediaDir, 'tone.wav');
await writeFile(toneFile, support.toneWav(440, 2));

/** JsSIP is CommonJS without a browser build: served to the page as one ES module bundle. */
let jssipModule;
async function jssipBundle() {
  jssipModule ??= build({
    entryPoints: [path.join(root, 'node_modules/jssip/lib/JsSIP.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  return jssipModule;
}

function jssipPlugin() {
  return {
    name: 'zd-jssip-esm',
    resolveImport({ source }) {
      if (source === 'jssip') return '/__zd/jssip.js';
      return undefined;
    },
    async serve(context) {
      if (context.path === '/__zd/jssip.js') return { body: await jssipBundle(), type: 'js' };
      return undefined;
    },
  };
}

/** The proxies' environment (both serve the same sandbox with the same session secret). */
function proxyEnv() {
  return {
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
  };
}

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
      const config = configFromEnv(proxyEnv());
      // What `npm start` has: the page's session-url is the proxy's dev endpoint, standing in for a backend.
      config.proxy.devSession = {
        userId: sandbox.demoUser.id,
        scopes: ['numbers:read', 'numbers:order', 'documents'],
        ttlSeconds: 900,
      };
      // Softphones register with the sandbox's gateway (started beside it on a free port).
      config.proxy.softphone = { wsUrl: sandbox.sip.wsUrl, domain: sandbox.sip.domain, iceServers: [] };
      proxy = await startProxy(config);
      if (support.kamailioInstalled()) {
        try {
          kamailio = await support.startKamailio({ sandboxUrl: sandbox.url, domain: sandbox.sip.domain });
          const second = configFromEnv(proxyEnv());
          second.proxy.softphone = { wsUrl: kamailio.wsUrl, domain: kamailio.domain, iceServers: [] };
          kamailioProxy = await startProxy(second);
        } catch (error) {
          kamailioError = String(error?.message ?? error);
        }
      } else {
        kamailioError = 'Kamailio is not installed: run scripts/setup-system.sh as root';
      }
    },
    async serverStop() {
      await kamailioProxy?.close();
      await kamailio?.close();
      await proxy?.close();
      await sandbox?.close();
      await rm(mediaDir, { recursive: true, force: true });
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
        // Where softphones register, each with a proxy whose /softphone/credentials name that server.
        sipServers: {
          gateway: { proxy: proxy.url, wsUrl: sandbox.sip.wsUrl, domain: sandbox.sip.domain },
          kamailio: kamailioProxy
            ? { proxy: kamailioProxy.url, wsUrl: kamailio.wsUrl, domain: kamailio.domain }
            : { error: kamailioError },
        },
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
          ...(body.sip ? { sip: body.sip } : {}),
          ttlSeconds: body.ttlSeconds ?? 900,
        }),
      );
      return;
    }
    if (ctx.path === '/__zd/signed' && ctx.method === 'POST') {
      // `{method, path, params}`: a signed Zadarma call as the partner backend makes it (user_id allowed).
      const { method, path: apiPath, params } = JSON.parse((await readBody(ctx)) || '{}');
      ctx.type = 'json';
      try {
        ctx.body = JSON.stringify(await support.signedCall(sandbox, method, apiPath, params ?? {}));
      } catch (error) {
        ctx.status = 400;
        ctx.body = JSON.stringify({ status: 'error', message: String(error?.message ?? error) });
      }
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
    jssipPlugin(),
    zadarmaPlugin(),
    accessibleNamesPlugin(),
  ],
  middleware,
  browsers: [
    chromeLauncher({
      launchOptions: {
        ...chromiumLaunchOptions,
        args: [
          ...chromiumLaunchOptions.args,
          ...fakeMediaArgs,
          '--autoplay-policy=no-user-gesture-required',
          `--use-file-for-fake-audio-capture=${toneFile}`,
        ],
      },
    }),
  ],
};
