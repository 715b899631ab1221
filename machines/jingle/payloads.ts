import { z } from 'zod';
import { commonPayloads } from '../shared/payloads.js';
import { docRef, isoDate, positiveYuan, text } from '../shared/schemas.js';

const { filing, acceptanceFail, supervisionOrder, rectification, budget } = commonPayloads;
const acceptancePass = commonPayloads.acceptancePass.extend({
  catalogueInSharingPlatform: z.boolean(),
  secureControllableProducts: z.boolean(),
});

/** Payload schemas of 静乐 task actions that carry data, by `${task}.${action}`. */
export const payloads: Record<string, z.ZodType<Record<string, unknown>>> = {
  'revision.submit': z.strictObject({ revisedPlan: docRef }),
  'budget.approve': budget,
  'publicity.approve': z.strictObject({ noticeRef: text().min(1).max(200) }),
  'procurement.submit': z.strictObject({
    signedOn: isoDate,
    vendor: text().min(2).max(200),
    contract: docRef,
    amount: positiveYuan(),
    selectedByOpenCompetition: z.boolean(),
  }),
  'contractFiling.submit': filing,
  'supervisorFiling.submit': z.strictObject({ supervisor: text().min(2).max(200), filingRef: text().min(1).max(200) }),
  'adjustment.submit': z.strictObject({ description: text().min(2).max(2000), newTotalBudget: positiveYuan().optional() }),
  'acceptance.pass': acceptancePass,
  'acceptance.fail': acceptanceFail,
  'reAcceptance.pass': acceptancePass,
  'reAcceptance.fail': acceptanceFail,
  'acceptanceFiling.submit': filing,
  'selfEvaluation.submit': z.strictObject({ report: docRef }),
  'supervision.order': supervisionOrder,
  'rectification.submit': rectification,
};
