import type { IceServer } from '@zadarma-elements/api';

/**
 * Where and how a SIP phone reaches the sandbox's gateway: what the proxy hands out as the softphone's
 * configuration in sandbox mode (`ZD_SANDBOX=1`), and what Kamailio's harness mirrors.
 */
export interface SipGatewayInfo {
  /** SIP over WebSocket (RFC 7118, subprotocol `sip`), e.g. `ws://127.0.0.1:8789`. */
  wsUrl: string;
  /** The domain of every extension's address of record: `sip:<pbx_id>-<ext>@<domain>`. */
  domain: string;
  /** What a browser needs to reach the media party; none on loopback. */
  iceServers: IceServer[];
}

export type { IceServer };

/** A domain that cannot exist (RFC 6761 `.test`), so nothing mistakes it for Zadarma's. */
export const SANDBOX_SIP_DOMAIN = 'pbx.sandbox.test';
/** The gateway's port beside the sandbox's 8787 and the proxy's 8788 (`ZD_SANDBOX_SIP_PORT`). */
export const DEFAULT_SIP_PORT = 8789;
