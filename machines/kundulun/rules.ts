import { adjustmentRules } from '../shared/changes.js';
import { eventDate } from '../shared/events.js';
import { data, type RuleBook } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import type { KundulunContext } from './context.js';
import { art } from './regulation.js';
import { fen, yuanToFen } from '../shared/money.js';

/** 总投资在200万元及以上的项目原则上实行监理制 (第十九条). */
export const SUPERVISION_FROM_YUAN = 2_000_000;

/** 昆都仑's regulatory conditions, each with its article. */
export const rules: RuleBook<KundulunContext> = {
  supervisorFrom2M: {
    field: 'data.supervisor',
    article: art(19),
    message: '总投资在200万元及以上的政务信息化项目原则上实行监理制',
    holds: (c, e) => fen(c.application.totalBudget) < yuanToFen(SUPERVISION_FROM_YUAN) || typeof data(e).supervisor === 'string',
  },
  evaluationWindowOpen: {
    field: 'at',
    article: art(23),
    message: '自评价应在项目通过验收并投入运行后一至两年内开展',
    holds: (c, e) => Boolean(c.operation) && eventDate(e) >= addYears(c.operation!.since, 1),
  },
  ...adjustmentRules<KundulunContext>({
    article: art(21),
    may: '由项目建设单位调整并向区政数局备案',
    approvedAs: '概算批复',
    goal: '建设目标',
    otherwise: '不符合的，应当按照有关规定履行相应手续',
    maxSharePercent: 15,
    newContent: { maxPercent: 5, maxYuan: 2_000_000 },
    excludeTenderSavings: true,
  }),
};
