#!/usr/bin/env node
// `npm start`: the whole kit on loopback with no credentials to enter — the embedded sandbox as
// Zadarma, the signing proxy in front of it (ZD_SANDBOX=1), and the demo page (a partner's page,
// served by Vite from demo/). Prints one URL to open. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const host = process.env.HOST || '127.0.0.1';
const proxyPort = Number(process.env.PORT || 8788);
const demoPort = Number(process.env.DEMO_PORT || 5173);
const demoOrigins = [`http://${host}:${demoPort}`, `http://localhost:${demoPort}`];

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

const { startProxy, configFromEnv, ConfigError } = await import('../packages/proxy/dist/index.js').catch(() =>
  fail('the packages are not built; run `npm run build` (npm start does it for you)'),
);

let proxy;
try {
  proxy = await startProxy(
    configFromEnv({
      ...process.env,
      ZD_SANDBOX: '1',
      HOST: host,
      PORT: String(proxyPort),
      // A fresh secret each start: demo sessions live as long as this process.
      ZD_SESSION_SECRET: process.env.ZD_SESSION_SECRET || randomBytes(48).toString('base64'),
      ZD_ALLOWED_ORIGINS: [process.env.ZD_ALLOWED_ORIGINS, ...demoOrigins].filter(Boolean).join(','),
      ZD_LOG_LEVEL: process.env.ZD_LOG_LEVEL || 'warn',
    }),
  );
} catch (error) {
  fail(
    error instanceof ConfigError ? error.message : `could not start the proxy: ${error?.message ?? error}`,
  );
}

let demoUrl;
let vite;
if (existsSync(path.join(root, 'demo/index.html'))) {
  const { createServer } = await import('vite');
  // The demo page reads the proxy's URL from this (Vite replaces %VITE_ZD_PROXY% in HTML).
  process.env.VITE_ZD_PROXY = proxy.url;
  try {
    vite = await createServer({
      configFile: existsSync(path.join(root, 'vite.config.ts')) ? path.join(root, 'vite.config.ts') : false,
      root: path.join(root, 'demo'),
      server: { host, port: demoPort, strictPort: true },
      logLevel: 'warn',
    });
    await vite.listen();
  } catch (error) {
    await proxy.close();
    fail(
      error?.message?.includes('in use')
        ? `port ${demoPort} is in use (another npm start? set DEMO_PORT)`
        : `could not start the demo page: ${error?.message ?? error}`,
    );
  }
  demoUrl = `http://${host}:${demoPort}/`;
}

console.log(`
  Zadarma Elements — running on the embedded sandbox (no real Zadarma account is used)

  ${demoUrl ? `Open the demo page:  ${demoUrl}` : '(no demo page yet: demo/index.html is missing)'}

  proxy    ${proxy.url}   (health: ${proxy.url}/healthz, demo sessions: POST ${proxy.url}/dev/session)
  sandbox  ${proxy.sandbox.url}   (demo user ${proxy.sandbox.demoUser.id}, extension ${proxy.sandbox.demoUser.sip})
  SIP      ${proxy.softphone ? `${proxy.softphone.wsUrl}   (domain ${proxy.softphone.domain}; call +493023125001 for an echo)` : 'off'}

  Ctrl-C to stop.
`);

const stop = async () => {
  await vite?.close();
  await proxy.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
