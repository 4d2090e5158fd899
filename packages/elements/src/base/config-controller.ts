/**
 * Where an element gets its client and language: its own `proxy`/`session-url` attributes, else the
 * nearest `<zd-config>` (via @lit/context), else `configure()`.
 */
import { ContextConsumer, ContextRoot } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ZdClient } from '../client/zd-client.js';
import {
  clientFor,
  globalConfig,
  onGlobalConfig,
  zdConfigContext,
  type ZdConfigValue,
} from '../config/context.js';

export interface ConfigHost extends ReactiveControllerHost, HTMLElement {
  proxy?: string | undefined;
  sessionUrl?: string | undefined;
}

let root: ContextRoot | undefined;

/**
 * Lets an element that is upgraded before its `<zd-config>` (e.g. when bundles load in another order)
 * still receive the configuration once the provider appears.
 */
function ensureContextRoot(): void {
  if (root) return;
  root = new ContextRoot();
  root.attach(document.documentElement);
}

export class ConfigController implements ReactiveController {
  readonly #host: ConfigHost;
  #context: ZdConfigValue | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ConfigHost) {
    this.#host = host;
    ensureContextRoot();
    host.addController(this);
    new ContextConsumer(host, {
      context: zdConfigContext,
      subscribe: true,
      callback: (value) => {
        this.#context = value;
        host.requestUpdate();
      },
    });
  }

  hostConnected(): void {
    this.#unsubscribe = onGlobalConfig(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
  }

  get client(): ZdClient | undefined {
    const { proxy, sessionUrl } = this.#host;
    if (proxy && sessionUrl) return clientFor({ proxy, sessionUrl });
    return this.#context?.client ?? globalConfig().client;
  }

  get lang(): string | undefined {
    return this.#context?.lang ?? globalConfig().lang;
  }
}
