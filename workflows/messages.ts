import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Refusal } from '../machines/inspect.js';
import type { SignedAction } from '../machines/policy.js';
import type { PublicStatus, SanctionLevel, TaskAction } from '../machines/shared/meta.js';

/** Name of the workflow type the worker registers and the API starts. */
export const PROJECT_WORKFLOW = 'projectWorkflow';

/** Type of the ApplicationFailure an update validator throws; its first detail is a Refusal. */
export const ACTION_REFUSED = 'ActionRefused';

/** A durable deadline or service-level timer, with its absolute due instant. */
export interface Timer {
  key: string;
  kind: 'deadline' | 'serviceLevel';
  stateId: string;
  /** Deadline id, or task id for a service level. */
  id: string;
  title: string;
  article: string;
  department?: string;
  lastDay?: string;
  dueAt?: string;
  /** When the reminder (催办) goes to the awaited department, and whether it went. */
  remindAt?: string;
  reminded?: boolean;
  /** When a service level still not met escalates a second level up, and whether it did. */
  secondLevelAt?: string;
  escalatedTwice?: boolean;
  /** Why no due time could be computed (e.g. a year without holiday data); retried at retryAt. */
  error?: string;
  retryAt?: string;
  fired: boolean;
}

/** One entry of a project's audit trail. */
export interface HistoryEntry {
  seq: number;
  at: string;
  kind: 'submitted' | 'action' | 'deadline' | 'reminder' | 'escalation' | 'notification' | 'system';
  /** For escalations: 1 at the time limit, 2 beyond it. */
  level?: number;
  message: string;
  task?: string;
  action?: TaskAction | string;
  department?: string;
  actor?: string;
  /** The user whose credential acted. */
  userId?: string;
  comment?: string;
  article?: string;
  data?: Record<string, unknown>;
  fromStatus?: PublicStatus;
  toStatus?: PublicStatus;
  /** The idempotency key the action came with. */
  requestId?: string;
  /** What the key was used for (machines/policy.ts bodyHash), so its reuse for another body is refused. */
  bodyHash?: string;
}

/** A task in the public view. */
export interface TaskView {
  task: string;
  title: string;
  department: string;
  departmentName: string;
  article: string;
  actions: TaskAction[];
  dueAt?: string;
  deadline?: { id: string; title: string; article: string; lastDay?: string; dueAt?: string; error?: string };
  overdue: boolean;
  /** 0 on time, 1 escalated at the limit, 2 escalated again beyond it. */
  escalationLevel: number;
  remindedAt?: string;
}

/** What anyone allowed to see a project sees: stable terms, never internal state paths. */
export interface ProjectView {
  projectId: string;
  jurisdiction: string;
  jurisdictionName: string;
  chartVersion: number;
  title: string;
  applicantUnit: string;
  status: PublicStatus;
  statusLabel: string;
  sanction?: { level: SanctionLevel; label: string };
  final: boolean;
  tasks: TaskView[];
  offers: Array<{ task: string; title: string; department: string; departmentName: string; article: string; actions: TaskAction[] }>;
  escalations: HistoryEntry[];
  /** State node ids to highlight on the chart. */
  activeStates: string[];
  /** The latest history entries (see historyTotal); the audit trail has them all. */
  history: HistoryEntry[];
  historyTotal: number;
  submittedAt: string;
  updatedAt: string;
}

/** Input of an action update: the request, its idempotency key and body hash, signed by the API (machines/policy.ts). */
export type ActInput = SignedAction;

/** A reviewer's or applicant's action on a task. */
export const actUpdate = defineUpdate<ProjectView, [ActInput]>('act');
/** Who sends a reminder (催办) by hand: a supervisor of the project's jurisdiction. */
export interface RemindInput {
  /** The awaited task to remind its department of. */
  task: string;
  by: { userId: string; name: string; department: string; jurisdiction: string; roles: string[] };
  /** Idempotency key: the same reminder sent twice is recorded once. */
  requestId?: string;
}

/** A supervisor's 催办: the awaited department is notified, and the history records who sent it. */
export const remindUpdate = defineUpdate<ProjectView, [RemindInput]>('remind');
/** The public view. */
export const viewQuery = defineQuery<ProjectView>('view');
/** The full audit trail including payloads. */
export const auditQuery = defineQuery<HistoryEntry[]>('audit');

/** State carried into a new run by continue-as-new. */
export interface Carried {
  snapshot: { value: unknown; context: unknown };
  timers: Timer[];
  history: HistoryEntry[];
  submittedAt: string;
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
  carried?: Carried;
}

/**
 * Check a workflow input at the boundary. Hand-written rather than zod: the workflow bundle is
 * evaluated per cached project, and zod alone would cost about a megabyte each.
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
