import type { IntakePackage } from '../shared/intake.js';
import { applicationSchema, intakeDeadlineIssues, type XichuanApplication } from './application.js';
import { coverage } from './coverage.js';
import { labels } from './labels.js';
import { payloads } from './payloads.js';

/** The zod side of the package: what the API accepts, the coverage notes, labels and the what-if example. */
export const intake: IntakePackage = {
  applicationSchema,
  payloads,
  intakeChecks: (application, today) => intakeDeadlineIssues(application as XichuanApplication, today),
  coverage,
  labels,
  example: { projectType: 'investment', planYear: 2028, aiStudy: { ref: '大模型应用调研' } },
};
