import type { CoverageNotes } from './shared/intake.js';
import { intakes } from './intake.js';

/**
 * Per jurisdiction: how many articles the text has, and why an article has no process step, from
 * each folder's coverage.ts. scripts/coverage.ts joins this with the articles the charts, rules,
 * intake refusals and validity dates cite into docs/coverage.md; an article with neither, or with
 * both, fails `npm test`.
 */
export const coverageNotes: Record<string, CoverageNotes> = Object.fromEntries(Object.entries(intakes).map(([id, intake]) => [id, intake.coverage]));
