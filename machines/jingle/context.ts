import type { BaseContext } from '../shared/supervision.js';
import type { JingleApplication } from './application.js';

/** What a 静乐 project remembers. */
export interface JingleContext extends BaseContext {
  application: JingleApplication;
  /** Last day of the budget year whose self-evaluation is due next (第二十六条). */
  operation?: { budgetYearEnd: string };
}
