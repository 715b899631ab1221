import { z } from 'zod';
import { commonPayloads } from '../shared/payloads.js';
import { docRef, isoDate, yuan } from '../shared/schemas.js';

const { filing, acceptanceFail, supervisionOrder, rectification, budget } = commonPayloads;
const acceptancePass = commonPayloads.acceptancePass.extend({
  catalogueInSharingPlatform: z.boolean(),
  secureControllableProducts: z.boolean(),
});

/** Payload schemas of 静乐 task actions that carry data, by `${task}.${action}`. */
export const payloads: Record<string, z.ZodType<Record<string, unknown>>> = {
  'revision.submit': z.strictObject({ revisedPlan: docRef }),
  'budget.approve': budget,
  'publicity.approve': z.strictObject({ noticeRef: z.string().trim().min(1).max(200) }),
  'procurement.submit': z.strictObject({
    signedOn: isoDate,
    vendor: z.string().trim().min(2).max(200),
    contract: docRef,
    amount: yuan.positive(),
    selectedByOpenCompetition: z.boolean(),
  }),
  'contractFiling.submit': filing,
  'supervisorFiling.submit': z.strictObject({ supervisor: z.string().trim().min(2).max(200), filingRef: z.string().trim().min(1).max(200) }),
  'adjustment.submit': z.strictObject({ description: z.string().trim().min(2).max(2000), newTotalBudget: yuan.positive().optional() }),
  'acceptance.pass': acceptancePass,
  'acceptance.fail': acceptanceFail,
  'reAcceptance.pass': acceptancePass,
  'reAcceptance.fail': acceptanceFail,
  'acceptanceFiling.submit': filing,
  'selfEvaluation.submit': z.strictObject({ report: docRef }),
  'supervision.order': supervisionOrder,
  'rectification.submit': rectification,
};
