import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A throwaway PostgreSQL server for the store's dual-backend suite, and Debian's Chromium for the browser
    // tests, both installed when missing (see the files).
    globalSetup: ['test/setup/postgres.ts', 'test/setup/chromium.ts'],
  },
});
