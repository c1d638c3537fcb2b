import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The browser tests sign in to the built workbench.
    globalSetup: ['test/support/build-workbench.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Database suites open their own PGlite instances; two workers match the machine's two cores.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    pool: 'forks',
  },
});
