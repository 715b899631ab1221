import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The cluster smoke test needs the Temporal server build and PostgreSQL: npm run test:cluster.
    exclude: [...configDefaults.exclude, 'test/cluster/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: Temporal servers and workers per file are heavy, so files run one after another.
    fileParallelism: false,
    pool: 'forks',
  },
});
