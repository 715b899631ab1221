import { z } from 'zod';
import { jurisdictions } from '../../machines/index.js';
import { PUBLIC_STATUSES } from '../../machines/shared/meta.js';
import type { Calendar } from '../../activities/calendar.js';
import type { TaskView } from '../../contracts/messages.js';
import { listScope, stepIsTheirs } from '../access.js';
import { HttpError } from '../errors.js';
import type { User } from '../identity.js';
import { readLists, type ReadModelKeeper } from '../read-model/keeper.js';
import type { LastAction, ListedProject } from '../read-model/row.js';
import type { DueFilter, RowFilter, Statistics } from '../read-model/store.js';
import { dueState, soonUntil, type DueState } from './format.js';

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
  /** Searched literally in title, unit, 文号 and project id. */
  q: z.string().trim().max(100, '搜索内容最多 100 个字').optional(),
  /** 申报年度 (the plan year). */
  year: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int('年度应为整数').min(2000, '年度应在 2000 至 2100 之间').max(2100, '年度应在 2000 至 2100 之间').optional(),
  ),
  /** One applying unit's projects (统计's links by unit). */
  unit: z.string().trim().max(100, '申报单位最多 100 个字').optional(),
  /** A class or track where the regulation splits projects (莱州 projectClass, 淅川 projectType, 微山 track). */
  category: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '项目类别无效')
    .or(z.literal(''))
    .optional(),
  /** The cursor of the page before (keyset pages). */
  after: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,600}$/, '分页标记无效')
    .optional(),
  /** Kept for saved views and links from before keyset pages; the first page. */
  page: z.coerce.number().int().min(1).max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
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
  view: ListedProject;
  task: TaskView;
  receivedAt: string;
  due: DueState;
}

/** What list pages need from the app. */
export interface WorklistDeps {
  /** The read model every list reads (server/read-model), and how up to date it is. */
  lists: ReadModelKeeper;
  calendar: Calendar;
  reminderWorkingDays: number;
  now: () => Date;
}

/** One page of a list: its rows, how many match in all, the next page's cursor, and whether a change may be missing. */
export interface ListPage<T> {
  rows: T[];
  total: number;
  next?: string;
  /** The lists are being brought up to date (the store is down, behind, or being rebuilt). */
  stale: boolean;
}

/** The read model's due filter for a page's, judged now. */
function dueOf(deps: WorklistDeps, due: ListFilter['due']): DueFilter | undefined {
  if (!due) return undefined;
  const now = deps.now();
  return { due, now: now.toISOString(), soonUntil: soonUntil(now, deps.calendar, deps.reminderWorkingDays) };
}

/** What every list filters by, from the page's filter; scope from the user, never from the query. */
function rowFilter(deps: WorklistDeps, user: User, f: ListFilter): Omit<RowFilter, 'sort'> {
  const due = dueOf(deps, f.due);
  return {
    scope: listScope(user),
    ...(f.status ? { status: f.status } : {}),
    ...(f.step ? { step: f.step } : {}),
    ...(f.q ? { q: f.q } : {}),
    ...(f.year ? { planYear: f.year } : {}),
    ...(f.unit ? { applicantUnit: f.unit } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(due ? { due } : {}),
    ...(f.after ? { after: f.after } : {}),
    limit: f.limit ?? PAGE_ROWS,
  };
}

/** A cursor the store refuses, as the pages name it. */
const badAfter = (err: Error) => new HttpError(400, 'invalid_request', err.message, [{ field: 'query.after', rule: 'unknown_page', message: err.message }]);

/** 待办: the tasks awaiting the user's department (or the applicant's unit), one page, filtered and sorted. */
export async function taskRows(deps: WorklistDeps, user: User, f: ListFilter): Promise<ListPage<TaskRow>> {
  const now = deps.now();
  const filter = rowFilter(deps, user, f);
  const page = await readLists(
    deps.lists,
    (model) =>
      model.tasks({
        ...filter,
        department: user.department,
        ...(user.department === 'applicant' ? { unit: user.unit ?? '' } : {}),
        sort: f.sort === 'project' ? 'project' : f.sort === 'received' ? 'received' : 'due',
      }),
    badAfter,
  );
  const rows = page.rows.flatMap((hit) => {
    const task = hit.project.tasks.find((t) => t.task === hit.step && t.department === hit.department);
    return task && stepIsTheirs(user, hit.project, task)
      ? [{ view: hit.project, task, receivedAt: hit.project.receivedAt, due: dueState(task, now, deps.calendar, deps.reminderWorkingDays) }]
      : [];
  });
  return { rows, total: page.total, ...(page.next ? { next: page.next } : {}), stale: deps.lists.stale() };
}

/** A project row of 已办, 我的申报, 督办 and 全部项目. */
export interface ProjectRow {
  view: ListedProject;
  /** Tasks awaiting anyone, with their light. */
  tasks: Array<{ task: TaskView; due: DueState }>;
  /** For 已办: the department's latest action on the project. */
  lastAction?: LastAction;
}

/** One page of project rows, with each awaited task's light. */
export async function projectRows(deps: WorklistDeps, user: User, extra: Partial<RowFilter>, f: ListFilter): Promise<ListPage<ProjectRow>> {
  const now = deps.now();
  const page = await readLists(
    deps.lists,
    (model) =>
      model.projects({
        ...rowFilter(deps, user, f),
        sort: f.sort === 'project' ? 'project' : f.sort === 'received' ? 'received' : 'due',
        ...extra,
      }),
    badAfter,
  );
  const rows = page.rows.map((view) => ({
    view,
    tasks: view.tasks.map((task) => ({ task, due: dueState(task, now, deps.calendar, deps.reminderWorkingDays) })),
    ...(extra.actedBy && view.lastActions[extra.actedBy] ? { lastAction: view.lastActions[extra.actedBy] } : {}),
  }));
  return { rows, total: page.total, ...(page.next ? { next: page.next } : {}), stale: deps.lists.stale() };
}

/** 统计 and 项目库's totals: the figures of the projects a list with this filter holds. */
export function statisticsOf(deps: WorklistDeps, user: User, f: ListFilter): Promise<Statistics> {
  const { after: _after, limit: _limit, ...filter } = rowFilter(deps, user, f);
  return readLists(deps.lists, (model) => model.statistics({ ...filter, now: deps.now().toISOString() }), badAfter);
}

/** 已办: projects the department acted on, with its latest action, the latest first (or by title). */
export function doneRows(deps: WorklistDeps, user: User, f: ListFilter): Promise<ListPage<ProjectRow>> {
  return projectRows(deps, user, { actedBy: user.department, sort: f.sort === 'project' ? 'project' : 'acted' }, f);
}

/** Steps (task ids and titles) a jurisdiction's chart has, for the step filter. */
export function stepOptions(jurisdiction: string, titles: ReadonlyMap<string, string>): Array<{ value: string; label: string }> {
  if (!jurisdictions[jurisdiction]) return [];
  return [...titles].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}
