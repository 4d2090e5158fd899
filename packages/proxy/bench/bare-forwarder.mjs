// The baseline: the least a forwarder can do with the same HTTP client as the proxy (fetch), nothing else.
import { createServer } from 'node:http';
import { fetch } from 'undici'; // the proxy's HTTP client too

const [port, upstream] = [Number(process.argv[2]), process.argv[3]];
const server = createServer(async (req, res) => {
  req.resume();
  const response = await fetch(upstream + req.url, { method: req.method, headers: { authorization: 'k:s' } });
  const text = await response.text();
  res.writeHead(response.status, { 'content-type': 'application/json' });
  res.end(text);
});
server.listen(port, '127.0.0.1', () => process.send?.('ready'));
process.on('message', (m) => m === 'cpu' && process.send?.(process.cpuUsage()));
