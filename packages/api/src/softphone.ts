/**
 * The softphone's contract between the proxy, which answers `GET /softphone/credentials`, the sandbox,
 * whose gateway fills the proxy's settings in sandbox mode, and `<zd-softphone>`, which registers with it.
 */

/** An RTCIceServer as JSON: `{"urls": "stun:stun.example.com:3478"}`, TURN with `username` and `credential`. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** The answer of `GET /softphone/credentials?sip=`. */
export interface SoftphoneCredentials {
  /** SIP user of the address of record `sip:<login>@<domain>`: `<pbx_id>-<ext>`, e.g. `12345-100`. */
  login: string;
  password: string;
  /** The digest username; the login, for Zadarma's PBX extensions. */
  authorizationUser: string;
  domain: string;
  /** SIP over WebSocket, `ws:` or `wss:`. */
  wsUrl: string;
  iceServers: IceServer[];
  /** The extension's name in the PBX, or its number when it has none. */
  displayName: string;
  /** Simultaneous calls the extension may have. */
  lines: number;
}
