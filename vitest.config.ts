import { defineConfig } from 'vitest/config';

// Node-side tests (api, proxy, sandbox, the elements' build scripts and pure modules in
// packages/elements/test/). Browser tests of the elements (packages/elements/src/**/*.test.ts) run under
// @web/test-runner.
export default defineConfig({
  test: {
    include: [
      'packages/{api,proxy,sandbox}/**/*.test.ts',
      'packages/elements/scripts/**/*.test.ts',
      'packages/elements/test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
