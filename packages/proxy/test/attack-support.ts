/**
 * For the tests that attack the proxy over HTTP: the sandbox as its upstream, zd-proxy as a process,
 * signed (and forged) call notifications, event streams read as a page reads them, and raw sockets for
 * the requests no well-behaved client sends.
 */
import { connect, type Socket } from 'node:net';
import { startSandbox, type RunningSandbox } from '@zadarma-elements/sandbox';
import { signWebhook } from '@zadarma-elements/api';
import { ADMIN_TOKEN, SESSION_SECRET, startProxyProcess, type ProxyProcess } from './harness.js';

export interface Rig {
  sandbox: RunningSandbox;
  proxy: ProxyProcess;
  demoUser: number;
  /** A token from POST /sessions. */
  mint(body: Record<string, unknown>): Promise<string>;
  /** The API secret that signs the user's notifications (the sandbox's record of it). */
  secretOf(userId: number): string;
  /** How many requests for an operation reached the sandbox. */
  upstreamCalls(operationId: string): number;
  stop(): Promise<void>;
}

export async function startRig(env: Record<string, string> = {}): Promise<Rig> {
  const sandbox = await startSandbox({ port: 0, verificationDelayMs: null });
  const proxy = await startProxyProcess({
    ZADARMA_KEY: sandbox.key,
    ZADARMA_SECRET: sandbox.secret,
    ZADARMA_API_URL: sandbox.url,
    ZD_SESSION_SECRET: SESSION_SECRET,
    ZD_ADMIN_TOKEN: ADMIN_TOKEN,
    ...env,
  });
  return {
    sandbox,
    proxy,
    demoUser: sandbox.demoUser.id,
    async mint(body) {
      const answer = await fetch(`${proxy.url}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (answer.status !== 201) throw new Error(`POST /sessions: ${answer.status} ${await answer.text()}`);
      return ((await answer.json()) as { token: string }).token;
    },
    secretOf(userId) {
      const user = sandbox.sandbox.state.users.find((u) => u.id === userId);
      if (!user) throw new Error(`no sandbox user ${userId}`);
      return user.secret;
    },
    upstreamCalls: (id) => sandbox.sandbox.counters.byOperation[id] ?? 0,
    async stop() {
      await proxy.stop();
      await sandbox.close();
    },
  };
}

/** Zadarma's `call_start`: `YYYY-MM-DD HH:MM:SS`, here in UTC (the sandbox's and the proxy's default). */
export const zadarmaTime = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

let calls = 0;

/** A call notification as Zadarma sends it, signed with `secret`. */
export function notification(
  event: string,
  secret: string,
  fields: Record<string, string> = {},
): { body: Record<string, string>; signature: string } {
  const body = {
    event,
    call_start: zadarmaTime(),
    pbx_call_id: `in_test_${process.pid}_${String(++calls).padStart(6, '0')}`, // none a prefix of another
    caller_id: `49151${String(1_000_000 + calls).slice(-7)}`,
    called_did: '4930123456',
    ...fields,
  };
  return { body, signature: signWebhook(body, secret) ?? '' };
}

/** A signature of the right shape that nothing signed. */
export const forgedSignature = (n: number) =>
  Buffer.from(n.toString(16).padStart(40, 'f').slice(-40)).toString('base64');

export async function postWebhook(
  proxyUrl: string,
  userId: number | string,
  body: Record<string, string>,
  signature: string,
): Promise<number> {
  const answer = await fetch(`${proxyUrl}/webhooks/zadarma/${userId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', signature },
    body: new URLSearchParams(body).toString(),
  });
  await answer.arrayBuffer();
  return answer.status;
}

/** An event stream read the way a page reads it (fetch, the token in the header). */
export class EventReader {
  text = '';
  ended = false;
  private constructor(private readonly reader: ReadableStreamDefaultReader<string>) {}

  static async open(proxyUrl: string, token: string): Promise<EventReader> {
    const answer = await fetch(`${proxyUrl}/events`, { headers: { authorization: `Bearer ${token}` } });
    if (answer.status !== 200 || !answer.body)
      throw new Error(`GET /events: ${answer.status} ${await answer.text()}`);
    const events = new EventReader(answer.body.pipeThrough(new TextDecoderStream()).getReader());
    await events.until('event: ready');
    return events;
  }

  /** Reads until `text` has arrived, or fails after `timeoutMs`. */
  async until(text: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(text)) {
      if (this.ended) throw new Error(`the stream ended before "${text}"`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`"${text}" did not arrive within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const next = await Promise.race([
        this.reader.read(),
        new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left))),
      ]).finally(() => clearTimeout(timer));
      if (next === 'timeout') continue;
      if (next.done) this.ended = true;
      else this.text += next.value;
    }
  }

  count(text: string): number {
    return this.text.split(text).length - 1;
  }

  async close(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}

/** A raw TCP connection to the proxy, for requests sent slowly or cut off. */
export async function rawConnection(proxyUrl: string): Promise<{
  socket: Socket;
  received: () => string;
  /** Resolves when the proxy has closed the connection, with how long that took; or 'open' at `timeoutMs`. */
  closed: (timeoutMs: number) => Promise<number | 'open'>;
}> {
  const { hostname, port } = new URL(proxyUrl);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const started = Date.now();
  let received = '';
  let closedAt: number | undefined;
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => {});
  const done = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closedAt = Date.now();
      resolve();
    }),
  );
  return {
    socket,
    received: () => received,
    closed: async (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      return closedAt === undefined ? 'open' : closedAt - started;
    },
  };
}

/** Sends `text` a byte at a time, `everyMs` apart, until it is sent or the socket is closed. */
export async function trickle(socket: Socket, text: string, everyMs: number): Promise<void> {
  for (const char of text) {
    if (socket.destroyed || socket.writableEnded) return;
    socket.write(char);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The proxy's log lines that are errors or carry a stack. */
export function troubleInLog(output: string): string[] {
  return output.split('\n').filter((line) => /"level":"error"|\bat .+:\d+:\d+|stack/.test(line));
}

/** The resident memory of a process, in bytes, from /proc (Linux). */
export async function residentBytes(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for ${pid}`);
  return Number(kib) * 1024;
}
