import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // E2E tests spawn the real CLI; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
