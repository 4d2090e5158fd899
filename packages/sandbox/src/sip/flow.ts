/**
 * A flow (RFC 5626's word): one connection a SIP peer reaches the gateway on, and the only way back
 * to it — a WebSocket client's Contact (`…@xyz.invalid;transport=ws`) is no address (RFC 7118 §5).
 * An in-process user agent (the sandbox's media parties) is a flow too, a trusted one.
 */
export interface Flow {
  readonly id: string;
  /** In-process flows: their requests need no digest, and may reach any PBX's extension. */
  readonly trusted: boolean;
  send(text: string): void;
  close(): void;
}
