// A second baseline: the same bare forwarding inside Hono on @hono/node-server, the proxy's framework.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { fetch } from 'undici';

const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
const app = new Hono();
app.get('/v1/*', async (c) => {
  const response = await fetch(upstream + c.req.url.slice(c.req.url.indexOf('/v1/')), {
    headers: { authorization: 'k:s' },
  });
  return new Response(await response.text(), {
    status: response.status,
    headers: { 'content-type': 'application/json' },
  });
});
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => process.send?.('ready'));
process.on('message', (m) => m === 'cpu' && process.send?.(process.cpuUsage()));
