/**
 * The state summary: what a chart's active states say through their metadata (public status,
 * awaited tasks, offers, deadlines, supervision level), read once per snapshot and shared by the
 * workflow's validator and handler, its timers and search attributes, the view and the API. It
 * gives articles as the text people read ('微山 第六条'), which is what those record and show.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { DeadlineMeta, PublicStatus, SanctionLevel, StateMeta, TaskMeta } from './shared/meta.js';
import { SANCTION_LEVELS } from './shared/meta.js';

/** A task's metadata with its article as text. */
export interface TaskInfo extends Omit<TaskMeta, 'article'> {
  article: string;
}

/** A deadline's metadata with its article as text. */
export interface DeadlineInfo extends Omit<DeadlineMeta, 'article'> {
  article: string;
}

/** A task the project waits for, with the state that awaits it. */
export interface ActiveTask extends TaskInfo {
  stateId: string;
  deadline?: DeadlineInfo;
}

/** An optional action available now (change requests, supervision orders), with the state offering it. */
export interface OfferedTask extends TaskInfo {
  stateId: string;
}

/** A deadline in force, keyed so that it is new whenever its state is entered with another start. */
export interface ActiveDeadline {
  key: string;
  stateId: string;
  spec: DeadlineInfo;
  /** YYYY-MM-DD read from context, or undefined for 'the day the state was entered'. */
  startDate?: string;
}

/** Everything the metadata of the active states says, computed once per snapshot. */
export interface StateSummary {
  /** Active states with their metadata, in document order. */
  active: Array<{ stateId: string; meta: StateMeta }>;
  /** The stable public status; undefined only for a chart state that names none (a chart error). */
  status: PublicStatus | undefined;
  sanction: SanctionLevel | undefined;
  tasks: ActiveTask[];
  offers: OfferedTask[];
  readonly deadlines: ActiveDeadline[];
  /** Some active state lets a newer chart version take over (machines/shared/meta.ts `upgradeable`). */
  upgradeable: boolean;
  final: boolean;
}

const summaries = new WeakMap<AnyMachineSnapshot, StateSummary>();

/** The summary of a snapshot; snapshots are immutable, so it is computed once and remembered. */
export function summarize(snapshot: AnyMachineSnapshot): StateSummary {
  let summary = summaries.get(snapshot);
  if (!summary) summaries.set(snapshot, (summary = compute(snapshot)));
  return summary;
}

const depth = (id: string) => id.split('.').length;
const SEVERITY = Object.keys(SANCTION_LEVELS) as SanctionLevel[];

function compute(snapshot: AnyMachineSnapshot): StateSummary {
  const active = Object.entries(snapshot.getMeta() as Record<string, StateMeta | undefined>).map(([stateId, meta]) => ({ stateId, meta: meta ?? {} }));
  let status: { status: PublicStatus; depth: number } | undefined;
  let sanction: SanctionLevel | undefined;
  const tasks: ActiveTask[] = [];
  const offers: OfferedTask[] = [];
  for (const { stateId, meta } of active) {
    // The deepest active state that names a status wins.
    if (meta.status && (!status || depth(stateId) > status.depth)) status = { status: meta.status, depth: depth(stateId) };
    // Parallel regions may each hold a supervision level (静乐: funds withheld in the lifecycle while the supervision region orders rectification): the highest counts.
    if (meta.sanction && (!sanction || SEVERITY.indexOf(meta.sanction) > SEVERITY.indexOf(sanction))) sanction = meta.sanction;
    if (meta.task) tasks.push({ ...resolve(textOf(meta.task), snapshot), stateId, ...(meta.deadline ? { deadline: textOf(meta.deadline) } : {}) });
    for (const o of meta.offers ?? []) offers.push({ ...resolve(textOf(o), snapshot), stateId });
  }
  let deadlines: ActiveDeadline[] | undefined;
  return {
    active,
    status: status?.status,
    sanction,
    tasks,
    offers,
    // Read when asked: a chart explored without its guards (what-if) may stand where a start date is not recorded yet.
    get deadlines() {
      return (deadlines ??= active.flatMap(({ stateId, meta }) => (meta.deadline ? [deadlineOf(stateId, meta.deadline, snapshot)] : [])));
    },
    upgradeable: active.some((a) => a.meta.upgradeable),
    final: snapshot.status === 'done',
  };
}

/** Metadata with its article as text, made once per chart object (charts never change). */
const texts = new WeakMap<TaskMeta | DeadlineMeta, TaskInfo | DeadlineInfo>();
function textOf(meta: TaskMeta): TaskInfo;
function textOf(meta: DeadlineMeta): DeadlineInfo;
function textOf(meta: TaskMeta | DeadlineMeta): TaskInfo | DeadlineInfo {
  let text = texts.get(meta);
  if (!text) texts.set(meta, (text = { ...meta, article: meta.article.format() }));
  return text;
}

/**
 * A task's department: an id from the department table, or `@field` naming a context field that
 * holds it (e.g. 莱州's builder, the requesting unit or the operating company by project class).
 */
function resolve(t: TaskInfo, snapshot: AnyMachineSnapshot): TaskInfo {
  if (!t.assignee.startsWith('@')) return t;
  const value = (snapshot.context as Record<string, unknown>)[t.assignee.slice(1)];
  if (typeof value !== 'string') throw new Error(`task ${t.id}: no department at context.${t.assignee.slice(1)}`);
  return { ...t, assignee: value };
}

function deadlineOf(stateId: string, meta: DeadlineMeta, snapshot: AnyMachineSnapshot): ActiveDeadline {
  const spec = textOf(meta);
  const found = spec.start ? readPath(snapshot.context, spec.start) : undefined;
  if (spec.start && typeof found !== 'string') throw new Error(`deadline ${spec.id} in ${stateId}: no date at context.${spec.start}`);
  const startDate = found as string | undefined;
  return { key: `${stateId}#${spec.id}${startDate ? `@${startDate}` : ''}`, stateId, spec, ...(startDate ? { startDate } : {}) };
}

function readPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Active states with their metadata, in document order. */
export const activeStates = (snapshot: AnyMachineSnapshot) => summarize(snapshot).active;

/** The project's stable public status: the deepest active state that names one. Throws if none does. */
export function publicStatus(snapshot: AnyMachineSnapshot): PublicStatus {
  const status = summarize(snapshot).status;
  if (!status) throw new Error(`no public status for state ${JSON.stringify(snapshot.value)}`);
  return status;
}

/** The highest supervision level in force, if any. */
export const sanctionLevel = (snapshot: AnyMachineSnapshot): SanctionLevel | undefined => summarize(snapshot).sanction;

/** What the project waits for now. */
export const awaitingTasks = (snapshot: AnyMachineSnapshot): ActiveTask[] => summarize(snapshot).tasks;

/** Optional actions available now (change requests, supervision orders). */
export const offeredActions = (snapshot: AnyMachineSnapshot): OfferedTask[] => summarize(snapshot).offers;

/** Deadlines of the active states. */
export const activeDeadlines = (snapshot: AnyMachineSnapshot): ActiveDeadline[] => summarize(snapshot).deadlines;
