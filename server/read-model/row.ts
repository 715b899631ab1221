/**
 * A project as the lists hold it (issue 23): what every list, filter, search and statistic needs,
 * derived from the view the API already holds after a start, an action, a 催办 or a refresh. Pure;
 * Temporal stays the record, and a row is always rebuildable from it.
 */
import type { HistoryEntry, ProjectView, TaskView } from '../../contracts/messages.js';
import { ADDRESSING_KINDS } from '../../contracts/addressing.js';
import { fen, isAmount } from '../../machines/shared/money.js';
import { chinaDate } from '../../machines/shared/events.js';
import { caseOf, leaves } from '../case-file.js';
import type { ProjectSummary } from '../projects-api.js';

/** Statuses a project reaches only once its application was approved: its budget counts as approved (统计, 项目库). */
export const APPROVED_STATUSES: ReadonlySet<string> = new Set([
  'budgeting',
  'responsibility_filing',
  'procurement',
  'contract_filing',
  'in_construction',
  'change_review',
  'acceptance_filing',
  'rectification',
  'in_operation',
  'decommissioned',
]);

/** Application fields that split a regulation's projects into classes (莱州 第八条 projectClass, 淅川 projectType, 微山 track), in order of preference. */
export const CATEGORY_FIELDS = ['projectClass', 'projectType', 'track'] as const;

/** A department's latest action on the project, as 已办 shows it. */
export interface LastAction {
  task?: string;
  action?: string;
  at: string;
  actor?: string;
  comment?: string;
}

/** What one list row shows of a project; the JSON part of a row. */
export interface ListedProject {
  projectId: string;
  jurisdiction: string;
  jurisdictionName: string;
  title: string;
  applicantUnit: string;
  status: ProjectView['status'];
  statusLabel: string;
  sanction?: ProjectView['sanction'];
  execution?: ProjectView['execution'];
  final: boolean;
  submittedAt: string;
  updatedAt: string;
  /** When the latest step reached whoever now holds the project (an action, the application, a deadline passing). */
  receivedAt: string;
  historyTotal: number;
  tasks: TaskView[];
  offers: ProjectView['offers'];
  /** How often the project was escalated (上报), and the latest escalation's message. */
  escalations: { count: number; last?: string };
  /** Per task that answers a return: the return opinion it owes its revision to (issue 21). */
  returnNotes: Record<string, { comment: string; seq: number }>;
  /** Per department: its latest action. */
  lastActions: Record<string, LastAction>;
  /** The project's class or track where the regulation splits them (莱州 projectClass, 淅川 projectType, 微山 track). */
  category?: string;
  planYear: number;
  /** The total budget asked for, in 分 (元 × 100). */
  requestedFen?: number;
  /** The same once the application was approved (APPROVED_STATUSES). */
  approvedFen?: number;
  /** Document numbers (文号) the application and its steps carry, for search. */
  docNumbers: string[];
}

/** A row of the read model: the columns lists filter and sort by, and the listed project. */
export interface ReadRow {
  projectId: string;
  jurisdiction: string;
  /** The history total: a row is replaced only by one of a higher version. */
  version: number;
  /** Departments with an open task or offer now. */
  awaiting: string[];
  /** Departments the trail addressed: acted, notified, copied, reminded, escalated to. Only grows. */
  involved: string[];
  /** Open task ids. */
  steps: string[];
  nextDueAt?: string;
  /** Lower-case text searched by 搜索: title, unit, project id and 文号. */
  search: string;
  project: ListedProject;
}

/** Every `ref` (文号) of a document reference inside a value, by the case file's own walk of its fields. */
const refsIn = (value: unknown, out: Set<string>) => {
  for (const l of leaves(value)) if (l.path[l.path.length - 1] === 'ref' && typeof l.value === 'string' && l.value.trim()) out.add(l.value.trim());
};

/**
 * The row of a view. `trail` is what is known of the audit trail (the view's latest entries by
 * default; the whole trail on a rebuild): departments it addressed are merged with those the
 * stored row already has, since the view's window may no longer hold them.
 */
export function rowOf(view: ProjectView, trail: readonly HistoryEntry[] = view.history): ReadRow {
  const steps = trail.filter((h) => h.kind === 'action' || h.kind === 'submitted' || h.kind === 'deadline');
  const receivedAt = steps[steps.length - 1]?.at ?? view.submittedAt;
  const lastActions: Record<string, LastAction> = {};
  for (const h of trail) {
    if (h.kind !== 'action' || !h.department) continue;
    lastActions[h.department] = {
      at: h.at,
      ...(h.task ? { task: h.task } : {}),
      ...(h.action ? { action: h.action } : {}),
      ...(h.actor ? { actor: h.actor } : {}),
      ...(h.comment ? { comment: h.comment } : {}),
    };
  }
  const returnNotes: ListedProject['returnNotes'] = {};
  for (const t of view.tasks) {
    if (!t.actions.includes('submit')) continue;
    const ret = caseOf(trail, t.task, true).lastReturn;
    if (ret?.comment) returnNotes[t.task] = { comment: ret.comment, seq: ret.seq };
  }
  const app = view.application ?? {};
  const category = CATEGORY_FIELDS.map((k) => app[k]).find((v): v is string => typeof v === 'string');
  const requestedFen = isAmount(app.totalBudget) ? fen(app.totalBudget) : undefined;
  const planYear = typeof app.planYear === 'number' ? app.planYear : Number(chinaDate(view.submittedAt).slice(0, 4));
  const refs = new Set<string>();
  refsIn(app, refs);
  for (const h of trail) refsIn(h.data, refs);
  const docNumbers = [...refs].slice(0, 100);
  const open = [...view.tasks, ...view.offers];
  const dues = view.tasks
    .map((t) => t.dueAt)
    .filter((d): d is string => Boolean(d))
    .sort();
  const involved = new Set<string>();
  for (const h of trail) if (ADDRESSING_KINDS.has(h.kind) && h.department) involved.add(h.department);
  const project: ListedProject = {
    projectId: view.projectId,
    jurisdiction: view.jurisdiction,
    jurisdictionName: view.jurisdictionName,
    title: view.title,
    applicantUnit: view.applicantUnit,
    status: view.status,
    statusLabel: view.statusLabel,
    ...(view.sanction ? { sanction: view.sanction } : {}),
    ...(view.execution ? { execution: view.execution } : {}),
    final: view.final,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    receivedAt,
    historyTotal: view.historyTotal,
    tasks: view.tasks,
    offers: view.offers,
    escalations: {
      count: view.escalations.length,
      ...(view.escalations.length ? { last: view.escalations[view.escalations.length - 1]!.message } : {}),
    },
    returnNotes,
    lastActions,
    ...(category ? { category } : {}),
    planYear,
    ...(requestedFen !== undefined ? { requestedFen } : {}),
    ...(requestedFen !== undefined && APPROVED_STATUSES.has(view.status) ? { approvedFen: requestedFen } : {}),
    docNumbers,
  };
  return {
    projectId: view.projectId,
    jurisdiction: view.jurisdiction,
    version: view.historyTotal,
    awaiting: [...new Set(open.map((t) => t.department))],
    involved: [...involved],
    steps: [...new Set(open.map((t) => t.task))],
    ...(dues[0] ? { nextDueAt: dues[0] } : {}),
    search: [view.projectId, view.title, view.applicantUnit, ...docNumbers].join('\n').toLowerCase(),
    project,
  };
}

/** A listed project as GET /v1/projects answers it. */
export function summaryOf(p: ListedProject): ProjectSummary {
  const due = p.tasks
    .map((t) => t.dueAt)
    .filter((d): d is string => Boolean(d))
    .sort()[0];
  const overdue = p.tasks
    .filter((t) => t.overdue && t.dueAt)
    .map((t) => t.dueAt!)
    .sort()[0];
  return {
    projectId: p.projectId,
    jurisdiction: p.jurisdiction,
    title: p.title,
    status: p.status,
    statusLabel: p.execution?.label ?? p.statusLabel,
    awaitingDepartments: [...new Set([...p.tasks, ...p.offers].map((t) => t.department))],
    ...(due ? { nextDueAt: due } : {}),
    ...(overdue ? { overdueSince: overdue } : {}),
    applicantUnit: p.applicantUnit,
    ...(p.sanction ? { sanction: p.sanction.level } : {}),
    startedAt: p.submittedAt,
    updatedAt: p.updatedAt,
    planYear: p.planYear,
    ...(p.category ? { category: p.category } : {}),
    ...(p.requestedFen !== undefined ? { requestedFen: p.requestedFen } : {}),
    ...(p.approvedFen !== undefined ? { approvedFen: p.approvedFen } : {}),
    running: !p.final && !p.execution,
  };
}
