// A free TCP port on loopback now, for servers the tests and benchmarks start (and for allowing their
// origins before they exist). Shared by web-test-runner.config.mjs, the partner test and the benchmarks.
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
