import type { IntakePackage } from '../shared/intake.js';
import { applicationSchema } from './application.js';
import { coverage } from './coverage.js';
import { labels } from './labels.js';
import { payloads } from './payloads.js';

/** The zod side of the package: what the API accepts, the coverage notes, labels and the what-if example. */
export const intake: IntakePackage = {
  applicationSchema,
  payloads,
  coverage,
  labels,
  example: {
    projectKind: 'sector',
    applicantKind: 'department',
    fundingSource: 'districtFiscal',
    inProjectLibrary: true,
    inAnnualPlan: true,
    conditions: { meetsDigitalGovernmentPlan: true, clearAndReliable: true, sharingAndIntensive: true },
    negativeList: {
      newInfrastructure: false,
      withoutSectorApproval: false,
      notOnGovernmentCloud: false,
      detachedOrStaleUpgrade: false,
      replaceableByExisting: false,
      idleSystemUpgrade: false,
      unclearOrNotSharing: false,
    },
  },
};
