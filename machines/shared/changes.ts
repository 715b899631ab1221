import { z } from 'zod';
import { isTaskEvent, type ProjectEvent } from './events.js';
import type { Rule } from './rules.js';
import { yuan } from './schemas.js';
import type { BaseContext } from './supervision.js';

/** An adjustment the unit may make itself, then file, where the regulation allows one. */
export const adjustmentPayload = z.strictObject({
  description: z.string().trim().min(2).max(2000),
  /** Investment added by the adjustment (元). */
  increase: yuan.default(0),
  /** Investment removed by the adjustment (元), including tender savings. */
  decrease: yuan.default(0),
  /** Of the increase, the part that is new content not on the approved list (元). */
  newContent: yuan.default(0),
  /** Savings from tendering inside the decrease; they are not counted (e.g. 昆都仑 第二十一条). */
  tenderSavings: yuan.default(0),
  ground: z.enum(['mandate', 'technical', 'business']),
  goalUnchanged: z.boolean(),
  withinApprovedEstimate: z.boolean(),
});

/** How a regulation bounds self-made adjustments. */
export interface AdjustmentLimits {
  article: string;
  /** Larger of added or removed investment as a share of the approved total, at most (含). */
  maxSharePercent: number;
  /** New content at most this share of the total and this many yuan (含). */
  newContent?: { maxPercent: number; maxYuan: number };
  /** Whether tender savings are left out of the removed investment. */
  excludeTenderSavings: boolean;
}

type Data = z.output<typeof adjustmentPayload>;
const dataOf = (e: ProjectEvent): Partial<Data> => (isTaskEvent(e) ? (e.data as Partial<Data>) : {}) ?? {};

/** The rules of one regulation's adjustment clause, each citing it. */
export function adjustmentRules<C extends BaseContext>(limits: AdjustmentLimits): Record<string, Rule<C>> {
  const { article } = limits;
  const rules: Record<string, Rule<C>> = {
    adjustmentGoalUnchanged: { field: 'data.goalUnchanged', article, message: '建设目标不变方可自行调整', holds: (_c, e) => dataOf(e).goalUnchanged === true },
    adjustmentWithinEstimate: {
      field: 'data.withinApprovedEstimate',
      article,
      message: '投资规模未超出概算批复方可自行调整',
      holds: (_c, e) => dataOf(e).withinApprovedEstimate === true,
    },
    adjustmentShare: {
      field: 'data.increase',
      article,
      message: `资金调整数额不超过概算总投资 ${limits.maxSharePercent}%（增加或减少投资中较大者${limits.excludeTenderSavings ? '，招标采购形成的结余不计入' : ''}）`,
      holds: (c, e) => {
        const d = dataOf(e);
        const decrease = (d.decrease ?? 0) - (limits.excludeTenderSavings ? (d.tenderSavings ?? 0) : 0);
        return Math.max(d.increase ?? 0, decrease) * 100 <= c.application.totalBudget * limits.maxSharePercent;
      },
    },
  };
  if (limits.newContent) {
    const { maxPercent, maxYuan } = limits.newContent;
    rules.adjustmentNewContent = {
      field: 'data.newContent',
      article,
      message: `新增建设内容投资不超过总投资 ${maxPercent}% 且不超过 ${maxYuan / 10_000} 万元`,
      holds: (c, e) => {
        const n = dataOf(e).newContent ?? 0;
        return n * 100 <= c.application.totalBudget * maxPercent && n <= maxYuan;
      },
    };
  }
  return rules;
}
