import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes, for operators (Temporal's CLI and Web UI). Projects started since the read
 * model keep jurisdiction, unit, status, overdue and sanction; awaited and involved departments and
 * the next due time only runs from before (docs/compatibility.md, "Runs that keep every list attribute").
 */
export const searchAttributes = {
  jurisdiction: defineSearchAttributeKey('ProjectJurisdiction', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('ProjectStatus', SearchAttributeType.KEYWORD),
  awaiting: defineSearchAttributeKey('ProjectAwaitingDepartments', SearchAttributeType.KEYWORD_LIST),
  nextDueAt: defineSearchAttributeKey('ProjectNextDueAt', SearchAttributeType.DATETIME),
  /** The earliest time limit that has passed with its task still open. */
  overdueSince: defineSearchAttributeKey('ProjectOverdueSince', SearchAttributeType.DATETIME),
  applicant: defineSearchAttributeKey('ProjectApplicantUnit', SearchAttributeType.KEYWORD),
  /** Departments that have acted on the project, so reviewers find what involved them. */
  involved: defineSearchAttributeKey('ProjectInvolvedDepartments', SearchAttributeType.KEYWORD_LIST),
  sanction: defineSearchAttributeKey('ProjectSanctionLevel', SearchAttributeType.KEYWORD),
} as const;

/** All of them, for registration with a server. */
export const allSearchAttributes = Object.values(searchAttributes);
