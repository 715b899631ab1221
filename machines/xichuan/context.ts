import type { BaseContext } from '../shared/supervision.js';
import type { XichuanApplication } from './application.js';

/** What a 淅川 project remembers. */
export interface XichuanContext extends BaseContext {
  application: XichuanApplication;
}
