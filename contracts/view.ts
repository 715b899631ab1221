/**
 * What a project looks like from outside the workflow: its public view, its audit trail and its
 * timers. The API, the pages and the workflow share these types; nothing here runs.
 */
import type { PublicStatus, SanctionLevel, TaskAction } from '../machines/shared/meta.js';

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
  kind: 'submitted' | 'action' | 'deadline' | 'reminder' | 'escalation' | 'notification' | 'system' | 'document';
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
  /** The API's signature the action was accepted with (machines/policy.ts CommandSignature). */
  command?: { keyId: string; issuedAt: string; signature: string };
  /** The credential's identity the API signed with the command (machines/policy.ts Identity). */
  identity?: { userId: string; jurisdiction: string; department: string; roles: string[]; unit?: string };
  /** On a 'document' entry: the opinion or approval the authority issued for a decision (issue 21 item 4). */
  issued?: IssuedDocument;
  /**
   * SHA-256 of the previous entry's hash ‖ this entry's canonical JSON without its hash (core/chain.ts);
   * absent on entries recorded before the chain (docs/compatibility.md, "Audit entries without a hash").
   */
  hash?: string;
}

/**
 * A document the authority issued for a decision (审核意见, 评审意见, 审查意见, 实施意见, 批复, 备案意见,
 * 整改通知), numbered in its department's 文号 sequence and kept in the document store: the history
 * holds its id and SHA-256, never its bytes.
 */
export interface IssuedDocument {
  /** What it is, as the regulations name it, e.g. 评审意见. */
  kind: string;
  /** Its 文号, e.g. 微山县大数据局〔2026〕3号: the department's sequence for the year, without gaps or repeats. */
  number: string;
  /** The sequence number of the decision entry it sets down. */
  for: number;
  document: { id: string; sha256: string; name: string; size: number; type: string };
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
  /** The latest supervisor's 催办 since the task was last decided on: who, when, and how many there were. */
  urged?: { by: string; at: string; count: number };
}

/** What anyone allowed to see a project sees: stable terms, never internal state paths. */
export interface ProjectView {
  projectId: string;
  jurisdiction: string;
  jurisdictionName: string;
  chartVersion: number;
  title: string;
  applicantUnit: string;
  /**
   * The whole application as it was validated at submission (amounts as `{ fen }`, or whole yuan on
   * projects from before 角/分): the chart's own context, which no step changes. Absent only from an
   * action's answer that carries `historySince`, which the API completes from the view it held.
   */
  application?: Record<string, unknown>;
  status: PublicStatus;
  statusLabel: string;
  sanction?: { level: SanctionLevel; label: string };
  final: boolean;
  tasks: TaskView[];
  offers: Array<{ task: string; title: string; department: string; departmentName: string; article: string; actions: TaskAction[] }>;
  escalations: HistoryEntry[];
  /** State node ids to highlight on the chart. */
  activeStates: string[];
  /** The latest history entries (see historyTotal), with each step's data; the audit trail has them all, with their signatures. */
  history: HistoryEntry[];
  historyTotal: number;
  /**
   * Opinions decided and not yet issued as documents (docs/documents.md, "Opinions the authority
   * issues"): each decision's entry and what it is issued as; absent once every one is issued.
   */
  issuing?: Array<{ for: number; kind: string }>;
  /**
   * Only in an action's answer to a caller that already held the entries up to this one
   * (AnswerShape.since): `history` then holds the entry at `since` and those after it alone. The API completes the
   * view from the one it held (server/view-memory.ts) before anyone outside sees it.
   */
  historySince?: number;
  submittedAt: string;
  updatedAt: string;
  /**
   * Set by the API, never by the workflow: the project's workflow was ended outside the product
   * (terminated, failed, cancelled, timed out: server/execution.ts), when, and the status it was in.
   */
  execution?: { state: 'terminated' | 'failed' | 'canceled' | 'timedOut'; label: string; closedAt?: string; lastStatusLabel: string };
  /**
   * Set by the API, never by the workflow: the project's workflow was reset outside the product (`temporal workflow
   * reset`, the Web UI) at this time; Temporal reapplied the actions after the reset point (workflows/reset.ts), and
   * the project runs on (issue 20 item 3).
   */
  reset?: { at: string };
}
