import { z } from 'zod';
import { docRef, isoDate, positiveYuan, text, yuan } from './schemas.js';

/** Payloads several regulations share: filings, acceptance results, supervision. */
export const commonPayloads = {
  filing: z.strictObject({ filingRef: text().min(1).max(200) }),
  acceptancePass: z.strictObject({ acceptedOn: isoDate, report: docRef }),
  /** A failed acceptance comes with an explanation and a rectification plan with its time limit. */
  acceptanceFail: z.strictObject({ acceptedOn: isoDate, explanation: docRef, rectificationPlan: docRef, rectifyBy: isoDate }),
  supervisionOrder: z.strictObject({ reason: text().min(2).max(2000), article: text().max(50).optional() }),
  rectification: z.strictObject({ report: docRef }),
  budget: z.strictObject({ amount: positiveYuan(), documentRef: text().min(1).max(200) }),
};

/** An adjustment the unit may make itself, then file, where the regulation allows one. */
export const adjustmentPayload = z.strictObject({
  description: text().min(2).max(2000),
  /** Investment added by the adjustment (元). */
  increase: yuan.optional(),
  /** Investment removed by the adjustment (元), including tender savings. */
  decrease: yuan.optional(),
  /** Of the increase, the part that is new content not on the approved list (元). */
  newContent: yuan.optional(),
  /** Savings from tendering inside the decrease; they are not counted (e.g. 昆都仑 第二十一条). */
  tenderSavings: yuan.optional(),
  ground: z.enum(['mandate', 'technical', 'business']),
  goalUnchanged: z.boolean(),
  withinApprovedEstimate: z.boolean(),
});
