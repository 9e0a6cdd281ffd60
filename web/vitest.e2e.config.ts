import { defineConfig } from 'vitest/config';

/** Browser tests against a running local stack: `npm run test:e2e` (see e2e/README.md). */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    // Each step builds on the one before: stop at the first failure.
    bail: 1,
    testTimeout: 150_000,
    hookTimeout: 90_000,
  },
});
