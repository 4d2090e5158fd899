import { defineConfig } from 'vitest/config';

// The partner's deployment driven from outside in Chromium (packages/elements/e2e): needs the built
// bundles, so `npm run test:elements` runs it after building them.
export default defineConfig({
  test: {
    include: ['packages/elements/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
