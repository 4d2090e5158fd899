import { defineConfig } from 'vitest/config';

// Node-side tests (api, proxy, sandbox, the elements' build scripts). Browser tests of the elements run
// under @web/test-runner.
export default defineConfig({
  test: {
    include: ['packages/{api,proxy,sandbox}/**/*.test.ts', 'packages/elements/scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
