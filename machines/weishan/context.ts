import type { WeishanApplication } from './application.js';

/** A step's recorded payload, with when and by whom. */
export type StepRecord = Record<string, unknown> & { on: string; actor: string; department: string };

/** What a 微山 project remembers. */
export interface WeishanContext {
  projectId: string;
  application: WeishanApplication;
  /** Payloads of completed steps by name (contract, acceptance, budget …); deadlines start from their dates. */
  records: Record<string, StepRecord>;
  operation?: { periodStart: string; lastEvaluationRating?: 'good' | 'fair' | 'poor' };
  supervision?: { reason: string; article: string; orderedOn: string };
}

/** What starts a 微山 project's chart. */
export interface WeishanInput {
  projectId: string;
  application: WeishanApplication;
}
