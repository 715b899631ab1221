import { z } from 'zod';
import { jurisdictions } from '../../machines/index.js';
import { PUBLIC_STATUSES } from '../../machines/shared/meta.js';
import type { Calendar } from '../../activities/calendar.js';
import type { HistoryEntry, ProjectView, TaskView } from '../../contracts/messages.js';
import { listScope, stepIsTheirs } from '../access.js';
import type { User } from '../identity.js';
import type { ProjectFilter, Projects, ProjectSummary } from '../projects-api.js';
import { dueState, type DueState } from './format.js';

/** Filters of the list pages, from the query string. */
export const listFilter = z.strictObject({
  jurisdiction: z
    .string()
    .regex(/^[a-z]+$/)
    .optional(),
  status: z
    .enum(Object.keys(PUBLIC_STATUSES) as [string, ...string[]])
    .or(z.literal(''))
    .optional(),
  /** A task id (step). */
  step: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/)
    .or(z.literal(''))
    .optional(),
  due: z.enum(['', 'overdue', 'soon', 'later', 'none']).optional(),
  sort: z.enum(['due', 'received', 'project']).default('due'),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

/** Rows a list page shows at once. */
export const PAGE_ROWS = 50;

/** One page of rows, and how many there are in all. */
export function pageOf<T>(rows: T[], page: number): { rows: T[]; total: number; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_ROWS));
  const p = Math.min(page, pages);
  return { rows: rows.slice((p - 1) * PAGE_ROWS, p * PAGE_ROWS), total: rows.length, page: p, pages };
}

/** A list page's filter. */
export type ListFilter = z.output<typeof listFilter>;

/** One task awaiting a department, as 待办 shows it. */
export interface TaskRow {
  view: ProjectView;
  task: TaskView;
  receivedAt: string;
  due: DueState;
}

/** What list pages need from the app. */
export interface WorklistDeps {
  /** Listings and views of listed projects come from its caches (server/projects.ts). */
  projects: Pick<Projects, 'listAll' | 'views'>;
  calendar: Calendar;
  reminderWorkingDays: number;
  now: () => Date;
}

/** Most projects a list page reads; more need a narrower filter. */
export const LIST_LIMIT = 5_000;

/**
 * When a task reached its department: the latest step of the project (an action, the application, a
 * deadline passing). Parallel reviews share it; the history has no per-region entry time.
 */
export function receivedAt(view: ProjectView): string {
  const steps = view.history.filter((h: HistoryEntry) => h.kind === 'action' || h.kind === 'submitted' || h.kind === 'deadline');
  return steps[steps.length - 1]?.at ?? view.submittedAt;
}

/** Visibility filters for a due filter, judged now. */
function dueClauses(due: ListFilter['due'], now: Date, days: number): Partial<ProjectFilter> {
  if (due === 'overdue') return { overdue: true };
  if (due === 'soon') return { dueBefore: new Date(now.getTime() + days * 86_400_000).toISOString() };
  return {};
}

/** Projects the page may list, through visibility; scope from the user, never from the query. */
export function listProjects(deps: WorklistDeps, user: User, extra: Partial<ProjectFilter>): Promise<ProjectSummary[]> {
  const { pageSize: _size, pageToken: _token, ...filter } = { ...extra, ...listScope(user) };
  return deps.projects.listAll(filter, LIST_LIMIT);
}

/** 待办: the tasks awaiting the user's department (or the applicant's unit), filtered and sorted. */
export async function taskRows(deps: WorklistDeps, user: User, f: ListFilter): Promise<TaskRow[]> {
  const now = deps.now();
  // The reminder window in calendar days is at most twice the working days (long holidays aside).
  const soonDays = Math.max(3, deps.reminderWorkingDays * 2 + 2);
  const summaries = await listProjects(deps, user, {
    awaiting: user.department,
    ...(f.status ? { status: f.status } : {}),
    ...dueClauses(f.due, now, soonDays),
  });
  const views = await deps.projects.views(summaries);
  const rows: TaskRow[] = views.flatMap((view) =>
    view.tasks
      .filter((t) => stepIsTheirs(user, view, t))
      .map((task) => ({ view, task, receivedAt: receivedAt(view), due: dueState(task, now, deps.calendar, deps.reminderWorkingDays) })),
  );
  return sortRows(
    rows.filter((r) => (!f.step || r.task.task === f.step) && matchesDue(r.due, f.due)),
    f.sort,
  );
}

function matchesDue(due: DueState, filter: ListFilter['due']): boolean {
  if (!filter) return true;
  if (filter === 'overdue') return due.light === 'red';
  if (filter === 'soon') return due.light === 'yellow' || due.light === 'red';
  if (filter === 'later') return due.light === 'green';
  return due.light === 'none';
}

function sortRows(rows: TaskRow[], sort: ListFilter['sort']): TaskRow[] {
  const key = (r: TaskRow) => (sort === 'due' ? (r.task.dueAt ?? '9999') : sort === 'received' ? r.receivedAt : r.view.title);
  return rows.sort((a, b) => (sort === 'received' ? key(b).localeCompare(key(a)) : key(a).localeCompare(key(b), 'zh-CN')));
}

/** A project row of 已办, 我的申报, 督办 and 全部项目. */
export interface ProjectRow {
  view: ProjectView;
  /** Tasks awaiting anyone, with their light. */
  tasks: Array<{ task: TaskView; due: DueState }>;
  /** For 已办: the department's latest action on the project. */
  lastAction?: HistoryEntry;
}

/** Project rows for a visibility filter, with each awaited task's light. */
export async function projectRows(deps: WorklistDeps, user: User, extra: Partial<ProjectFilter>, f: ListFilter): Promise<ProjectRow[]> {
  const now = deps.now();
  const soonDays = Math.max(3, deps.reminderWorkingDays * 2 + 2);
  const summaries = await listProjects(deps, user, { ...extra, ...(f.status ? { status: f.status } : {}), ...dueClauses(f.due, now, soonDays) });
  const views = await deps.projects.views(summaries);
  const rows = views.map((view) => ({
    view,
    tasks: view.tasks.map((task) => ({ task, due: dueState(task, now, deps.calendar, deps.reminderWorkingDays) })),
  }));
  return rows
    .filter((r) => !f.step || r.tasks.some((t) => t.task.task === f.step))
    .filter((r) => !f.due || r.tasks.some((t) => matchesDue(t.due, f.due)) || (f.due === 'overdue' && r.view.sanction))
    .sort((a, b) => {
      if (f.sort === 'project') return a.view.title.localeCompare(b.view.title, 'zh-CN');
      if (f.sort === 'received') return b.view.updatedAt.localeCompare(a.view.updatedAt);
      const due = (r: ProjectRow) => r.tasks.map((t) => t.task.dueAt ?? '9999').sort()[0] ?? '9999';
      return due(a).localeCompare(due(b));
    });
}

/** 已办: projects the department acted on, with its latest action. */
export async function doneRows(deps: WorklistDeps, user: User, f: ListFilter): Promise<ProjectRow[]> {
  const rows = await projectRows(deps, user, {}, f);
  return rows
    .map((r) => ({ ...r, lastAction: [...r.view.history].reverse().find((h) => h.kind === 'action' && h.department === user.department) }))
    .filter((r): r is ProjectRow & { lastAction: HistoryEntry } => r.lastAction !== undefined)
    .sort((a, b) => (f.sort === 'project' ? a.view.title.localeCompare(b.view.title, 'zh-CN') : b.lastAction.at.localeCompare(a.lastAction.at)));
}

/** Steps (task ids and titles) a jurisdiction's chart has, for the step filter. */
export function stepOptions(jurisdiction: string, titles: ReadonlyMap<string, string>): Array<{ value: string; label: string }> {
  if (!jurisdictions[jurisdiction]) return [];
  return [...titles].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}
