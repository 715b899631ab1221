import { z } from 'zod';
import { docRef, isoDate } from './schemas.js';

/** Payloads several regulations share: filings, acceptance results, supervision. */
export const commonPayloads = {
  filing: z.strictObject({ filingRef: z.string().trim().min(1).max(200) }),
  acceptancePass: z.strictObject({ acceptedOn: isoDate, report: docRef }),
  /** A failed acceptance comes with an explanation and a rectification plan with its time limit. */
  acceptanceFail: z.strictObject({ acceptedOn: isoDate, explanation: docRef, rectificationPlan: docRef, rectifyBy: isoDate }),
  supervisionOrder: z.strictObject({ reason: z.string().trim().min(2).max(2000), article: z.string().trim().max(50).optional() }),
  rectification: z.strictObject({ report: docRef }),
  budget: z.strictObject({ amount: z.number().int().positive(), documentRef: z.string().trim().min(1).max(200) }),
};
