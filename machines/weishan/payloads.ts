import { z } from 'zod';
import { commonPayloads } from '../shared/payloads.js';
import { docRef, isoDate, positiveYuan, text, yuan } from '../shared/schemas.js';

const { filing, acceptancePass, acceptanceFail, supervisionOrder, rectification, budget } = commonPayloads;

/** Payload schemas of 微山 task actions that carry data, by `${task}.${action}`; others take none. */
export const payloads: Record<string, z.ZodType<Record<string, unknown>>> = {
  'requirementsRevision.submit': z.strictObject({ revisedPlan: docRef }),
  'technicalMaterials.submit': z.strictObject({
    constructionPlan: docRef.optional(),
    cryptoPlan: docRef.optional(),
    securityStatement: docRef.optional(),
    feasibilityStudy: docRef.optional(),
    securityBudget: yuan,
  }),
  'budget.approve': budget,
  'responsibilityFiling.submit': z.strictObject({ letter: docRef }),
  'procurement.submit': z.strictObject({ signedOn: isoDate, contract: docRef, amount: positiveYuan() }),
  'contractFiling.submit': filing,
  'delayExplanation.submit': z.strictObject({ explanation: docRef }),
  'change.submit': z.strictObject({
    aspects: z.array(z.enum(['goal', 'location', 'budget', 'content', 'schedule'])).min(1),
    description: text().min(2).max(2000),
    newTotalBudget: positiveYuan().optional(),
    newPlannedCompletionOn: isoDate.optional(),
  }),
  'acceptance.pass': acceptancePass,
  /** 验收未能通过的，应制定整改方案，限期整改 (第三十三条)，并出具情况说明 (第三十四条). */
  'acceptance.fail': acceptanceFail,
  'reAcceptance.pass': acceptancePass,
  'reAcceptance.fail': acceptanceFail,
  'acceptanceFiling.submit': filing,
  'selfEvaluation.submit': z.strictObject({ report: docRef, rating: z.enum(['good', 'fair', 'poor']) }),
  'opsFunding.submit': z.strictObject({
    year: z.number().int().min(2000).max(2100),
    amount: positiveYuan(),
    dataShared: z.boolean(),
    usesUnifiedInfrastructure: z.boolean(),
    cryptoAndSecurityCompliant: z.boolean(),
    noMajorSecurityRisk: z.boolean(),
  }),
  'supervision.order': supervisionOrder,
  'rectification.submit': rectification,
};
