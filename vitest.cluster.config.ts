import { defineConfig } from 'vitest/config';

/** `npm run test:cluster`: the product on a real Temporal cluster with PostgreSQL (slow; not part of npm test). */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    testTimeout: 300_000,
    // Installing the server on a fresh machine takes about ten minutes on two cores.
    hookTimeout: 1_200_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
