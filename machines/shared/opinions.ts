import type { TaskAction } from './meta.js';

/**
 * What a decision is issued as, by the step's own name, as the regulations name the papers an
 * authority issues: 实施意见 (淅川 第十一条), 备案 (微山 第十九条, 昆都仑 第十二条), 评审意见 and 论证
 * (微山 第六条, 莱州 第九条), 审查意见 (淅川 第七条), 批复 for what a government or an approving
 * department approves (静乐 第十一条, 淅川 第九条, 昆都仑 第十一条), 整改通知 for an order to rectify
 * (微山 第四十条 …), 审核意见 for every other review. Undefined where no paper is issued: what the
 * applying side submits, and its own acceptance (its 验收报告 is its document).
 */
export function opinionKind(stepTitle: string, action: TaskAction | string, applying: boolean): string | undefined {
  if (applying || action === 'submit') return undefined;
  if (action === 'order') return '整改通知';
  if (stepTitle.includes('实施意见')) return '实施意见';
  if (stepTitle.includes('备案')) return '备案意见';
  if (/评审|论证/.test(stepTitle)) return '评审意见';
  if (stepTitle.includes('审查')) return '审查意见';
  if (/批复|批准|审批|决策|同意/.test(stepTitle)) return '批复';
  return '审核意见';
}

/**
 * The issuing authority as a document names it: a department named by its level (县大数据局,
 * 区人民政府) takes the jurisdiction's name in place of the level (微山县大数据局); one named in full stays.
 */
export function issuerName(jurisdictionName: string, departmentName: string): string {
  const level = jurisdictionName.slice(-1);
  return departmentName.startsWith(level) && !departmentName.startsWith(jurisdictionName) ? `${jurisdictionName}${departmentName.slice(1)}` : departmentName;
}

/** The 机关代字 a department's 文号 start with unless configured: its name as issuer, without what brackets add. */
export const defaultNumberPrefix = (issuer: string) => issuer.replace(/（[^）]*）/g, '');
