import { adjustmentRules } from '../shared/changes.js';
import { data, declaredRule, presentRule, type RuleBook } from '../shared/rules.js';
import type { XichuanContext } from './context.js';
import { art } from './regulation.js';

/** 淅川's regulatory conditions, each with its article. */
export const rules: RuleBook<XichuanContext> = {
  supervisorForInvestment: {
    field: 'data.supervisor',
    article: art(16),
    message: '政务信息化建设项目实行项目监理制，应委托具有资质的监理单位',
    holds: (c, e) => c.application.projectType !== 'investment' || typeof data(e).supervisor === 'string',
  },
  noSubcontracting: declaredRule('noSubcontracting', art(15), '政府购买服务承接主体不得将服务项目转包给其他主体'),
  acceptanceSummary: presentRule('summary', art(18), '验收材料应包括项目建设总结'),
  acceptanceFinancialReport: presentRule('financialReport', art(18), '验收材料应包括财务报告'),
  acceptanceAuditReport: presentRule('auditReport', art(18), '验收材料应包括审计报告'),
  acceptanceSecurityAssessment: presentRule('securityRiskAssessment', art(18), '验收材料应包括安全风险评估报告'),
  aiEffectAssessed: {
    field: 'data.aiEffectAssessment',
    article: art(12),
    message: '项目验收时应将人工智能大模型的应用效果作为重要评估指标',
    holds: (c, e) => !c.application.isNew || data(e).aiEffectAssessment !== undefined,
  },
  technicalOpinion: {
    field: 'data.infoBureauOpinionRef',
    article: art(17),
    message: '对原项目技术方案进行完善优化的，需县行政审批和政务信息管理局出具意见',
    holds: (_c, e) => data(e).ground !== 'technical' || typeof data(e).infoBureauOpinionRef === 'string',
  },
  opsConnected: declaredRule('connectedAndSharing', art(23), '未按要求完成系统对接互通、数据归集和信息共享，或存在重复采集、重复建设的，不予安排运维预算'),
  opsInUse: declaredRule('inUseAndEvaluatedWell', art(23), '长时间停止运行或长久未使用、评估评价不合格且整改不到位的，不予安排运维预算'),
  opsOtherRequirements: declaredRule('otherRequirementsMet', art(23), '未落实其他政务信息化建设有关要求的，不予安排运维预算'),
  ...adjustmentRules<XichuanContext>({
    article: art(17),
    may: '由项目建设单位调整并向县发改委备案',
    approvedAs: '概算批复',
    goal: '建设目标',
    otherwise: '不符合的，未经规定程序批准，不得擅自修改建设内容',
    maxSharePercent: 15,
    excludeTenderSavings: false,
  }),
};
