import type { BaseContext } from '../shared/supervision.js';
import type { LaizhouApplication } from './application.js';

/** What a 莱州 project remembers. */
export interface LaizhouContext extends BaseContext {
  application: LaizhouApplication;
  /** Who builds: the requesting unit (政务治理类) or the operating company (公共服务类、市场运营类), 第九条. */
  builder: 'applicant' | 'operator';
  /** Year end by which the next construction-period performance report is due (第二十四条). */
  construction?: { reportDue: string };
  operation?: { since: string };
}
