import type { BaseContext } from '../shared/supervision.js';
import type { KundulunApplication } from './application.js';

/** What a 昆都仑 project remembers. */
export interface KundulunContext extends BaseContext {
  application: KundulunApplication;
  /** The day the project passed acceptance and went into operation (第二十三条). */
  operation?: { since: string };
}
