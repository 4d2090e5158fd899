#!/usr/bin/env node
/** `zd-proxy`: serve (default), mint a session token, or print help. */
import { parseArgs } from 'node:util';
import { ConfigError, configFromEnv } from './config.js';
import { ONBOARD_HELP, onboardCommand } from './onboarding/command.js';
import { startProxy } from './server.js';
import { likelyField } from './session/request.js';
import { SessionRequestError, mintSessionToken, normalizeSessionRequest } from './session/tokens.js';
import { SCOPES } from './session/scopes.js';

const HELP = `zd-proxy — the signing proxy of Zadarma Elements

Usage:
  zd-proxy [serve]                       run the proxy (configured by the environment)
  zd-proxy token --user <id> --scopes a,b [--sip 100[,101]] [--ttl <seconds>]
                                         print a session token (needs ZD_SESSION_SECRET);
                                         --ttl is its lifetime in seconds: default 900, at most 86400
${ONBOARD_HELP}
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
  ZD_SANDBOX_SIP_PORT           with ZD_SANDBOX=1: the sandbox's SIP gateway port (default: a free one)
  ZD_LOG_LEVEL                  debug | info | warn | error (default info)
  ZD_BUDGET_PER_MINUTE          upstream requests a minute for the key (default 100, Zadarma's limit)
  ZD_BUDGET_PER_SESSION         one session's share of it (default 30)
  ZD_HEADERS_TIMEOUT_SECONDS    a request's line and headers must arrive within this (default 10)
  ZD_BODY_TIMEOUT_SECONDS       a request's body, first byte to last, on every route (default 30)
  ZD_REQUEST_TIMEOUT_SECONDS    the whole request and its answer, on every route (default 60)
  ZD_EVENTS_PER_SESSION         open event streams per session (default 3) and per user
  ZD_EVENTS_PER_USER              (default 10), on each instance
  ZD_EVENTS_QUEUE_KIB           events waiting for a slow reader before its stream is dropped (256)
  ZD_EVENTS_KEEPALIVE_SECONDS   a comment on an idle event stream this often (default 15)
  ZD_WEBHOOK_MAX_AGE_SECONDS    notifications older than this by their signed time are refused (14400)
  ZD_WEBHOOK_TIMEZONE           the time zone of call_start, the PBX's (default UTC)
  ZD_VERIFY_CHANNELS            phone verification channels a page may choose: sms, call_code (sms)
  ZD_VERIFY_CALL_FROM           the number that calls for call_code (needed with it)
  ZD_VERIFY_SMS_TEMPLATE_ID     Zadarma's SMS template for the code, and its sender
  ZD_VERIFY_SMS_SENDER            (optional: Zadarma's default text and sender otherwise)
  ZD_VERIFY_PER_HOUR            verifications one user may start in an hour (default 5)
  ZD_SIP_WS_URL, ZD_SIP_DOMAIN  the softphone's SIP-over-WebSocket address (wss://) and SIP domain,
                                  as Zadarma gives them (none is built in; the sandbox's own with
                                  ZD_SANDBOX=1); without them /softphone/credentials answers 503
  ZD_ICE_SERVERS                JSON list of RTCIceServer, e.g. [{"urls":"stun:stun.example.com"}]

Scopes: ${SCOPES.join(', ')}
`;

function fail(message: string): never {
  process.stderr.write(`zd-proxy: ${message.split('\n').join('\nzd-proxy: ')}\n`);
  process.exit(1);
}

const TOKEN_FLAGS = { userId: '--user', scopes: '--scopes', sip: '--sip', ttlSeconds: '--ttl' } as const;

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const TOKEN_OPTIONS = {
  user: { type: 'string' },
  scopes: { type: 'string' },
  sip: { type: 'string' },
  ttl: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseTokenArgs(args: string[]) {
  try {
    return parseArgs({ args, options: TOKEN_OPTIONS }).values;
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    const unknown = /^Unknown option '-*([^'=]+)/.exec(error.message)?.[1];
    const meant = unknown && likelyField(unknown, Object.keys(TOKEN_OPTIONS));
    const flags = Object.values(TOKEN_FLAGS).join(', ');
    fail(`${error.message}${meant ? ` (did you mean --${meant}?)` : ''}; token takes ${flags} (try --help)`);
  }
}

const isParseArgsError = (error: unknown): error is TypeError =>
  error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');

async function token(args: string[]) {
  const values = parseTokenArgs(args);
  if (values.help) return void process.stdout.write(HELP);
  const secret = process.env.ZD_SESSION_SECRET ?? '';
  if (!secret) fail('ZD_SESSION_SECRET is required to mint a token');
  if (!values.user) fail('--user <id> is required');
  if (!values.scopes) fail(`--scopes is required (some of: ${SCOPES.join(', ')})`);
  const ttl = values.ttl;
  // Digits become a number; anything else stays text, so that the check below names --ttl.
  const request = normalizeSessionRequest(
    {
      userId: values.user,
      scopes: list(values.scopes),
      sip: list(values.sip),
      ttlSeconds: ttl === undefined ? undefined : /^\d+$/.test(ttl) ? Number(ttl) : ttl,
    },
    TOKEN_FLAGS,
  );
  const { token } = await mintSessionToken(secret, request);
  process.stdout.write(`${token}\n`);
}

async function serveCommand(args: string[]) {
  if (args.length)
    fail(`serve takes no arguments (${args[0]}); it is configured by the environment (try --help)`);
  const running = await startProxy(configFromEnv());
  process.stdout.write(`zd-proxy listening on ${running.url}\n`);
  if (running.sandbox) {
    process.stdout.write(
      `upstream: embedded sandbox at ${running.sandbox.url} (demo user ${running.sandbox.demoUser.id}); ` +
        `POST ${running.url}/dev/session mints demo sessions, POST ${running.url}/dev/topup {"amount":50} adds sandbox money, ` +
        `POST ${running.url}/dev/call {"from":"+4930123456"} rings the demo PBX\n`,
    );
  }
  if (running.softphone) {
    process.stdout.write(
      `softphone: ${running.softphone.wsUrl} (SIP domain ${running.softphone.domain}, ` +
        `${running.softphone.iceServers.length} ICE servers)\n`,
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
  if (command === 'serve') return serveCommand(rest);
  if (command === 'onboard') {
    const write = (stream: NodeJS.WriteStream) => (text: string) => void stream.write(text);
    process.exitCode = await onboardCommand(rest, process.env, {
      stdout: write(process.stdout),
      stderr: write(process.stderr),
    });
    return;
  }
  fail(`unknown command "${command}" (try --help)`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SessionRequestError) fail(error.message);
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
});
