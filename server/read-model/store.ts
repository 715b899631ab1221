/**
 * The read model (issue 23): rows per project and per open task, written with a version guard from
 * the views the API holds, and read by every list. Temporal stays the record; the workflow never
 * reads this. Every value reaches SQL as a parameter, never as text.
 */
import type { ListedProject, ReadRow } from './row.js';
import { migrate, type Queryable, type Sql } from './sql.js';

/** How a list is sorted. `acted`: by the department's latest action (已办). */
export type ListSort = 'due' | 'received' | 'project' | 'acted';

/** A due filter, judged by the caller's clock and calendar: `soonUntil` is the end of the reminder window. */
export interface DueFilter {
  due: 'overdue' | 'soon' | 'later' | 'none';
  now: string;
  soonUntil: string;
}

/** Which projects a user's lists hold (server/access.ts listScope). */
export interface RowScope {
  jurisdiction: string;
  /** Absent: the whole jurisdiction. Otherwise the unit's projects, or those a department awaits or was addressed by. */
  of?: { applicantUnit?: string; department?: string };
}

/** Filters common to both lists. */
export interface RowFilter {
  scope: RowScope;
  status?: string;
  step?: string;
  due?: DueFilter;
  /** Overdue, escalated or under a sanction (督办). */
  flagged?: { now: string };
  /** Searched in title, unit, 文号 and project id; any text, matched literally. */
  q?: string;
  /** Only projects this department acted on (已办). */
  actedBy?: string;
  planYear?: number;
  category?: string;
  applicantUnit?: string;
  /** Only projects with an open step of this department. */
  awaiting?: string;
  /** Only projects whose earliest time limit is at or before this instant. */
  dueBefore?: string;
  sort: ListSort;
  /** The cursor of the page before (keyset). */
  after?: string;
  limit: number;
}

/** 待办: the department's own open tasks (for the applying side, its own unit's). */
export interface TaskFilter extends Omit<RowFilter, 'actedBy' | 'flagged' | 'awaiting' | 'dueBefore'> {
  department: string;
  /** The applying side: only this unit's tasks. */
  unit?: string;
}

/** What 统计 and 项目库's totals count: a user's scope and a list's filters; `now` judges what is overdue. */
export interface StatisticsFilter extends Pick<RowFilter, 'scope' | 'status' | 'step' | 'due' | 'q' | 'planYear' | 'category' | 'applicantUnit'> {
  now: string;
}

/** A group of projects: how many, and their budgets asked for and approved, in 分. */
export interface StatBucket {
  key: string;
  count: number;
  requestedFen: number;
  approvedFen: number;
}

/** 统计's figures (ReadModel.statistics). */
export interface Statistics {
  total: StatBucket;
  byStatus: StatBucket[];
  byUnit: StatBucket[];
  byYear: StatBucket[];
  /** By class or track, where the regulation splits projects (empty where none has one). */
  byCategory: StatBucket[];
  /** Projects with a time limit passed on an open task. */
  overdue: number;
  /** Projects with an open task escalated (上报). */
  escalated: number;
  sanctions: Array<{ key: string; count: number }>;
}

/** One page of a list: its rows, how many match in all, and the cursor of the next page. */
export interface Page<T> {
  rows: T[];
  total: number;
  next?: string;
}

/** A 待办 row: the project and which of its open tasks. */
export interface TaskHit {
  project: ListedProject;
  step: string;
  department: string;
}

/** The cursor is refused (not one this store made, or from another sort). */
export class BadCursor extends Error {
  constructor() {
    super('分页标记无效，请从第一页重新查询');
    this.name = 'BadCursor';
  }
}

const FAR = '9999-12-31T00:00:00.000Z';

/** `like` text for a literal search string. */
const likeOf = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A WHERE clause under construction, with its numbered parameters. */
class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  /** A parameter's placeholder. */
  param(v: unknown): string {
    return `$${this.params.push(v)}`;
  }
  add(sql: (p: (v: unknown) => string) => string): this {
    this.parts.push(sql((v) => this.param(v)));
    return this;
  }
  get text(): string {
    return this.parts.length ? `where ${this.parts.join(' and ')}` : '';
  }
}

function encodeCursor(sort: ListSort, key: unknown[]): string {
  return Buffer.from(JSON.stringify([sort, ...key])).toString('base64url');
}

function decodeCursor(sort: ListSort, cursor: string, length: number): string[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed[0] !== sort || parsed.length !== length + 1 || !parsed.slice(1).every((v) => typeof v === 'string')) throw new Error();
    return parsed.slice(1) as string[];
  } catch {
    throw new BadCursor();
  }
}

/** The part of a row filter both tables share, on `read_projects p`. */
function projectClauses(w: Where, f: Omit<RowFilter, 'sort' | 'limit' | 'after'>): void {
  w.add((p) => `p.jurisdiction = ${p(f.scope.jurisdiction)}`);
  if (f.status) w.add((p) => `p.status = ${p(f.status)}`);
  if (f.q) w.add((p) => `p.search like ${p(likeOf(f.q!))} escape '\\'`);
  if (f.planYear !== undefined) w.add((p) => `p.plan_year = ${p(f.planYear)}`);
  if (f.category) w.add((p) => `p.category = ${p(f.category)}`);
  if (f.applicantUnit) w.add((p) => `p.applicant_unit = ${p(f.applicantUnit)}`);
}

/** A user's scope below the jurisdiction (the unit's projects, or those a department awaits or was addressed by); false when it holds none. */
function scopeClause(w: Where, scope: RowScope): boolean {
  const of = scope.of;
  if (!of) return true;
  const either: string[] = [];
  if (of.applicantUnit !== undefined) either.push(`p.applicant_unit = ${w.param(of.applicantUnit)}`);
  if (of.department) {
    const d = w.param([of.department]);
    either.push(`p.awaiting @> ${d}::text[]`, `p.involved @> ${d}::text[]`);
  }
  if (either.length === 0) return false;
  w.parts.push(`(${either.join(' or ')})`);
  return true;
}

/** An open step, and a due light of an open task (overdue also counts a sanction), as the project lists filter. */
function stepAndDueClauses(w: Where, f: Pick<RowFilter, 'step' | 'due'>): void {
  if (f.step) w.add((p) => `p.steps @> array[${p(f.step)}]::text[]`);
  if (f.due) {
    const due = f.due;
    w.add(
      (p) =>
        `(exists (select 1 from read_tasks t where t.project_id = p.project_id and ${dueClause(p, due)})${due.due === 'overdue' ? ' or p.sanction is not null' : ''})`,
    );
  }
}

/** A task's due light as SQL on `t` (server/pages/format.ts dueState, with the window's end given). */
function dueClause(p: (v: unknown) => string, d: DueFilter, t = 't'): string {
  const red = `(${t}.overdue or ${t}.due_at <= ${p(d.now)})`;
  if (d.due === 'overdue') return red;
  if (d.due === 'none') return `${t}.due_at is null`;
  const soon = `(${t}.due_at is not null and (${red} or ${t}.due_at <= ${p(d.soonUntil)} or ${t}.reminded))`;
  return d.due === 'soon' ? soon : `(${t}.due_at is not null and not ${soon})`;
}

/** The read model over one SQL store. */
export class ReadModel {
  private constructor(
    readonly sql: Sql,
    /** The schema migrated: every call waits for it. */
    private readonly ready: Promise<unknown>,
  ) {}

  /** Open over a store, migrating its schema. */
  static async open(sql: Sql): Promise<ReadModel> {
    const model = new ReadModel(sql, migrate(sql));
    await model.ready;
    return model;
  }

  /** Open at once, migrating behind: the first call waits for it (a store opened where no await fits, as a test app is). */
  static lazy(sql: Sql): ReadModel {
    return new ReadModel(sql, migrate(sql));
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  /**
   * Write rows, each replacing the stored one only when its version is not lower (a write may
   * arrive twice, late or out of order). Departments addressed and departments' latest actions
   * merge with what the row had: the view's window may no longer hold them. Answers how many rows changed.
   */
  async write(rows: readonly ReadRow[]): Promise<number> {
    await this.ready;
    let changed = 0;
    for (const r of rows) {
      const written = await this.sql.transaction(async (tx) => {
        const x = r.project;
        const { rows: done } = await tx.query<{ project_id: string }>(
          `insert into read_projects as o (project_id, jurisdiction, version, title, applicant_unit, status, final, sanction, category, plan_year,
             requested_fen, approved_fen, next_due_at, submitted_at, updated_at, received_at, awaiting, involved, steps, search, project)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
           on conflict (project_id) do update set
             version = excluded.version, title = excluded.title, applicant_unit = excluded.applicant_unit, status = excluded.status,
             final = excluded.final, sanction = excluded.sanction, category = excluded.category, plan_year = excluded.plan_year,
             requested_fen = excluded.requested_fen, approved_fen = excluded.approved_fen, next_due_at = excluded.next_due_at,
             submitted_at = excluded.submitted_at, updated_at = excluded.updated_at, received_at = excluded.received_at,
             awaiting = excluded.awaiting, steps = excluded.steps, search = excluded.search,
             involved = array(select distinct unnest(o.involved || excluded.involved)),
             project = excluded.project || jsonb_build_object('lastActions', coalesce(o.project->'lastActions', '{}'::jsonb) || (excluded.project->'lastActions')),
             written_at = now()
           where o.version <= excluded.version
           returning project_id`,
          [
            r.projectId,
            r.jurisdiction,
            r.version,
            x.title,
            x.applicantUnit,
            x.status,
            x.final || x.execution !== undefined,
            x.sanction?.level ?? null,
            x.category ?? null,
            x.planYear,
            x.requestedFen ?? null,
            x.approvedFen ?? null,
            r.nextDueAt ?? null,
            x.submittedAt,
            x.updatedAt,
            x.receivedAt,
            r.awaiting,
            r.involved,
            r.steps,
            r.search,
            JSON.stringify(x),
          ],
        );
        if (done.length === 0) return false;
        await tx.query('delete from read_tasks where project_id = $1', [r.projectId]);
        for (const t of x.execution ? [] : x.tasks) {
          await tx.query(
            `insert into read_tasks (project_id, step, department, jurisdiction, applicant_unit, title, due_at, overdue, reminded, escalation_level, received_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing`,
            [
              r.projectId,
              t.task,
              t.department,
              r.jurisdiction,
              x.applicantUnit,
              x.title,
              t.dueAt ?? null,
              t.overdue,
              Boolean(t.remindedAt),
              t.escalationLevel,
              x.receivedAt,
            ],
          );
        }
        return true;
      });
      if (written) changed++;
    }
    return changed;
  }

  /** The stored version of a project, or undefined. */
  async versionOf(projectId: string): Promise<number | undefined> {
    await this.ready;
    const { rows } = await this.sql.query<{ version: number }>('select version from read_projects where project_id = $1', [projectId]);
    return rows[0]?.version;
  }

  /** The stored versions of projects (those it holds). */
  async versions(projectIds: readonly string[]): Promise<Map<string, number>> {
    await this.ready;
    const { rows } = await this.sql.query<{ project_id: string; version: number }>('select project_id, version from read_projects where project_id = any($1)', [
      projectIds,
    ]);
    return new Map(rows.map((r) => [r.project_id, r.version]));
  }

  /** How many projects it holds. */
  async size(): Promise<number> {
    await this.ready;
    const { rows } = await this.sql.query<{ n: number }>('select count(*)::int as n from read_projects');
    return rows[0]?.n ?? 0;
  }

  /** Note that a command on the project is under way (its row is refreshed at start if the process dies before writing it). */
  async intend(projectId: string, at: Date): Promise<void> {
    await this.ready;
    await this.sql.query('insert into read_intents (project_id, at) values ($1, $2) on conflict (project_id) do update set at = excluded.at', [
      projectId,
      at.toISOString(),
    ]);
  }

  /** The command's row is written (or its project is refreshed). */
  async settle(projectIds: readonly string[]): Promise<void> {
    await this.ready;
    if (projectIds.length) await this.sql.query('delete from read_intents where project_id = any($1)', [projectIds]);
  }

  /** Projects with a command under way or unfinished. */
  async intents(): Promise<string[]> {
    await this.ready;
    const { rows } = await this.sql.query<{ project_id: string }>('select project_id from read_intents order by at');
    return rows.map((r) => r.project_id);
  }

  /** Open projects whose earliest time limit passed in (from, to]: the workflow's timers changed them on their own. */
  async dueBetween(from: string, to: string): Promise<string[]> {
    await this.ready;
    const { rows } = await this.sql.query<{ project_id: string }>('select distinct project_id from read_tasks where due_at > $1 and due_at <= $2', [from, to]);
    return rows.map((r) => r.project_id);
  }

  async getMeta(key: string): Promise<string | undefined> {
    await this.ready;
    const { rows } = await this.sql.query<{ value: string }>('select value from read_meta where key = $1', [key]);
    return rows[0]?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.ready;
    await this.sql.query('insert into read_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value', [key, value]);
  }

  /**
   * Remove the rows of every project not in `projectIds` and not written since `writtenBefore` (the
   * store's clock): after a rebuild, projects Temporal no longer holds, never one started meanwhile.
   */
  async retain(projectIds: readonly string[], writtenBefore: string): Promise<number> {
    await this.ready;
    const { rows } = await this.sql.query<{ project_id: string }>(
      'delete from read_projects where not (project_id = any($1)) and written_at < $2 returning project_id',
      [projectIds, writtenBefore],
    );
    return rows.length;
  }

  /** The store's own clock (rows' `written_at` are on it). */
  async clock(): Promise<string> {
    await this.ready;
    const { rows } = await this.sql.query<{ now: Date | string }>('select now() as now');
    return new Date(rows[0]!.now).toISOString();
  }

  /** Empty the store as if new: rows, intents and what it noted (when it was built, swept, alive). */
  async clear(): Promise<void> {
    await this.ready;
    await this.sql.transaction(async (tx: Queryable) => {
      await tx.query('delete from read_tasks');
      await tx.query('delete from read_projects');
      await tx.query('delete from read_intents');
      await tx.query('delete from read_meta');
    });
  }

  /** 待办: one page of a department's open tasks. */
  async tasks(f: TaskFilter): Promise<Page<TaskHit>> {
    await this.ready;
    const w = new Where();
    projectClauses(w, f);
    w.add((p) => `t.jurisdiction = ${p(f.scope.jurisdiction)} and t.department = ${p(f.department)}`);
    if (f.unit !== undefined) w.add((p) => `t.applicant_unit = ${p(f.unit)}`);
    if (f.step) w.add((p) => `t.step = ${p(f.step)}`);
    if (f.due) w.add((p) => dueClause(p, f.due!));
    const from = 'from read_tasks t join read_projects p on p.project_id = t.project_id';
    const total = await this.count(`select count(*)::int as n ${from} ${w.text}`, w.params);
    const { key, desc } = {
      due: { key: `coalesce(t.due_at, '${FAR}'::timestamptz)`, desc: false },
      received: { key: 't.received_at', desc: true },
      project: { key: 't.title', desc: false },
      acted: { key: 't.received_at', desc: true },
    }[f.sort];
    const tuple = `(${key}, t.project_id, t.step, t.department)`;
    if (f.after) {
      const [k, id, step, dept] = decodeCursor(f.sort, f.after, 4);
      w.add((p) => `${tuple} ${desc ? '<' : '>'} (${p(k)}, ${p(id)}, ${p(step)}, ${p(dept)})`);
    }
    const dir = desc ? 'desc' : 'asc';
    const { rows } = await this.sql.query<{ project: ListedProject; step: string; department: string; k: string | Date }>(
      `select p.project, t.step, t.department, ${key} as k ${from} ${w.text}
       order by ${key} ${dir}, t.project_id ${dir}, t.step ${dir}, t.department ${dir} limit ${Math.max(1, Math.min(f.limit, 1000)) + 1}`,
      w.params,
    );
    const more = rows.length > f.limit;
    const shown = rows.slice(0, f.limit);
    const last = shown[shown.length - 1];
    return {
      rows: shown.map((r) => ({ project: r.project, step: r.step, department: r.department })),
      total,
      ...(more && last ? { next: encodeCursor(f.sort, [keyText(last.k), last.project.projectId, last.step, last.department]) } : {}),
    };
  }

  /** 已办, 我的申报, 督办, 全部项目, 项目库: one page of projects. */
  async projects(f: RowFilter): Promise<Page<ListedProject>> {
    await this.ready;
    const w = new Where();
    projectClauses(w, f);
    if (!scopeClause(w, f.scope)) return { rows: [], total: 0 };
    stepAndDueClauses(w, f);
    if (f.awaiting) w.add((p) => `p.awaiting @> array[${p(f.awaiting)}]::text[]`);
    if (f.dueBefore) w.add((p) => `p.next_due_at <= ${p(f.dueBefore)}`);
    if (f.actedBy) w.add((p) => `p.project->'lastActions' ? ${p(f.actedBy)}`);
    if (f.flagged) {
      const now = f.flagged.now;
      w.add(
        (p) =>
          `(p.sanction is not null or exists (select 1 from read_tasks t where t.project_id = p.project_id and (t.overdue or t.due_at <= ${p(now)} or t.escalation_level > 0)))`,
      );
    }
    const total = await this.count(`select count(*)::int as n from read_projects p ${w.text}`, w.params);
    const actedKey = f.actedBy ? `coalesce(p.project->'lastActions'->${w.param(f.actedBy)}->>'at', '')` : `''`;
    const { key, desc } = {
      due: { key: `coalesce(p.next_due_at, '${FAR}'::timestamptz)`, desc: false },
      received: { key: 'p.updated_at', desc: true },
      project: { key: 'p.title', desc: false },
      acted: { key: actedKey, desc: true },
    }[f.sort];
    if (f.after) {
      const [k, id] = decodeCursor(f.sort, f.after, 2);
      w.add((p) => `(${key}, p.project_id) ${desc ? '<' : '>'} (${p(k)}, ${p(id)})`);
    }
    const dir = desc ? 'desc' : 'asc';
    const { rows } = await this.sql.query<{ project: ListedProject; k: string | Date }>(
      `select p.project, ${key} as k from read_projects p ${w.text} order by ${key} ${dir}, p.project_id ${dir} limit ${Math.max(1, Math.min(f.limit, 1000)) + 1}`,
      w.params,
    );
    const more = rows.length > f.limit;
    const shown = rows.slice(0, f.limit);
    const last = shown[shown.length - 1];
    return {
      rows: shown.map((r) => r.project),
      total,
      ...(more && last ? { next: encodeCursor(f.sort, [keyText(last.k), last.project.projectId]) } : {}),
    };
  }

  /**
   * 统计: counts and amounts (分) of the projects in scope, in all and by status, applying unit, plan
   * year and class; how many are overdue, escalated or under a sanction now (judged at `now`), and
   * the sanctions by level. One scan per grouping, every value a parameter.
   */
  async statistics(f: StatisticsFilter): Promise<Statistics> {
    await this.ready;
    const w = new Where();
    projectClauses(w, f);
    stepAndDueClauses(w, f);
    const empty: Statistics = {
      total: { key: '', count: 0, requestedFen: 0, approvedFen: 0 },
      byStatus: [],
      byUnit: [],
      byYear: [],
      byCategory: [],
      overdue: 0,
      escalated: 0,
      sanctions: [],
    };
    if (!scopeClause(w, f.scope)) return empty;
    const bucketsBy = async (column: string): Promise<StatBucket[]> => {
      const { rows } = await this.sql.query<{ key: string | number | null; n: number; requested: string | number; approved: string | number }>(
        `select ${column} as key, count(*)::int as n, coalesce(sum(p.requested_fen), 0)::text as requested, coalesce(sum(p.approved_fen), 0)::text as approved
           from read_projects p ${w.text} group by 1 order by 2 desc, 1`,
        [...w.params],
      );
      return rows.map((r) => ({ key: r.key === null ? '' : String(r.key), count: r.n, requestedFen: Number(r.requested), approvedFen: Number(r.approved) }));
    };
    const [total, byStatus, byUnit, byYear, byCategory] = await Promise.all([
      bucketsBy(`''`),
      bucketsBy('p.status'),
      bucketsBy('p.applicant_unit'),
      bucketsBy('p.plan_year'),
      bucketsBy(`coalesce(p.category, '')`),
    ]);
    const where = w.text;
    const base = [...w.params];
    const open = `exists (select 1 from read_tasks t where t.project_id = p.project_id and (t.overdue or t.due_at <= $${base.length + 1}))`;
    const up = `exists (select 1 from read_tasks t where t.project_id = p.project_id and t.escalation_level > 0)`;
    const { rows: flags } = await this.sql.query<{ overdue: number; escalated: number }>(
      `select count(*) filter (where ${open})::int as overdue, count(*) filter (where ${up})::int as escalated from read_projects p ${where}`,
      [...base, f.now],
    );
    const { rows: sanctions } = await this.sql.query<{ key: string; n: number }>(
      `select p.sanction as key, count(*)::int as n from read_projects p ${where} and p.sanction is not null group by 1 order by 2 desc, 1`,
      base,
    );
    return {
      total: total[0] ?? empty.total,
      byStatus,
      byUnit,
      byYear: byYear.sort((a, b) => Number(a.key) - Number(b.key)),
      byCategory: byCategory.filter((b) => b.key !== '' || byCategory.length > 1),
      overdue: flags[0]?.overdue ?? 0,
      escalated: flags[0]?.escalated ?? 0,
      sanctions: sanctions.map((r) => ({ key: r.key, count: r.n })),
    };
  }

  /** How many open tasks await a department (for the applying side, a unit): the count in the navigation. */
  async taskCount(scope: { jurisdiction: string; department: string; unit?: string }): Promise<number> {
    await this.ready;
    return this.count(
      `select count(*)::int as n from read_tasks where jurisdiction = $1 and department = $2${scope.unit !== undefined ? ' and applicant_unit = $3' : ''}`,
      [scope.jurisdiction, scope.department, ...(scope.unit !== undefined ? [scope.unit] : [])],
    );
  }

  private async count(text: string, params: unknown[]): Promise<number> {
    const { rows } = await this.sql.query<{ n: number }>(text, params);
    return rows[0]?.n ?? 0;
  }
}

/** A sort key as the cursor keeps it (timestamps as ISO text). */
function keyText(k: string | Date): string {
  return k instanceof Date ? k.toISOString() : String(k);
}
