/**
 * One walk of a chart, kept: its states with their titles and articles, the tasks and offers with
 * their departments, the deadlines, the transitions and the articles the chart cites. The drawing,
 * the chart pages and their task titles (server/pages/) and the coverage table (scripts/coverage.ts)
 * read a chart through this instead of walking its tree again; what a running project waits for is
 * read per snapshot from its active states (machines/status.ts). Pure and memoised per machine
 * object: a chart version never changes.
 */
import type { AnyStateMachine } from 'xstate';
import { Article, citedArticles } from './shared/articles.js';
import { HEADING, PUBLIC_STATUSES, type DeadlineMeta, type Heading, type StateMeta, type TaskMeta } from './shared/meta.js';

/** What a state is, as XState resolves it. */
export type NodeKind = 'atomic' | 'compound' | 'parallel' | 'final' | 'history';

/** A transition out of a state: on an event, or automatic (`event` ''). */
export interface IndexedTransition {
  source: string;
  /** The event ('requirementsReview.approve', 'deadline.contractFiling', 'xstate.done.state.…'), '' for an automatic one. */
  event: string;
  /** Ids of the states it leads to; none for one that stays (actions only). */
  targets: readonly string[];
  guard?: unknown;
  description?: string;
}

/** A state of the chart. */
export interface IndexedNode {
  id: string;
  key: string;
  /** State keys from the root (the root's is empty). */
  path: readonly string[];
  kind: NodeKind;
  depth: number;
  parent?: string;
  children: readonly string[];
  /** Whether its parent is a parallel state: the state is one region of it. */
  region: boolean;
  /** The id of the child it starts in, for a compound state. */
  initial?: string;
  /**
   * The title the drawing and the lists show: its task's, else the one it was declared under
   * (machines/shared/builders.ts `titled`), else its public status, else its key.
   */
  title: string;
  /** The article behind it: its task's, its deadline's, or the one it was declared under. */
  article?: Article;
  description?: string;
  meta?: StateMeta;
  transitions: readonly IndexedTransition[];
  /**
   * Article numbers its own config names (not its children's): citations in its metadata and
   * effects, and articles its descriptions name for people ('（第十一条）').
   */
  cites: readonly number[];
}

/** A task a state waits for, or an action it offers, with the state. */
export interface IndexedTask extends TaskMeta {
  stateId: string;
  /** Offered (change requests, supervision) rather than awaited. */
  offered: boolean;
}

/** A deadline, with the state it runs in. */
export interface IndexedDeadline extends DeadlineMeta {
  stateId: string;
}

/** A chart, walked once. */
export interface ChartIndex {
  /** The chart's id (its root state's). */
  id: string;
  /** Every state, depth first, the root first. */
  nodes: readonly IndexedNode[];
  /** A state by id. */
  node(id: string): IndexedNode | undefined;
  /** Awaited tasks and offers, in the order of the states. */
  tasks: readonly IndexedTask[];
  deadlines: readonly IndexedDeadline[];
  transitions: readonly IndexedTransition[];
  /** The citations the chart carries (tasks, deadlines, headings, effects), once each, in order of appearance. */
  articles: readonly Article[];
  /** Task titles by task id: the first title the chart gives it, without an overdue twin's mark. */
  taskTitles: ReadonlyMap<string, string>;
}

/** The resolved state node as XState gives it; only what the index reads. */
interface StateNodeLike {
  id: string;
  key: string;
  path: string[];
  type: NodeKind;
  description?: string;
  meta?: StateMeta;
  config: Record<string | symbol, unknown>;
  states: Record<string, StateNodeLike>;
  transitions: Map<string, Array<{ target?: StateNodeLike[]; guard?: unknown; description?: string }>>;
  always?: Array<{ target?: StateNodeLike[]; guard?: unknown; description?: string }>;
  initial?: { target?: StateNodeLike[] };
}

const indexes = new WeakMap<AnyStateMachine, ChartIndex>();

/** The index of a chart, built on first use. */
export function chartIndex(machine: AnyStateMachine): ChartIndex {
  let index = indexes.get(machine);
  if (!index) indexes.set(machine, (index = build(machine)));
  return index;
}

function build(machine: AnyStateMachine): ChartIndex {
  const nodes: IndexedNode[] = [];
  const tasks: IndexedTask[] = [];
  const deadlines: IndexedDeadline[] = [];
  const articles = new Map<string, Article>();
  const cite = (a: Article) => {
    if (!articles.has(a.format())) articles.set(a.format(), a);
  };
  const visit = (n: StateNodeLike, parent: StateNodeLike | undefined, depth: number) => {
    const meta = n.meta;
    const heading = n.config[HEADING] as Heading | undefined;
    const transitions = [...n.transitions, ['', n.always ?? []] as const].flatMap(([event, ts]) =>
      ts.map((t): IndexedTransition => ({
        source: n.id,
        event,
        targets: (t.target ?? []).map((x) => x.id),
        ...(t.guard !== undefined ? { guard: t.guard } : {}),
        ...(t.description ? { description: t.description } : {}),
      })),
    );
    const own: number[] = [];
    ownCitations(n.config, own, cite);
    if (heading?.article) cite(heading.article);
    const article = meta?.task?.article ?? meta?.deadline?.article ?? heading?.article;
    const initial = n.type === 'compound' ? n.initial?.target?.[0]?.id : undefined;
    nodes.push({
      id: n.id,
      key: n.key,
      path: n.path,
      kind: n.type,
      depth,
      ...(parent ? { parent: parent.id } : {}),
      children: Object.values(n.states).map((c) => c.id),
      region: parent?.type === 'parallel',
      ...(initial ? { initial } : {}),
      title: meta?.task?.title ?? heading?.title ?? (meta?.status ? PUBLIC_STATUSES[meta.status] : undefined) ?? n.key,
      ...(article ? { article } : {}),
      ...(n.description ? { description: n.description } : {}),
      ...(meta ? { meta } : {}),
      transitions,
      cites: own,
    });
    if (meta?.task) tasks.push({ ...meta.task, stateId: n.id, offered: false });
    for (const o of meta?.offers ?? []) tasks.push({ ...o, stateId: n.id, offered: true });
    if (meta?.deadline) deadlines.push({ ...meta.deadline, stateId: n.id });
    for (const c of Object.values(n.states)) visit(c, n, depth + 1);
  };
  visit(machine.root as unknown as StateNodeLike, undefined, 0);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const taskTitles = new Map<string, string>();
  for (const t of tasks) if (!taskTitles.has(t.id)) taskTitles.set(t.id, t.title.replace(/（已逾期）$/, ''));
  return {
    id: machine.id,
    nodes,
    node: (id) => byId.get(id),
    tasks,
    deadlines,
    transitions: nodes.flatMap((n) => n.transitions),
    articles: [...articles.values()],
    taskTitles,
  };
}

/**
 * The article numbers a state's own config names, its child states aside: Article values (tasks,
 * deadlines, effects' params) and articles named in its strings (descriptions). Symbol keys (its
 * heading) and functions are not config XState or the exports read, and do not count.
 */
function ownCitations(config: Record<string, unknown>, out: number[], cite: (a: Article) => void) {
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.push(...citedArticles(value));
    else if (value instanceof Article) {
      cite(value);
      out.push(...value.articles);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const [key, value] of Object.entries(config)) if (key !== 'states') walk(value);
}
