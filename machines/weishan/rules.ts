import { data, declaredRule, present, presentRule, rule, type RuleBook } from '../shared/rules.js';
import type { WeishanContext } from './context.js';
import { fen, isAmount, yuanToFen } from '../shared/money.js';
import { art } from './regulation.js';

/** 500万元及以上的重大项目需提供可行性研究报告 (第六条). */
export const FEASIBILITY_STUDY_FROM_YUAN = 5_000_000;
/** 投资金额200万元（含）以上的项目需报上一级大数据主管部门提级审核 (第十八条). */
export const UPPER_LEVEL_REVIEW_FROM_YUAN = 2_000_000;
/** 新建项目网络安全预算不低于项目总预算的5% (第三十六条). */
export const MIN_SECURITY_BUDGET_PERCENT = 5;

/** 微山's regulatory conditions, each with its article. */
export const rules = {
  constructionPlan: presentRule('constructionPlan', art(6), '技术评审应提交项目建设方案'),
  cryptoPlan: presentRule('cryptoPlan', art(6), '技术评审应提交密码应用方案'),
  securityStatement: presentRule('securityStatement', art(7), '应对产品的安全可靠情况进行说明，和项目建设方案一并提交技术评审'),
  feasibilityStudy: rule<WeishanContext>(
    'data.feasibilityStudy',
    art(6),
    '500万元及以上的重大项目需提供可行性研究报告',
    (c, e) => fen(c.application.totalBudget) < yuanToFen(FEASIBILITY_STUDY_FROM_YUAN) || present(e, 'feasibilityStudy'),
  ),
  securityBudgetShare: rule<WeishanContext>('data.securityBudget', art(36), '新建政务信息化项目网络安全预算不低于项目总预算的 5%', (c, e) => {
    if (!c.application.isNew) return true;
    const security = data(e).securityBudget;
    return isAmount(security) && fen(security) * 100 >= fen(c.application.totalBudget) * MIN_SECURITY_BUDGET_PERCENT;
  }),
  dataShared: declaredRule('dataShared', art(24), '未按要求汇聚共享开放数据资源的，不得申请运行维护经费'),
  unifiedInfrastructure: declaredRule('usesUnifiedInfrastructure', art(24), '未按要求使用全县统一政务信息基础设施资源的，不得申请运行维护经费'),
  cryptoAndSecurity: declaredRule('cryptoAndSecurityCompliant', art(24), '不符合密码应用和网络安全要求的，不得申请运行维护经费'),
  evaluationNotPoor: rule<WeishanContext>(
    'operation.lastEvaluationRating',
    art(24),
    '绩效评价结果不佳的，不得申请运行维护经费',
    (c) => c.operation?.lastEvaluationRating !== undefined && c.operation.lastEvaluationRating !== 'poor',
  ),
  noMajorSecurityRisk: declaredRule('noMajorSecurityRisk', art(24), '存在重大安全隐患的，不得申请运行维护经费'),
} satisfies RuleBook<WeishanContext>;
