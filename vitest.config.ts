import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Tests whose outcome depends on the date and whose clock can be moved: workflows on the
 * time-skipping server, which test/helpers/clock.ts starts at TEST_CLOCK. (Tests on a dev server
 * run on the real clock, which nothing can move; they date everything from it.)
 */
const DATE_SENSITIVE = ['test/workflows/project.test.ts', 'test/workflows/long-life.test.ts', 'test/server/project-service-answers.test.ts'];

/**
 * The days they run again on: a date without holiday data (2027 before `chinese-days` ships it),
 * the day after 淅川's 30 June intake deadline and after 昆都仑's and 淅川's regulations run out; and
 * a December day whose periods cross into a new year. A server's clock only moves forward, so a
 * day already past is replaced by the same day of the first year still ahead.
 */
const MOVED_CLOCKS = ['2027-07-01', '2029-12-20'];

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
function ahead(day: string): string {
  let year = Number(day.slice(0, 4));
  while (`${year}${day.slice(4)}` <= today) year++;
  return `${year}${day.slice(4)}`;
}

export default defineConfig({
  test: {
    // No `include` here: a project that extends this config would add its own to it, not replace it.
    // The cluster smoke test needs the Temporal server build and PostgreSQL: npm run test:cluster.
    // test/fixtures/sixth/ is a jurisdiction folder to be copied into a tree, not a test of this one.
    exclude: [...configDefaults.exclude, 'test/cluster/**', 'test/fixtures/sixth/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: Temporal servers and workers per file are heavy, so files run one after another.
    fileParallelism: false,
    pool: 'forks',
    // Today first, then each moved clock (vitest runs one-worker projects of groupOrder 0 last).
    projects: [
      { extends: true, test: { name: 'today', include: ['test/**/*.test.ts'], sequence: { groupOrder: 1 } } },
      ...MOVED_CLOCKS.map(ahead).map((day, i) => ({
        extends: true as const,
        test: { name: `clock ${day}`, include: DATE_SENSITIVE, env: { TEST_CLOCK: day }, sequence: { groupOrder: i + 2 } },
      })),
    ],
  },
});
