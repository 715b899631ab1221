/**
 * The messages between the API and a project's workflow: the workflow type, its input, its
 * updates and queries. Both sides import this module; neither imports the other.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CommandSignature, SignedAction, SignedReminder } from '../machines/policy.js';
import type { Refusal } from '../machines/shared/errors.js';
import type { HistoryEntry, ProjectView, Timer } from './view.js';

export type { HistoryEntry, IssuedDocument, ProjectView, TaskView, Timer } from './view.js';

/** Name of the workflow type the worker registers and the API starts. */
export const PROJECT_WORKFLOW = 'projectWorkflow';

/** Type of the ApplicationFailure an update validator throws; its first detail is a Refusal. */
export const ACTION_REFUSED = 'ActionRefused';

/** Input of an action update: the request, its idempotency key and body hash, signed by the API (machines/policy.ts). */
export type ActInput = SignedAction;

/**
 * How an action is answered, not part of the command (unsigned, and no part of its idempotency):
 * `since` is the history total of the view the caller already holds, so the answer carries only
 * the entries after it. A view of a long-lived project is mostly its latest 50 entries; sent with
 * every action, they were most of the bytes the update's answer wrote into the workflow's history.
 */
export interface AnswerShape {
  since?: number;
}

/** A reviewer's or applicant's action on a task; the second argument is optional (docs/compatibility.md, "The answer shape's optional second argument"). */
export const actUpdate = defineUpdate<ProjectView, [ActInput, AnswerShape?]>('act');

/** Who sends a reminder (催办) by hand: a supervisor of the project's jurisdiction, signed by the API (machines/policy.ts verifyReminder). */
export interface RemindInput extends SignedReminder {
  /** The awaited task to remind its department of. */
  task: string;
  by: { userId: string; name: string; department: string; jurisdiction: string; roles: string[] };
  /** Idempotency key: the same reminder sent twice is recorded once. */
  requestId?: string;
}

/** A supervisor's 催办: the awaited department is notified, and the history records who sent it. */
export const remindUpdate = defineUpdate<ProjectView, [RemindInput]>('remind');
/**
 * The view of a project just started, sent with its start (update-with-start) so the first view
 * comes back from the start itself; accepted once per run, it changes nothing. No caller sends it
 * now (docs/compatibility.md, "The open update").
 */
export const openUpdate = defineUpdate<ProjectView, []>('open');
/** The public view. */
export const viewQuery = defineQuery<ProjectView>('view');
/** The full audit trail including payloads. */
export const auditQuery = defineQuery<HistoryEntry[]>('audit');

/** A side effect a chart or a time limit asked for (notify, escalate), queued for the outbox; `id` makes its delivery idempotent. */
export interface Effect {
  /** `${projectId}#${seq}`: the audit entry that records it, unique in the project across runs. */
  id: string;
  projectId: string;
  jurisdiction: string;
  type: string;
  params: Record<string, unknown>;
  at: string;
  /**
   * Who the notice is for and what it is about, from the audit entry that records it and the
   * project's application, so a channel can address and word it without asking the workflow
   * (notifications/notice.ts). Absent on effects queued before notifications reached people
   * (docs/compatibility.md, "Effects without a notice").
   */
  notice?: EffectNotice;
}

/** What an effect's notice says, as its audit entry records it. */
export interface EffectNotice {
  /** The audit entry's kind: a notice or 抄送, a reminder (催办, automatic or by a supervisor), an escalation. */
  kind: 'notification' | 'reminder' | 'escalation';
  /** The department addressed. */
  department: string;
  message: string;
  article?: string;
  /** The awaited task a 催办 is about. */
  task?: string;
  /** The supervisor who sent a 催办 by hand. */
  actor?: string;
  level?: number;
  /** The project's title and applying unit (the unit's applicants are who a notice to `applicant` reaches). */
  title: string;
  unit: string;
}

/**
 * A due time already computed, by what determines it (core/timers.ts), or why it could not
 * be and when to try again.
 */
export type KnownDueTime = { request: string } & (
  { lastDay: string; dueAt: string; remindAt?: string; secondLevelAt?: string } | { error: string; retryAt: string }
);

/** State carried into a new run by continue-as-new. */
export interface Carried {
  /** The chart's snapshot as XState persists it (`getPersistedSnapshot`). */
  persisted?: unknown;
  /** What runs before host v2 carried instead: the state value and context only (docs/compatibility.md, "Host 1's carried state"). */
  snapshot?: { value: unknown; context: unknown };
  timers: Timer[];
  history: HistoryEntry[];
  submittedAt: string;
  /** Effects not yet delivered; delivered again under the same ids. Optional: docs/compatibility.md, "Host 1's carried state". */
  outbox?: Effect[];
  dueTimes?: KnownDueTime[];
  /** 1 when the trail is hash-chained (core/chain.ts); the next run chains on from its last entry's hash. */
  auditChain?: 1;
  /** 1 when the run issues opinion documents for decisions (ProjectInput.opinions). */
  opinions?: 1;
  /** Opinions decided but not issued yet; issued again under the same ids. */
  issuing?: OpinionRequest[];
  /** 1 when the run keeps only the operators' search attributes current (ProjectInput.operatorAttributes). */
  operatorAttributes?: 1;
}

/**
 * An opinion or approval to issue as a document for a decision (issue 21 item 4): what the
 * activity needs to number, render and store it, all from the project's own record.
 */
export interface OpinionRequest {
  /** `${projectId}#${seq}/opinion`: its number and its document are the same however often it is retried. */
  id: string;
  projectId: string;
  jurisdiction: string;
  jurisdictionName: string;
  /** The regulation's title, e.g. 微山县政务信息化项目建设管理办法. */
  regulation: string;
  chartVersion: number;
  /** The decision entry's sequence number and hash (absent on an unchained trail). */
  for: number;
  entryHash?: string;
  /** 评审意见, 审查意见, 审核意见, 实施意见, 批复, 备案意见, 整改通知 (machines/shared/opinions.ts). */
  kind: string;
  task: string;
  taskTitle: string;
  action: string;
  actionLabel: string;
  department: string;
  departmentName: string;
  /** The authority as the document names it, e.g. 微山县大数据局 (machines/shared/opinions.ts issuerName). */
  issuer: string;
  actor?: string;
  comment?: string;
  /** The article the task rests on, e.g. 微山 第六条. */
  article?: string;
  /** When the decision was taken (ISO). */
  at: string;
  project: { title: string; applicantUnit: string };
}

/** What issuing an opinion gave: its 文号 and the stored PDF. */
export interface OpinionIssued {
  number: string;
  document: { id: string; sha256: string; name: string; size: number; type: string };
}

/** Input of a project workflow; the application was parsed against its jurisdiction's schema by the API. */
export interface ProjectInput {
  projectId: string;
  jurisdiction: string;
  chartVersion: number;
  application: Record<string, unknown>;
  submittedBy: { actor: string; unit: string };
  /** Continue as new once a run's history passes this many events (temporal.config.ts historyEventLimit). */
  historyEventLimit?: number;
  /** When the API accepted the submission: the first state and its time limits date from it (absent: docs/compatibility.md, "Undated starts"). */
  submittedAt?: string;
  /** The first time limits' due times, computed by the API from the same calendar as the activity, so a start waits for no computation. */
  dueTimes?: KnownDueTime[];
  carried?: Carried;
  /**
   * 1 on starts whose trail is hash-chained from the submission (core/host.ts beginProject sets it), so a dated
   * start needs no patch marker for it (docs/compatibility.md, "Audit entries without a hash").
   */
  auditChain?: 1;
  /**
   * 1 on starts that issue opinion documents for decisions (core/host.ts beginProject sets it); runs
   * started before them issue none (docs/compatibility.md, "Runs without opinions").
   */
  opinions?: 1;
  /**
   * 1 on starts that keep only what operators search by current in Temporal's visibility (status,
   * overdue, sanction; jurisdiction and unit from the start): the awaited and involved departments
   * and the next due time change at every hand-off, and the lists read them from the read model
   * (issue 23). core/host.ts beginProject sets it; runs started before keep every attribute current
   * (docs/compatibility.md, "Runs that keep every list attribute").
   */
  operatorAttributes?: 1;
  /**
   * The API's signature over this input (machines/policy.ts startEnvelope): only the product starts a
   * project. Absent only in runs started before starts were signed (docs/compatibility.md, "Unsigned starts").
   */
  command?: CommandSignature;
}

/**
 * Check a workflow input at the boundary. Hand-written rather than zod: the workflow bundle is
 * evaluated per cached project, and zod would be evaluated with it in each (worker memory per
 * project: docs/benchmarks.md).
 */
export function checkProjectInput(input: unknown): ProjectInput {
  const i = input as Partial<ProjectInput> | null;
  const fail = (field: string, rule: string) => {
    throw new TypeError(`project input: ${field} ${rule}`);
  };
  if (!i || typeof i !== 'object') return fail('(input)', 'must be an object');
  if (typeof i.projectId !== 'string' || !i.projectId || i.projectId.length > 200) fail('projectId', 'must be a non-empty string of at most 200 characters');
  if (typeof i.jurisdiction !== 'string' || !i.jurisdiction) fail('jurisdiction', 'must be a non-empty string');
  if (!Number.isInteger(i.chartVersion) || (i.chartVersion as number) < 1) fail('chartVersion', 'must be a positive integer');
  if (!i.application || typeof i.application !== 'object' || Array.isArray(i.application)) fail('application', 'must be an object');
  if (!i.submittedBy || typeof i.submittedBy.actor !== 'string' || typeof i.submittedBy.unit !== 'string') fail('submittedBy', 'must name actor and unit');
  if (i.historyEventLimit !== undefined && (!Number.isInteger(i.historyEventLimit) || i.historyEventLimit < 50 || i.historyEventLimit > 10_000))
    fail('historyEventLimit', 'must be an integer from 50 to 10000');
  if (i.submittedAt !== undefined && (typeof i.submittedAt !== 'string' || Number.isNaN(Date.parse(i.submittedAt))))
    fail('submittedAt', 'must be an ISO date-time');
  if (i.dueTimes !== undefined && (!Array.isArray(i.dueTimes) || i.dueTimes.some((d) => !d || typeof d.request !== 'string')))
    fail('dueTimes', 'must be a list of computed due times');
  if (i.auditChain !== undefined && i.auditChain !== 1) fail('auditChain', 'must be 1 when present');
  if (i.opinions !== undefined && i.opinions !== 1) fail('opinions', 'must be 1 when present');
  if (i.operatorAttributes !== undefined && i.operatorAttributes !== 1) fail('operatorAttributes', 'must be 1 when present');
  return i as ProjectInput;
}

/** The refusal carried by a failed update, if it was one. */
export function refusalOf(err: unknown): Refusal | undefined {
  let e = err as { type?: string; details?: unknown[]; cause?: unknown } | undefined;
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) {
    if (e.type === ACTION_REFUSED && Array.isArray(e.details)) return e.details[0] as Refusal;
  }
  return undefined;
}
