#!/usr/bin/env node
/**
 * `zd-sandbox`: runs the Zadarma API simulator on loopback and prints how to reach it.
 * Env: ZADARMA_KEY / ZADARMA_SECRET (generated when absent), HOST, PORT, ZD_SANDBOX_STATE,
 * ZD_SANDBOX_FAULTS (JSON rule or array), ZD_SANDBOX_VERIFY_DELAY_MS, ZD_SANDBOX_SIP_PORT, ZD_SANDBOX_WAV.
 */
import { accessSync, constants } from 'node:fs';
import { FaultInputError, parseFaultRule, type FaultRuleInput } from './faults.js';
import { SandboxStartError, startSandbox } from './server.js';
import { DEFAULT_SIP_PORT } from './sip/info.js';
import { StateFileError } from './state/store.js';

const HELP = `zd-sandbox — a stateful simulator of the Zadarma API for tests and demos

Usage: zd-sandbox [--help]

Environment:
  ZADARMA_KEY, ZADARMA_SECRET   the reseller's API key and secret (generated and printed when absent)
  HOST                          address to listen on (default 127.0.0.1)
  PORT                          port (default 8787; 0 picks a free one)
  ZD_SANDBOX_STATE              JSON file to keep the state in between runs (optional)
  ZD_SANDBOX_FAULTS             fault rules from the start, JSON object or array (optional)
  ZD_SANDBOX_VERIFY_DELAY_MS    delay until uploaded documents are verified (default 10000; "manual" = never)
  ZD_SANDBOX_SIP_PORT           the SIP-over-WebSocket gateway's port (default ${DEFAULT_SIP_PORT}; 0 = a free one; off = none)
  ZD_SANDBOX_WAV                the WAV file +493023125003 plays (default: a bundled sample)

Zadarma surface: /v1/... (signed as Zadarma signs). Sandbox-only endpoints: /sandbox/ (see README).`;

class UsageError extends Error {}

function fail(message: string): never {
  console.error(`zd-sandbox: ${message}`);
  process.exit(1);
}

function faultsFromEnv(value: string | undefined): FaultRuleInput[] {
  if (!value) return [];
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    throw new UsageError('ZD_SANDBOX_FAULTS is not valid JSON');
  }
  return (Array.isArray(data) ? data : [data]).map(parseFaultRule);
}

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return 8787;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`PORT must be 0–65535, not "${value}"`);
  return port;
}

function sipFromEnv(value: string | undefined): { port: number } | false {
  if (value === undefined || value === '') return { port: DEFAULT_SIP_PORT };
  if (value === 'off') return false;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`ZD_SANDBOX_SIP_PORT must be 0–65535 or "off", not "${value}"`);
  return { port };
}

function wavFromEnv(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    accessSync(value, constants.R_OK);
  } catch {
    throw new UsageError(`ZD_SANDBOX_WAV: cannot read ${value}`);
  }
  return value;
}

function delayFromEnv(value: string | undefined): number | null | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'manual') return null;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0)
    throw new UsageError('ZD_SANDBOX_VERIFY_DELAY_MS must be milliseconds or "manual"');
  return ms;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return;
  }
  if (args.length > 0) throw new UsageError(`unknown argument ${args[0] ?? ''} (see --help)`);
  const env = process.env;
  const running = await startSandbox({
    key: env.ZADARMA_KEY || undefined,
    secret: env.ZADARMA_SECRET || undefined,
    host: env.HOST || '127.0.0.1',
    port: portFromEnv(env.PORT),
    stateFile: env.ZD_SANDBOX_STATE || undefined,
    faults: faultsFromEnv(env.ZD_SANDBOX_FAULTS),
    verificationDelayMs: delayFromEnv(env.ZD_SANDBOX_VERIFY_DELAY_MS),
    sip: sipFromEnv(env.ZD_SANDBOX_SIP_PORT),
    wavFile: wavFromEnv(env.ZD_SANDBOX_WAV),
  });
  const generated = !env.ZADARMA_KEY || !env.ZADARMA_SECRET;
  console.log(`zd-sandbox listening on ${running.url}
  key:       ${running.key}${generated && !env.ZADARMA_KEY ? '   (generated)' : ''}
  secret:    ${running.secret}${generated && !env.ZADARMA_SECRET ? '   (generated)' : ''}
  demo user: ${running.demoUser.id}, PBX extension ${running.demoUser.sip}, SIP password ${running.demoUser.sipPassword}
  sandbox:   ${running.url}/sandbox/  (codes, document verdicts, calls, faults, state)
  SIP:       ${running.sip ? `${running.sip.wsUrl}  (SIP over WebSocket, domain ${running.sip.domain}, login <pbx_id>-<ext>)\n  numbers:   +493023125001 echo, …002 tone, …003 WAV, …004 recorder  (GET /sandbox/media/calls)` : 'off'}${env.ZD_SANDBOX_STATE ? `\n  state:     ${env.ZD_SANDBOX_STATE}` : ''}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (
    error instanceof SandboxStartError ||
    error instanceof StateFileError ||
    error instanceof UsageError ||
    error instanceof FaultInputError
  ) {
    fail(error.message);
  }
  fail(`could not start: ${error instanceof Error ? error.message : String(error)}`);
});
