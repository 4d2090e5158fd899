/**
 * SIP over WebSocket (RFC 7118): an HTTP server whose upgrades with subprotocol `sip` become flows;
 * any other request or subprotocol is refused. One text frame is one SIP message; a frame over the
 * size limit closes the socket (1009), and a socket sending more than `maxMessagesPerSecond` is told
 * 503 and, at twice that, closed: a flood from one socket costs nobody else anything.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Flow } from './flow.js';
import { MAX_MESSAGE_BYTES } from './message.js';

export interface TransportHandlers {
  opened(flow: Flow): void;
  /** A message from a flow; `flooding` when the flow is over its rate (answer 503, do not process). */
  message(flow: Flow, text: string, flooding: boolean): void;
  closed(flow: Flow): void;
}

export interface TransportOptions {
  host: string;
  port: number;
  maxMessagesPerSecond: number;
}

export const newFlowId = () => randomBytes(12).toString('base64url');

export class WebSocketTransport {
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  private readonly sockets = new Map<WebSocket, Flow>();
  port = 0;

  constructor(
    private readonly options: TransportOptions,
    private readonly handlers: TransportHandlers,
  ) {}

  async listen(port = this.options.port): Promise<number> {
    const server = createServer((_req, res) => {
      res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
      res.end('SIP over WebSocket only (subprotocol sip)\n');
    });
    server.on('upgrade', (req, socket: Duplex, head) => {
      const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((p) => p.trim());
      if (!protocols.includes('sip')) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\nsubprotocol sip required\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this.port;
  }

  /** Ends every WebSocket (a fault, a restart, or closing). */
  dropAll(): void {
    for (const ws of [...this.sockets.keys()]) ws.terminate();
  }

  async close(): Promise<void> {
    this.dropAll();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    let windowStart = Date.now();
    let count = 0;
    const flow: Flow = {
      id: newFlowId(),
      trusted: false,
      send: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      close: () => ws.close(1000),
    };
    this.sockets.set(ws, flow);
    this.handlers.opened(flow);
    // RFC 7118 allows text and binary frames; both carry UTF-8 SIP.
    ws.on('message', (data) => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        count = 0;
      }
      count += 1;
      if (count > 2 * this.options.maxMessagesPerSecond) {
        ws.close(1008, 'too many messages');
        return;
      }
      const bytes = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      this.handlers.message(flow, bytes.toString('utf8'), count > this.options.maxMessagesPerSecond);
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.handlers.closed(flow);
    });
  }
}
