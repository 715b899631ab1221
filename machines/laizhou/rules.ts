import { adjustmentRules } from '../shared/changes.js';
import { eventDate } from '../shared/events.js';
import { data, declaredRule, type Rule, type RuleBook } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import type { LaizhouContext } from './context.js';
import { fen, isAmount, yuanToFen, type Amount } from '../shared/money.js';
import { art } from './regulation.js';

/** 500万元及以上: supervision, third-party software test (第二十三条) and a standard (第十五条). */
export const MAJOR_PROJECT_FROM_YUAN = 5_000_000;
/** 政务治理类 free maintenance at least 3 years; then ops fee at most 10% of construction cost a year (第二十九条). */
export const FREE_MAINTENANCE_YEARS = 3;
export const MAX_OPS_FEE_PERCENT = 10;

/** A ground of 第二十六条 the unit declares absent before ops funding is arranged. */
const opsGround = (key: string, item: number, message: string): Rule<LaizhouContext> => declaredRule(key, art(26, item), `${message}，不安排运行维护经费`);

/** 莱州's regulatory conditions, each with its article. */
export const rules: RuleBook<LaizhouContext> = {
  costEvaluation: {
    field: 'data.costEvaluationRef',
    article: art(10),
    message: '第三方造价评估报告作为项目预算编制的依据',
    holds: (_c, e) => typeof data(e).costEvaluationRef === 'string',
  },
  supervisionFrom5M: {
    field: 'data.supervisor',
    article: art(23),
    message: '500万元及以上的信息化项目应当实行工程监理制',
    holds: (c, e) => fen(c.application.totalBudget) < yuanToFen(MAJOR_PROJECT_FROM_YUAN) || typeof data(e).supervisor === 'string',
  },
  tenderAtTradingCentre: {
    field: 'data.tenderedAtTradingCentre',
    article: art(9),
    message: '公共服务类和市场运营类项目由运营公司通过招投标方式组织建设',
    holds: (c, e) => c.application.projectClass === 'governance' || data(e).tenderedAtTradingCentre === true,
  },
  softwareTestReport: {
    field: 'data.softwareTestReport',
    article: art(23),
    message: '500万元及以上涉及软件开发的项目，应当提供第三方软件验收测评报告',
    holds: (c, e) =>
      fen(c.application.totalBudget) < yuanToFen(MAJOR_PROJECT_FROM_YUAN) || !c.application.softwareDevelopment || data(e).softwareTestReport !== undefined,
  },
  freeMaintenanceOver: {
    field: 'at',
    article: art(29),
    message: '政务治理类项目免费运维期一般不少于3年',
    holds: (c, e) => Boolean(c.operation) && eventDate(e) >= addYears(c.operation!.since, FREE_MAINTENANCE_YEARS),
  },
  opsFeeCap: {
    field: 'data.amount',
    article: art(29),
    message: '运维费用原则每年不超过建设总投入费用的10%',
    holds: (c, e) => isAmount(data(e).amount) && fen(data(e).amount as Amount) * 100 <= fen(c.application.totalBudget) * MAX_OPS_FEE_PERCENT,
  },
  opsDataShared: opsGround('dataShared', 1, '未按要求汇聚、共享、开放数据资源，或者重复采集数据的'),
  opsInCatalogue: opsGround('inCatalogueAndSharedInfrastructure', 2, '未纳入全市政务信息化项目总目录，或者未按要求共享使用全市统一智慧城市基础设施资源的'),
  opsSecure: opsGround('cryptoAndSecurityCompliant', 3, '不符合密码应用和网络安全要求，或者存在重大安全隐患的'),
  opsPerformance: opsGround('performanceGoodAndUpdated', 4, '绩效评价结果不佳，或者未按要求及时在管理平台更新项目信息的'),
  ...adjustmentRules<LaizhouContext>({
    article: art(19),
    may: '在采购前申请调整',
    approvedAs: '预算批复',
    goal: '建设主要目标',
    otherwise: '不符合的，应当按照有关规定履行项目申报和预算调整手续',
    maxSharePercent: 15,
    excludeTenderSavings: false,
  }),
};
