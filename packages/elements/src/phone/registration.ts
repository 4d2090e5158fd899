/**
 * The registration's life, from JsSIP's UA events to `RegistrationState`:
 * - a refused password (401/407 after the digest, or 403) → the credentials are fetched once more (the
 *   password may have changed since) and REGISTER is sent again; refused again → 'failed' with a clear
 *   error (`kind: 'unauthorized'`, `code: 'sip_auth_failed'`);
 * - the WebSocket lost after a registration → 'reconnecting'; JsSIP reconnects with backoff
 *   (connection_recovery_min/max_interval) and re-REGISTERs; once registered again, `reconnected()`;
 * - the server unreachable at the start → 'failed' (`kind: 'network'`); so is no registration within
 *   START_TIMEOUT_MS, and a page whose Content-Security-Policy blocks the SIP address (`kind: 'config'`,
 *   naming the fix) — JsSIP itself would only retry for ever.
 */
import type { UA } from 'jssip/lib/UA.js';
import { ZdApiError } from '../client/errors.js';
import type { SoftphoneCredentials } from './credentials.js';
import type { RegistrationState } from './types.js';

export interface RegistrationHooks {
  state(state: RegistrationState, error?: ZdApiError): void;
  /** Fresh credentials from the proxy. */
  refetch(): Promise<SoftphoneCredentials>;
  /** Registered again after the connection was lost: the calls need a re-INVITE. */
  reconnected(): void;
}

const AUTH_FAILURES = new Set([401, 403, 407]);
/** The first registration must succeed within this, or the start fails (JsSIP retries for ever). */
const START_TIMEOUT_MS = 20_000;
/** Retries of a refused (not unauthorised) REGISTER after a registration once worked: 1 s, 2 s … 30 s. */
const retryDelay = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);

interface FailedEvent {
  response?: { status_code?: number; reason_phrase?: string } | null;
  cause?: string;
}

/** Resolves on the first registration, rejects when it fails for good. */
export function superviseRegistration(
  ua: UA,
  sip: string,
  wsUrl: string,
  hooks: RegistrationHooks,
): Promise<void> {
  let registeredOnce = false;
  let lost = false;
  let refetched = false;
  let retries = 0;
  let settled = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  return new Promise<void>((resolve, reject) => {
    const settle = () => {
      settled = true;
      clearTimeout(startTimer);
      stopCspWatch();
    };
    const fail = (error: ZdApiError) => {
      clearTimeout(retryTimer);
      hooks.state('failed', error);
      ua.stop();
      if (!settled) {
        settle();
        reject(error);
      }
    };
    const startTimer = setTimeout(
      () =>
        fail(
          new ZdApiError({
            kind: 'network',
            message: `the SIP server did not answer within ${START_TIMEOUT_MS / 1000} s (${wsUrl})`,
          }),
        ),
      START_TIMEOUT_MS,
    );
    const stopCspWatch = watchCsp(wsUrl, () =>
      fail(
        new ZdApiError({
          kind: 'config',
          code: 'csp_blocks_sip',
          message: `the page's Content-Security-Policy blocks the SIP address: add ${new URL(wsUrl).origin} to connect-src`,
        }),
      ),
    );

    ua.on('connecting', () => hooks.state(registeredOnce ? 'reconnecting' : 'connecting'));
    ua.on('disconnected', ({ error }) => {
      if (!ua.isConnected() && registeredOnce) {
        lost = true;
        hooks.state('reconnecting');
      } else if (!registeredOnce && error && !settled) {
        fail(new ZdApiError({ kind: 'network', message: `the SIP server is unreachable (${wsUrl})` }));
      }
    });
    ua.on('registered', () => {
      const again = lost;
      registeredOnce = true;
      lost = false;
      refetched = false;
      retries = 0;
      hooks.state('registered');
      if (again) hooks.reconnected();
      if (!settled) {
        settle();
        resolve();
      }
    });
    ua.on('registrationFailed', (event: FailedEvent) => {
      const status = event.response?.status_code;
      const reason = event.response?.reason_phrase ?? event.cause ?? 'no answer';
      const unauthorised =
        (status !== undefined && AUTH_FAILURES.has(status)) || event.cause === 'Authentication Error';
      if (unauthorised && !refetched) {
        refetched = true;
        hooks.refetch().then(
          (credentials) => {
            ua.set('authorization_user', credentials.authorizationUser);
            ua.set('password', credentials.password);
            ua.register();
          },
          (error: unknown) =>
            fail(
              error instanceof ZdApiError
                ? error
                : new ZdApiError({ kind: 'network', message: String(error) }),
            ),
        );
        return;
      }
      // "(403 Wrong password)", or "(no answer)" when the SIP server said nothing.
      const said = [status, reason].filter((part) => part !== undefined).join(' ');
      if (unauthorised || !registeredOnce) {
        const what = unauthorised ? 'credentials' : 'registration';
        fail(
          new ZdApiError({
            kind: unauthorised ? 'unauthorized' : 'upstream',
            code: unauthorised ? 'sip_auth_failed' : 'sip_register_failed',
            status: status ?? 0,
            message: `the SIP server refused the ${what} of extension ${sip} (${said})`,
          }),
        );
        return;
      }
      hooks.state('reconnecting');
      retryTimer = setTimeout(() => ua.register(), retryDelay(retries++));
    });
  });
}

/** Calls `blocked` when the page's CSP refuses a connection to the SIP address; returns the unsubscribe. */
function watchCsp(wsUrl: string, blocked: () => void): () => void {
  if (typeof document === 'undefined') return () => undefined;
  const origin = new URL(wsUrl).origin;
  const listener = (event: SecurityPolicyViolationEvent) => {
    if (event.effectiveDirective !== 'connect-src') return;
    let target: string;
    try {
      target = new URL(event.blockedURI).origin;
    } catch {
      return;
    }
    if (target === origin) blocked();
  };
  document.addEventListener('securitypolicyviolation', listener);
  return () => document.removeEventListener('securitypolicyviolation', listener);
}
