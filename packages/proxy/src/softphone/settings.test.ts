/** The softphone's settings: the environment checked at start-up, the sandbox's gateway as a default. */
import { describe, expect, it } from 'vitest';
import { createProxy } from '../app.js';
import { ConfigError, configFromEnv } from '../config.js';
import { createLogger } from '../log.js';
import { startProxy } from '../server.js';
import { resolveSoftphone, type SoftphoneSettings } from './settings.js';

const base = { ZD_SANDBOX: '1', ZD_SESSION_SECRET: 's'.repeat(40) };
const SESSION_SECRET = 'x'.repeat(40);

function problems(env: Record<string, string>): string[] {
  try {
    configFromEnv({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
}

describe('ZD_SIP_WS_URL, ZD_SIP_DOMAIN, ZD_ICE_SERVERS', () => {
  it('takes them as given', () => {
    const { softphone } = configFromEnv({
      ...base,
      ZD_SIP_WS_URL: 'wss://sip.partner-given.example:443/ws',
      ZD_SIP_DOMAIN: 'sip.partner-given.example',
      ZD_ICE_SERVERS:
        '[{"urls":"stun:stun.example.com:3478"},{"urls":["turns:turn.example.com:443"],"username":"u","credential":"c"}]',
    });
    expect(softphone).toEqual({
      wsUrl: 'wss://sip.partner-given.example:443/ws',
      domain: 'sip.partner-given.example',
      iceServers: [
        { urls: 'stun:stun.example.com:3478' },
        { urls: ['turns:turn.example.com:443'], username: 'u', credential: 'c' },
      ],
    });
  });

  it('leaves them out when unset (the proxy then says it is not configured)', () => {
    expect(configFromEnv(base).softphone).toEqual({});
  });

  it.each([
    [{ ZD_SIP_WS_URL: 'sip.example.com' }, /^ZD_SIP_WS_URL is not a URL \(take the address from Zadarma\)$/],
    [{ ZD_SIP_WS_URL: 'https://sip.example.com/ws' }, /^ZD_SIP_WS_URL must be a ws:\/\/ or wss:\/\/ URL/],
    [{ ZD_SIP_WS_URL: 'wss://user:pw@sip.example.com' }, /^ZD_SIP_WS_URL must not carry credentials/],
    [{ ZD_SIP_DOMAIN: 'sip://sip.example.com' }, /^ZD_SIP_DOMAIN must be a host name/],
    [{ ZD_SIP_DOMAIN: 'sip.example.com:5060' }, /^ZD_SIP_DOMAIN must be a host name/],
    [{ ZD_ICE_SERVERS: 'stun:stun.example.com' }, /^ZD_ICE_SERVERS is not JSON: give a list like/],
    [{ ZD_ICE_SERVERS: '{"urls":"stun:stun.example.com"}' }, /^ZD_ICE_SERVERS: must be array$/],
    [{ ZD_ICE_SERVERS: '[{"url":"stun:stun.example.com"}]' }, /^ZD_ICE_SERVERS: unknown field "url" at \/0/],
    [
      { ZD_ICE_SERVERS: '[{"urls":"http://stun.example.com"}]' },
      /^ZD_ICE_SERVERS: urls at \/0 must be a stun:, stuns:, turn: or turns: URL/,
    ],
    [
      { ZD_ICE_SERVERS: '[{"urls":[]}]' },
      /^ZD_ICE_SERVERS: urls at \/0 must be a stun:, stuns:, turn: or turns: URL/,
    ],
    [{ ZD_ICE_SERVERS: '[{"username":"u"}]' }, /^ZD_ICE_SERVERS: must have required property 'urls' at \/0$/],
    [
      { ZD_ICE_SERVERS: '[{"urls":"turn:t.example.com","credential":7}]' },
      /^ZD_ICE_SERVERS: must be string at \/0\/credential$/,
    ],
  ])('%j stops the start with one line', (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('never quotes an ICE credential in its error', () => {
    const found = problems({ ZD_ICE_SERVERS: '[{"urls":"turn:t","credential":"TopSecret1","extra":1}]' });
    expect(found.join('\n')).not.toContain('TopSecret1');
  });
});

describe('resolving the settings', () => {
  const gateway = { wsUrl: 'ws://127.0.0.1:40000', domain: 'pbx.sandbox.test', iceServers: [] };

  it('takes the sandbox gateway’s, with the environment winning field by field', () => {
    expect(resolveSoftphone({}, gateway)).toEqual({ settings: gateway });
    expect(resolveSoftphone({ wsUrl: 'ws://127.0.0.1:1/' }, gateway).settings).toEqual({
      ...gateway,
      wsUrl: 'ws://127.0.0.1:1/',
    });
  });

  it('warns of ws:// beyond loopback (an https page cannot use it)', () => {
    expect(resolveSoftphone({ wsUrl: 'ws://sip.example.com', domain: 'sip.example.com' })).toMatchObject({
      settings: { wsUrl: 'ws://sip.example.com' },
      warning: expect.stringMatching(/only connect to wss:\/\//) as string,
    });
    expect(resolveSoftphone({}, gateway).warning).toBeUndefined();
  });

  it('is not configured, with a warning, when nothing is set and no gateway runs', () => {
    const resolved = resolveSoftphone({});
    expect(resolved.settings).toBeUndefined();
    expect(resolved.warning).toMatch(/^softphone not configured: set ZD_SIP_WS_URL and ZD_SIP_DOMAIN/);
  });

  it('refuses half a configuration', () => {
    expect(() => resolveSoftphone({ wsUrl: 'wss://sip.example.com' })).toThrow(
      /half configured: ZD_SIP_DOMAIN missing/,
    );
    expect(() => resolveSoftphone({ iceServers: [] })).toThrow(
      /half configured: ZD_SIP_WS_URL and ZD_SIP_DOMAIN missing/,
    );
  });
});

describe('the settings at start-up', () => {
  const zadarma = { key: 'k', secret: 's', apiUrl: 'http://127.0.0.1:9' };

  it('createProxy checks settings given in code', () => {
    const bad = { wsUrl: 'http://x', domain: 'ok.example', iceServers: [] } as SoftphoneSettings;
    expect(() => createProxy({ zadarma, sessionSecret: SESSION_SECRET, softphone: bad })).toThrow(
      ConfigError,
    );
    const good = { wsUrl: 'wss://sip.example.com', domain: 'sip.example.com', iceServers: [] };
    expect(createProxy({ zadarma, sessionSecret: SESSION_SECRET, softphone: good }).softphone).toEqual(good);
  });

  const serve = async (env: Record<string, string>) => {
    const lines: string[] = [];
    const config = configFromEnv({
      ZADARMA_KEY: 'k',
      ZADARMA_SECRET: 's',
      ZD_SESSION_SECRET: SESSION_SECRET,
      PORT: '0',
      ...env,
    });
    const running = await startProxy(config, {
      logger: createLogger({ secrets: [], write: (line) => lines.push(line) }),
    });
    await running.close();
    return { running, lines };
  };

  it('says in one warning line that the softphone is not configured', async () => {
    const { running, lines } = await serve({});
    expect(running.softphone).toBeUndefined();
    const warnings = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(warnings.filter((w) => w.level === 'warn').map((w) => w.msg)).toEqual([
      expect.stringMatching(/^softphone not configured/),
    ]);
  });

  it('shows what it resolved to', async () => {
    const env = { ZD_SIP_WS_URL: 'wss://sip.example.com/ws', ZD_SIP_DOMAIN: 'sip.example.com' };
    const { running, lines } = await serve(env);
    expect(running.softphone).toEqual({
      wsUrl: env.ZD_SIP_WS_URL,
      domain: env.ZD_SIP_DOMAIN,
      iceServers: [],
    });
    expect(lines).toEqual([]);
  });

  it('does not start half configured', async () => {
    await expect(serve({ ZD_SIP_DOMAIN: 'sip.example.com' })).rejects.toThrow(ConfigError);
  });

  it('in sandbox mode, points at the sandbox’s gateway by itself', async () => {
    const { running } = await serve({ ZD_SANDBOX: '1' });
    expect(running.sandbox).toBeDefined();
    expect(running.softphone).toMatchObject({
      wsUrl: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/),
      domain: 'pbx.sandbox.test',
      iceServers: [],
    });
  });

  it('in sandbox mode, ZD_SANDBOX_SIP_PORT must be a port', async () => {
    await expect(serve({ ZD_SANDBOX: '1', ZD_SANDBOX_SIP_PORT: 'eighty' })).rejects.toThrow(
      'ZD_SANDBOX_SIP_PORT must be a port number',
    );
  });
});
