import type { BaseContext } from '../shared/supervision.js';
import type { WeishanApplication } from './application.js';

/** What a 微山 project remembers. */
export interface WeishanContext extends BaseContext {
  application: WeishanApplication;
  operation?: { periodStart: string; lastEvaluationRating?: 'good' | 'fair' | 'poor' };
}

/** What starts a 微山 project's chart. */
export interface WeishanInput {
  projectId: string;
  application: WeishanApplication;
}
