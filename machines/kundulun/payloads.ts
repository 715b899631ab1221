import { z } from 'zod';
import { adjustmentPayload, commonPayloads } from '../shared/payloads.js';
import { docRef, isoDate, positiveYuan, text } from '../shared/schemas.js';

const { filing, acceptancePass, acceptanceFail, supervisionOrder, rectification, budget } = commonPayloads;
const revision = z.strictObject({ revisedDocument: docRef });

/** Payload schemas of 昆都仑 task actions that carry data, by `${task}.${action}`. */
export const payloads: Record<string, z.ZodType<Record<string, unknown>>> = {
  'proposalRevision.submit': revision,
  'feasibilityRevision.submit': revision,
  'designRevision.submit': revision,
  'filingRevision.submit': revision,
  'budget.approve': budget,
  'procurement.submit': z.strictObject({
    signedOn: isoDate,
    contract: docRef,
    amount: positiveYuan(),
    /** 监理单位, required from 2,000,000 yuan (第十九条). */
    supervisor: text().min(2).max(200).optional(),
  }),
  'preAcceptance.submit': z.strictObject({ completionReport: docRef }),
  'adjustment.submit': adjustmentPayload,
  'acceptance.pass': acceptancePass,
  'acceptance.fail': acceptanceFail,
  'selfEvaluation.submit': z.strictObject({ report: docRef }),
  'supervision.order': supervisionOrder,
  'rectification.submit': rectification,
  'filing.approve': filing,
};
