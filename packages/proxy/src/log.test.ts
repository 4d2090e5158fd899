import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log.js';

describe('redacting logs', () => {
  it('removes sensitive fields, known secrets and bearer tokens at any depth', () => {
    const lines: string[] = [];
    const logger = createLogger({ secrets: ['K3Y', 's3cr3t'], write: (l) => lines.push(l) });
    logger.log('info', 'failed with s3cr3t inside', {
      authorization: 'K3Y:abc',
      nested: { password: 'x', list: ['Bearer eyJhbGciOi.eyJzdWIi.c2ln', 'see K3Y'] },
      sipPassword: 'p',
      path: '/v1/info/balance/',
    });
    const entry = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(entry).toMatchObject({
      msg: 'failed with [redacted] inside',
      authorization: '[redacted]',
      nested: { password: '[redacted]', list: ['Bearer [redacted]', 'see [redacted]'] },
      sipPassword: '[redacted]',
      path: '/v1/info/balance/',
    });
  });

  it('leaves numbers and booleans alone and drops levels below the minimum', () => {
    expect(redact({ a: 1, b: true }, [])).toEqual({ a: 1, b: true });
    const lines: string[] = [];
    createLogger({ secrets: [], level: 'warn', write: (l) => lines.push(l) }).log('info', 'quiet');
    expect(lines).toEqual([]);
  });
});
