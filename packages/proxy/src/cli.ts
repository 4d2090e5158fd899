#!/usr/bin/env node
/** `zd-proxy`: serve (default), mint a session token, or print help. */
import { parseArgs } from 'node:util';
import { ConfigError, configFromEnv } from './config.js';
import { startProxy } from './server.js';
import { SessionRequestError, mintSessionToken } from './session/tokens.js';
import { SCOPES } from './session/scopes.js';

const HELP = `zd-proxy — the signing proxy of Zadarma Elements

Usage:
  zd-proxy [serve]                       run the proxy (configured by the environment)
  zd-proxy token --user <id> --scopes a,b [--sip 100[,101]] [--ttl 900]
                                         print a session token (needs ZD_SESSION_SECRET)
  zd-proxy --help

Environment:
  ZADARMA_KEY, ZADARMA_SECRET   the partner's Zadarma API key and secret (not with ZD_SANDBOX=1)
  ZADARMA_API_URL               default https://api.zadarma.com
  ZD_SESSION_SECRET             required, at least 32 bytes: signs session tokens
  ZD_ADMIN_TOKEN                enables POST /sessions for the partner backend (Bearer)
  ZD_ALLOWED_ORIGINS            comma list of page origins allowed by CORS
  HOST, PORT                    default 127.0.0.1:8788
  ZD_SANDBOX=1                  start the embedded sandbox and use it as upstream
  ZD_SANDBOX_STATE              with ZD_SANDBOX=1: a JSON file keeping the sandbox's state between runs
  ZD_LOG_LEVEL                  debug | info | warn | error (default info)
  ZD_BUDGET_PER_MINUTE          upstream requests a minute for the key (default 100, Zadarma's limit)
  ZD_BUDGET_PER_SESSION         one session's share of it (default 30)

Scopes: ${SCOPES.join(', ')}
`;

function fail(message: string): never {
  process.stderr.write(`zd-proxy: ${message.split('\n').join('\nzd-proxy: ')}\n`);
  process.exit(1);
}

async function token(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      scopes: { type: 'string' },
      sip: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const secret = process.env.ZD_SESSION_SECRET ?? '';
  if (!secret) fail('ZD_SESSION_SECRET is required to mint a token');
  if (!values.user) fail('--user <id> is required');
  if (!values.scopes) fail(`--scopes is required (some of: ${SCOPES.join(', ')})`);
  const { token } = await mintSessionToken(secret, {
    userId: values.user,
    scopes: values.scopes.split(',').map((s) => s.trim()),
    sip: values.sip?.split(',').map((s) => s.trim()),
    ttlSeconds: values.ttl === undefined ? undefined : Number(values.ttl),
  });
  process.stdout.write(`${token}\n`);
}

async function serveCommand() {
  const running = await startProxy(configFromEnv());
  process.stdout.write(`zd-proxy listening on ${running.url}\n`);
  if (running.sandbox) {
    process.stdout.write(
      `upstream: embedded sandbox at ${running.sandbox.url} (demo user ${running.sandbox.demoUser.id}); ` +
        `POST ${running.url}/dev/session mints demo sessions\n`,
    );
  }
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]) {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return void process.stdout.write(HELP);
  if (command === 'token') return token(rest);
  if (command === 'serve') return serveCommand();
  fail(`unknown command "${command}" (try --help)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SessionRequestError) fail(error.message);
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    fail(`${error.message} (try --help)`);
  }
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
});
