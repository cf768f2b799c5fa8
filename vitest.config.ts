import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are heavy (~300-800 MB each): keep parallelism to the machine's two cores.
    maxWorkers: 2,
    pool: 'forks',
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
