/**
 * The 文号 sequences (issue 21 item 4): one long-lived workflow per department and year hands out
 * the numbers of the opinions it issues, 1, 2, 3 … without gaps or repeats. A request names its
 * opinion (`ref`); the same ref always gets the same number, so a retried activity asks again safely.
 */
import { defineUpdate } from '@temporalio/workflow';

export const NUMBERING_WORKFLOW = 'numberingWorkflow';

/** One series: a jurisdiction's department in a year. */
export interface NumberingInput {
  series: string;
  /** Carried by continue-as-new: the next number, and the number each ref was given. */
  next?: number;
  issued?: Record<string, number>;
  /** Continue as new past this many history events (default 2,000); carried. */
  eventLimit?: number;
}

/** The number of the opinion `ref`: a new one the first time, the same one ever after. */
export const allocateUpdate = defineUpdate<number, [{ ref: string }]>('allocate');

/** The workflow id of a series, e.g. `numbering:weishan:bigData:2026`. */
export const numberingWorkflowId = (jurisdiction: string, department: string, year: number) => `numbering:${jurisdiction}:${department}:${year}`;
