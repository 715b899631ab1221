import { z } from 'zod';
import { adjustmentPayload, commonPayloads } from '../shared/payloads.js';
import { docRef, isoDate, positiveYuan, text } from '../shared/schemas.js';

const { acceptanceFail, supervisionOrder, rectification } = commonPayloads;
const review = z.strictObject({ opinionRef: text().min(1).max(200).optional() });
const ops = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  amount: positiveYuan(),
  dataShared: z.boolean(),
  inCatalogueAndSharedInfrastructure: z.boolean(),
  cryptoAndSecurityCompliant: z.boolean(),
  performanceGoodAndUpdated: z.boolean(),
});

/** Payload schemas of 莱州 task actions that carry data, by `${task}.${action}`. */
export const payloads: Record<string, z.ZodType<Record<string, unknown>>> = {
  'bigDataReview.approve': review,
  'financeReview.approve': review,
  'ndrcReview.approve': review,
  'revision.submit': z.strictObject({ revisedDocument: docRef }),
  'budget.approve': z.strictObject({ amount: positiveYuan(), documentRef: text().min(1).max(200), costEvaluationRef: text().min(1).max(200).optional() }),
  'adjustment.submit': adjustmentPayload,
  /** 第十九条: an adjustment beyond its conditions is declared anew, with the revised documents. */
  'reapplication.submit': z.strictObject({
    description: text().min(2).max(2000),
    revisedDocument: docRef,
    newTotalBudget: positiveYuan().optional(),
  }),
  'reapplicationReview.approve': review,
  'budgetAdjustment.approve': z.strictObject({ amount: positiveYuan(), documentRef: text().min(1).max(200) }),
  'procurement.submit': z.strictObject({
    signedOn: isoDate,
    contract: docRef,
    amount: positiveYuan(),
    supervisor: text().min(2).max(200).optional(),
    tenderedAtTradingCentre: z.boolean().default(false),
  }),
  'performanceReport.submit': z.strictObject({ report: docRef }),
  'completion.submit': z.strictObject({ completedOn: isoDate }),
  'extension.submit': z.strictObject({ reason: text().min(2).max(2000), acceptBy: isoDate }),
  'acceptance.pass': z.strictObject({ acceptedOn: isoDate, report: docRef, softwareTestReport: docRef.optional() }),
  'acceptance.fail': acceptanceFail,
  'standard.submit': z.strictObject({ standard: docRef }),
  'selfEvaluation.submit': z.strictObject({ report: docRef }),
  'opsFee.submit': ops,
  'subsidy.submit': ops,
  'decommission.submit': z.strictObject({ plan: docRef, dataAndAssetEvaluation: docRef, dataDisposition: z.enum(['backup', 'migration', 'destruction']) }),
  'supervision.order': supervisionOrder,
  'rectification.submit': rectification,
};
