import type { z } from 'zod';
import type { Issue } from './errors.js';
import type { FieldLabels } from './labels.js';

/** What a jurisdiction accepts: its application schema, task payload schemas and dated intake rules. */
export interface JurisdictionIntake {
  applicationSchema: z.ZodType<Record<string, unknown>>;
  /** Schemas of task payloads by `${task}.${action}`; actions not listed carry no data. */
  payloads: Record<string, z.ZodType<Record<string, unknown>>>;
  /** Intake rules that depend on the day of submission (e.g. 淅川 第七条's 30 June). */
  intakeChecks?: (application: Record<string, unknown>, today: string) => Issue[];
}

/** How many articles a regulation has, and why an article has no process step (docs/coverage.md). */
export interface CoverageNotes {
  articles: number;
  reasons: Record<number, string>;
}

/**
 * What a jurisdiction's folder exports as `intake` from its intake.ts: the zod side, kept out of
 * the workflow bundle (machines/registry-intake.generated.ts collects one per folder).
 */
export interface IntakePackage extends JurisdictionIntake {
  coverage: CoverageNotes;
  labels: FieldLabels;
  /**
   * The jurisdiction's own fields of the what-if example (docs/what-if.example.json, generated):
   * with the shared title, unit and budget, an application its chart accepts.
   */
  example: Record<string, unknown>;
}
