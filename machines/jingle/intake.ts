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
    inAnnualPlan: true,
    materials: {
      proposal: { ref: '建议书' },
      feasibilityStudy: { ref: '可研' },
      preliminaryDesign: { ref: '初设' },
      investmentEstimate: { ref: '概算' },
      constructionPlan: { ref: '建设方案' },
    },
    resourceCatalogue: { ref: '信息资源目录' },
    systemsInCatalogue: true,
    interconnected: true,
  },
};
