import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on the CI machine: more workers only contend.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
