/** A partner's webhook receiver on loopback: answers Zadarma's echo check (or not) and records everything. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  query: Record<string, string>;
  body: Record<string, string>;
  signature: string | undefined;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/zadarma?partner=1` */
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  answerEcho: (echo: string) => string = (echo) => echo,
): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      const signature = req.headers.signature;
      received.push({
        method: req.method ?? '',
        query: Object.fromEntries(url.searchParams),
        body: Object.fromEntries(new URLSearchParams(data)),
        signature: typeof signature === 'string' ? signature : undefined,
      });
      const echo = url.searchParams.get('zd_echo');
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(echo ? answerEcho(echo) : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/zadarma?partner=1`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
