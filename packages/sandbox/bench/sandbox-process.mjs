// The sandbox of the gateway bench in a process of its own, so that its memory (and its gateway's, when
// it has one) is measured apart from the bench's thousand clients. Reports where it listens over IPC.
import { startSandbox } from '../dist/index.js';

// Zadarma's 100 requests a minute would measure the budget while seeding a thousand extensions.
const running = await startSandbox({
  port: 0,
  rateLimit: { perMinute: 1_000_000 },
  verificationDelayMs: null,
});
process.send?.({ url: running.url, key: running.key, secret: running.secret, sip: running.sip ?? null });
process.on('disconnect', () => void running.close().then(() => process.exit(0)));
