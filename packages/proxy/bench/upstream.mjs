// The upstream of the benchmark: answers every request at once with a small Zadarma-like JSON body.
import { createServer } from 'node:http';

const body = JSON.stringify({
  status: 'success',
  numbers: Array.from({ length: 20 }, (_, i) => ({
    id: `n${i}`,
    direction_id: 13755,
    number: `44203769${1000 + i}`,
  })),
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1', () => process.send?.('ready'));
process.on('message', (m) => m === 'cpu' && process.send?.(process.cpuUsage()));
