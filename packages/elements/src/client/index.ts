export * from './errors.js';
export * from './query.js';
export * from './token-source.js';
export * from './zd-client.js';
export { newIdempotencyKey } from './idempotency.js';
export * from './numbers.js';
export * from './documents.js';
