import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: Temporal servers and workers per file are heavy, so files run one after another.
    fileParallelism: false,
    pool: 'forks',
  },
});
