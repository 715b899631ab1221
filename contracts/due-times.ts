/**
 * The due-time computation as the project core asks for it and the activity (or the API, for a
 * new project's first time limits) answers: a period from a start day, turned into absolute
 * instants. Types only; activities/index.ts computes them.
 */
import type { Period } from '../machines/shared/meta.js';

/** A period to turn into an absolute due time. */
export interface DueRequest {
  key: string;
  jurisdiction: string;
  period: Period;
  /** YYYY-MM-DD the period runs from (the start day itself is not counted). */
  start: string;
}

/**
 * The computed end of a period with its reminder (催办) before and its second escalation level
 * after, or why it could not be computed.
 */
export type DueResult = { key: string; lastDay: string; dueAt: string; remindAt?: string; secondLevelAt?: string } | { key: string; error: string };

/** Due times for periods, from the calendar and service levels: what the activity records in a workflow's history. */
export type DueTimeCalculator = (requests: DueRequest[]) => DueResult[];
