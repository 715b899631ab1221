/**
 * What the API and the pages ask of projects: the interface the project service
 * (server/projects.ts, over Temporal) implements, and a fake does in the in-process tests
 * (test/helpers/fake-projects.ts). Failures are the ProjectErrors of server/projects.ts.
 */
import type { HistoryEntry, ProjectView, RemindInput } from '../contracts/messages.js';
import type { ActionRequest } from '../machines/policy.js';

/** One row of a project list (GET /v1/projects from the read model; the rebuild reads visibility's). */
export interface ProjectSummary {
  projectId: string;
  title?: string;
  updatedAt?: string;
  /** 申报年度. */
  planYear?: number;
  /** The class or track where the regulation splits them (莱州 projectClass, 淅川 projectType, 微山 track). */
  category?: string;
  /** The total budget asked for, and approved, in 分. */
  requestedFen?: number;
  approvedFen?: number;
  jurisdiction?: string;
  status?: string;
  statusLabel?: string;
  awaitingDepartments: string[];
  nextDueAt?: string;
  overdueSince?: string;
  applicantUnit?: string;
  sanction?: string;
  startedAt: string;
  running: boolean;
}

/** Filters for listing projects; values are checked by the caller's schema. */
export interface ProjectFilter {
  jurisdiction?: string;
  status?: string;
  awaiting?: string;
  dueBefore?: string;
  /** Only projects started at or after this instant (ISO). */
  startedAfter?: string;
  /** Only projects whose workflow closed at or after this instant (ISO). */
  closedAfter?: string;
  /** Only projects with a passed time limit still open, or under a supervision sanction. */
  overdue?: boolean;
  /**
   * Only the projects of this applying unit or those awaiting or acted on by this department
   * (either; none when both are absent): a user's list scope (server/access.ts listScope).
   */
  of?: { applicantUnit?: string; department?: string };
  pageSize: number;
  pageToken?: string;
}

/** Projects: start, read, act and remind. Lists read the read model (server/read-model), not this. */
export interface Projects {
  /** Validate an application against its jurisdiction and start the project. */
  submit(
    jurisdictionId: string,
    rawApplication: unknown,
    submittedBy: { actor: string },
    now?: Date,
    keyed?: { idempotencyKey: string; userId: string },
  ): Promise<ProjectView>;
  /** The public view; `keep: false` for reads that should not be remembered for an action (lists). */
  view(projectId: string, opts?: { keep?: boolean }): Promise<ProjectView>;
  /** The whole audit trail. */
  audit(projectId: string): Promise<HistoryEntry[]>;
  /** Act on a task; `taskOpen: false` when the task is not open now (the answer is then the earlier result, or 409). */
  act(projectId: string, request: ActionRequest, idempotencyKey?: string, opts?: { taskOpen?: boolean }): Promise<ProjectView>;
  /** A supervisor's 催办 of an awaited task. */
  remind(projectId: string, task: string, by: RemindInput['by'], requestId?: string): Promise<ProjectView>;
}

/** What the read model's keeper (server/read-model/keeper.ts) needs of Temporal: views, trails, and project ids. */
export interface ProjectSource {
  view(projectId: string, opts?: { keep?: boolean }): Promise<ProjectView>;
  audit(projectId: string): Promise<HistoryEntry[]>;
  /** Every project id Temporal holds, page by page. */
  allProjectIds(): AsyncIterable<string[]>;
  /** Projects started at or after an instant (visibility's start time). */
  startedSince(at: string): Promise<string[]>;
  /** Projects whose workflow closed at or after an instant (ended outside the product: terminated …). */
  closedSince?(at: string): Promise<string[]>;
}
