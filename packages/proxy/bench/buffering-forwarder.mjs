// The baseline of the upload benchmark: a forwarder that reads the whole upload before passing it on, as a
// proxy built on `await request.formData()` or a body parser does. Same HTTP client as the proxy.
import { createServer } from 'node:http';
import { fetch } from 'undici';

const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const response = await fetch(upstream + req.url, {
    method: req.method,
    headers: { 'content-type': req.headers['content-type'] ?? '', authorization: 'k:s' },
    body: body.length > 0 ? body : undefined,
  });
  const text = await response.text();
  res.writeHead(response.status, { 'content-type': 'application/json' });
  res.end(text);
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
