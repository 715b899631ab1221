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
  example: { plannedCompletionOn: '2027-12-31', partyCommitteeResolution: { meetingDate: '2026-03-02', minutesRef: '党组会议纪要〔2026〕3号' } },
};
