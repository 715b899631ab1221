import { z } from 'zod';
import { adjustmentPayload, commonPayloads } from '../shared/payloads.js';
import { docRef, isoDate, positiveYuan, text } from '../shared/schemas.js';

const { acceptanceFail, supervisionOrder, rectification, budget } = commonPayloads;
const acceptancePass = z.strictObject({
  acceptedOn: isoDate,
  report: docRef,
  // 第十八条's materials and 第十二条's AI assessment; required by rules so a refusal cites them.
  summary: docRef.optional(),
  financialReport: docRef.optional(),
  auditReport: docRef.optional(),
  securityRiskAssessment: docRef.optional(),
  aiEffectAssessment: docRef.optional(),
});

/** Payload schemas of 淅川 task actions that carry data, by `${task}.${action}`. */
export const payloads: Record<string, z.ZodType<Record<string, unknown>>> = {
  'revision.submit': z.strictObject({ revisedDocument: docRef }),
  'budget.approve': budget,
  'procurement.submit': z.strictObject({
    signedOn: isoDate,
    contract: docRef,
    amount: positiveYuan(),
    supervisor: text().min(2).max(200).optional(),
    noSubcontracting: z.boolean(),
  }),
  'completion.submit': z.strictObject({ completedOn: isoDate }),
  'lateExplanation.submit': z.strictObject({ explanation: docRef, acceptanceDate: isoDate }),
  'adjustment.submit': adjustmentPayload.extend({ infoBureauOpinionRef: text().min(1).max(200).optional() }),
  'acceptance.pass': acceptancePass,
  'acceptance.fail': acceptanceFail,
  'reAcceptance.pass': acceptancePass,
  'reAcceptance.fail': acceptanceFail,
  'opsFee.submit': z.strictObject({
    year: z.number().int().min(2000).max(2100),
    amount: positiveYuan(),
    connectedAndSharing: z.boolean(),
    inUseAndEvaluatedWell: z.boolean(),
    otherRequirementsMet: z.boolean(),
  }),
  'shutdown.submit': z.strictObject({ report: docRef }),
  'performanceEvaluation.submit': z.strictObject({ report: docRef }),
  'supervision.order': supervisionOrder,
  'rectification.submit': rectification,
};
