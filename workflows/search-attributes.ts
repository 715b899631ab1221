import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes every project keeps current, so lists and filters run on Temporal visibility. */
export const searchAttributes = {
  jurisdiction: defineSearchAttributeKey('ProjectJurisdiction', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('ProjectStatus', SearchAttributeType.KEYWORD),
  awaiting: defineSearchAttributeKey('ProjectAwaitingDepartments', SearchAttributeType.KEYWORD_LIST),
  nextDueAt: defineSearchAttributeKey('ProjectNextDueAt', SearchAttributeType.DATETIME),
  /** The earliest time limit that has passed with its task still open. */
  overdueSince: defineSearchAttributeKey('ProjectOverdueSince', SearchAttributeType.DATETIME),
  applicant: defineSearchAttributeKey('ProjectApplicantUnit', SearchAttributeType.KEYWORD),
  sanction: defineSearchAttributeKey('ProjectSanctionLevel', SearchAttributeType.KEYWORD),
} as const;

/** All of them, for registration with a server. */
export const allSearchAttributes = Object.values(searchAttributes);
