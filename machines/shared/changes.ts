import type { Article } from './articles.js';
import type { ProjectEvent } from './events.js';
import { data, type Rule } from './rules.js';
import type { BaseContext } from './supervision.js';
import { fen, yuanToFen, type Amount } from './money.js';

/** How a regulation bounds self-made adjustments, and what it requires instead beyond them. */
export interface AdjustmentLimits {
  article: Article;
  /** What the unit may do within the limits, in the text's words (自行调整; 莱州: 在采购前申请调整). */
  may: string;
  /** The approval the investment must stay within (概算批复; 莱州: 预算批复). */
  approvedAs: string;
  /** The goal that must stay unchanged (建设目标; 莱州: 建设主要目标). */
  goal: string;
  /** What the regulation requires for an adjustment beyond the limits, told with every refusal. */
  otherwise: string;
  /** Larger of added or removed investment as a share of the approved total, at most (含). */
  maxSharePercent: number;
  /** New content at most this share of the total and this many yuan (含). */
  newContent?: { maxPercent: number; maxYuan: number };
  /** Whether tender savings are left out of the removed investment. */
  excludeTenderSavings: boolean;
}

/** The fields of an adjustment request the rules read (the API checks their shape). */
interface Data {
  increase: Amount;
  decrease: Amount;
  newContent: Amount;
  tenderSavings: Amount;
  goalUnchanged: boolean;
  withinApprovedEstimate: boolean;
}
const dataOf = (e: ProjectEvent): Partial<Data> => data(e) as Partial<Data>;

/** The rules of one regulation's adjustment clause, each citing it. */
export function adjustmentRules<C extends BaseContext>(limits: AdjustmentLimits): Record<string, Rule<C>> {
  const { article, may } = limits;
  const otherwise = `；${limits.otherwise}`;
  const rules: Record<string, Rule<C>> = {
    adjustmentGoalUnchanged: {
      field: 'data.goalUnchanged',
      article,
      message: `${limits.goal}不变方可${may}${otherwise}`,
      holds: (_c, e) => dataOf(e).goalUnchanged === true,
    },
    adjustmentWithinEstimate: {
      field: 'data.withinApprovedEstimate',
      article,
      message: `投资规模未超出${limits.approvedAs}方可${may}${otherwise}`,
      holds: (_c, e) => dataOf(e).withinApprovedEstimate === true,
    },
    adjustmentShare: {
      field: 'data.increase',
      article,
      message: `资金调整数额不超过概算总投资 ${limits.maxSharePercent}%（增加或减少投资中较大者${limits.excludeTenderSavings ? '，招标采购形成的结余不计入' : ''}）方可${may}${otherwise}`,
      holds: (c, e) => {
        const d = dataOf(e);
        const decrease = fen(d.decrease) - (limits.excludeTenderSavings ? fen(d.tenderSavings) : 0);
        return Math.max(fen(d.increase), decrease) * 100 <= fen(c.application.totalBudget) * limits.maxSharePercent;
      },
    },
  };
  if (limits.newContent) {
    const { maxPercent, maxYuan } = limits.newContent;
    rules.adjustmentNewContent = {
      field: 'data.newContent',
      article,
      message: `新增建设内容投资不超过总投资 ${maxPercent}% 且不超过 ${maxYuan / 10_000} 万元方可${may}${otherwise}`,
      holds: (c, e) => {
        const n = fen(dataOf(e).newContent);
        return n * 100 <= fen(c.application.totalBudget) * maxPercent && n <= yuanToFen(maxYuan);
      },
    };
  }
  return rules;
}
