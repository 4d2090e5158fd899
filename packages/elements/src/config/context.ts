/** What `<zd-config>` and `configure()` give the elements inside them. */
import { createContext } from '@lit/context';
import { ZdClient } from '../client/zd-client.js';
import type { GetToken, SessionRequestOptions } from '../client/token-source.js';

export interface ZdConfigOptions extends SessionRequestOptions {
  /** The proxy's base URL. */
  proxy?: string;
  /** The partner backend's endpoint that mints session tokens (POST → `{token, expiresAt}`). */
  sessionUrl?: string;
  /** Or a callback that returns a token. */
  getToken?: GetToken;
  /** The elements' language (`de`, `en`, ...). */
  lang?: string;
  /** A client of your own (e.g. with a custom `fetch`); wins over `proxy`/`sessionUrl`/`getToken`. */
  client?: ZdClient;
}

export interface ZdConfigValue {
  client: ZdClient | undefined;
  lang: string | undefined;
}

export const zdConfigContext = createContext<ZdConfigValue | undefined>(Symbol.for('zd-config'));

const clients = new Map<string, ZdClient>();

/**
 * One client per proxy, session URL and credentials mode, shared by every element that names the same,
 * so they share one token and one refresh. A `getToken` callback or session headers get a client of
 * their own.
 */
export function clientFor(options: ZdConfigOptions): ZdClient | undefined {
  if (options.client) return options.client;
  const { proxy, sessionUrl, getToken, sessionCredentials, sessionHeaders } = options;
  if (!proxy || (!sessionUrl && !getToken)) return undefined;
  const settings = { proxy, sessionUrl, getToken, sessionCredentials, sessionHeaders };
  if (getToken || sessionHeaders) return new ZdClient(settings);
  const key = `${proxy}\n${sessionUrl}\n${sessionCredentials ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    client = new ZdClient(settings);
    clients.set(key, client);
  }
  return client;
}

let globalValue: ZdConfigValue = { client: undefined, lang: undefined };
const listeners = new Set<() => void>();

/**
 * Configuration in code, for elements without a surrounding `<zd-config>`:
 * `configure({ proxy: 'https://proxy.example.com', sessionUrl: '/api/zadarma-session', lang: 'de' })`.
 */
export function configure(options: ZdConfigOptions): void {
  globalValue = { client: clientFor(options), lang: options.lang };
  for (const listener of listeners) listener();
}

export function globalConfig(): ZdConfigValue {
  return globalValue;
}

export function onGlobalConfig(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
