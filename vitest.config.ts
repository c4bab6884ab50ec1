import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A fresh Postgres database and Redis key prefix per run (packages/testkit; throwaway servers where none runs).
    globalSetup: ['./packages/testkit/src/services/global-setup.ts'],
    reporters: ['default'],
  },
});
