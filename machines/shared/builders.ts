import type { Article } from './articles.js';
import { HEADING, type DeadlineMeta, type Heading, type PublicStatus, type SanctionLevel, type StateMeta, type TaskAction, type TaskMeta } from './meta.js';

/**
 * Metadata for a task: who must act, on what article, with which actions. `department` is an id
 * from the jurisdiction's department table ('applicant' is the applying unit), or `@field` for one
 * held in context.
 */
export function task(t: { id: string; title: string; department: string; article: Article; actions: readonly TaskAction[] }): TaskMeta {
  return { id: t.id, title: t.title, assignee: t.department, article: t.article, actions: [...t.actions] };
}

/** The actions of a step the applying unit (or a department) owes: it submits. */
export const submit: TaskAction[] = ['submit'];

/** State metadata for a state that waits on a task, optionally under a deadline. */
export function awaiting(o: { status: PublicStatus; task: TaskMeta; deadline?: DeadlineMeta; offers?: TaskMeta[] }): StateMeta {
  return { status: o.status, task: o.task, ...(o.deadline ? { deadline: o.deadline } : {}), ...(o.offers ? { offers: o.offers } : {}) };
}

/** State metadata for a level of the supervision chain. */
export function sanction(o: { level: SanctionLevel; task: TaskMeta; deadline?: DeadlineMeta; offers?: TaskMeta[] }): StateMeta {
  return { sanction: o.level, task: o.task, ...(o.deadline ? { deadline: o.deadline } : {}), ...(o.offers ? { offers: o.offers } : {}) };
}

/**
 * A state without a task, under the title (and article) the drawing and the lists show for it:
 * regions, phases, outcomes. A state with a task is titled by its task.
 */
export function titled<const S extends object>(title: string, state: S): S;
export function titled<const S extends object>(title: string, article: Article, state: S): S;
export function titled<const S extends object>(title: string, second: Article | S, third?: S): S {
  const [article, state] = third ? [second as Article, third] : [undefined, second as S];
  const heading: Heading = { title, ...(article ? { article } : {}) };
  return { ...state, [HEADING]: heading };
}

/**
 * A state between phases where a newer chart version may take over a project resting there, at its
 * next continue-as-new (docs/changing.md, "Changing a chart"). The host reads the mark from the version the
 * project runs on, so a newer version must keep such a state and its meaning.
 */
export const upgradeable = <S extends { meta: StateMeta }>(state: S): S => ({ ...state, meta: { ...state.meta, upgradeable: true } });

/** The `record` action keeping the event's payload under a name (deadlines start from its dates). */
export const record = (as: string) => ({ type: 'record' as const, params: { as } });

/** Side effect: tell a department something, citing the article; the host runs it as an activity. */
export const notify = (o: { to: string; message: string; article: Article }) => ({
  type: 'notify' as const,
  params: { to: o.to, message: o.message, article: o.article },
});

/** Side effect: report a missed obligation to the department above; the host runs it as an activity. */
export const escalate = (o: { to: string; reason: string; article: Article }) => ({
  type: 'escalate' as const,
  params: { to: o.to, reason: o.reason, article: o.article },
});

/** The chart orders rectification itself in the name of department `by`, so the supervision region takes over (限期整改). */
export const orderRectification = (o: { by: string; reason: string; article: Article }) => ({
  type: 'orderRectification' as const,
  params: { reason: o.reason, article: o.article, by: o.by },
});

/**
 * What a missed obligation does in every chart: the supervising department `by` hears of it and the
 * chart orders rectification in its name. `orderReason` where the order words the reason otherwise.
 */
export const escalateAndOrder = (o: { by: string; reason: string; article: Article; orderReason?: string }) => [
  escalate({ to: o.by, reason: o.reason, article: o.article }),
  orderRectification({ by: o.by, reason: o.orderReason ?? o.reason, article: o.article }),
];

/** One action or several, as a transition's `actions`: a single one stays a single object (as the exports show it). */
const actionList = <A, B>(first: A, more: readonly B[] | undefined) => (more?.length ? [first, ...more] : first);

/** A transition to `target` with the payload recorded under `as`, and further actions (`then`) after it. */
export const recorded = <B = never>(o: { target: string; as: string; then?: readonly B[] }) => ({
  target: o.target,
  actions: actionList(record(o.as), o.then),
});

/** Where an outcome leads: a state (recorded under the default name), [state, record name], or transitions as written. */
type Outcome<T> = string | [string, string] | T | T[];

/**
 * A department's decision on a task: `approve` moves on, recorded under the task's id; `returnTo`
 * sends the papers back ([state, record name]); `reject` ends the project, recorded as the
 * rejection, or leads where it says. Only the outcomes given are listened for.
 */
export function decision<T = never>(o: {
  description?: string;
  status: PublicStatus;
  task: TaskMeta;
  approve: Outcome<T>;
  returnTo?: [string, string];
  reject?: Outcome<T>;
}) {
  const { approve, returnTo, reject, task: t } = o;
  const to = (out: Outcome<T>, as: string) =>
    typeof out === 'string' ? recorded({ target: out, as }) : Array.isArray(out) && isPair(out) ? recorded({ target: out[0], as: out[1] }) : out;
  return {
    ...(o.description ? { description: o.description } : {}),
    meta: awaiting({ status: o.status, task: t }),
    on: {
      [`${t.id}.approve`]: to(approve, t.id),
      ...(returnTo ? { [`${t.id}.return`]: recorded({ target: returnTo[0], as: returnTo[1] }) } : {}),
      ...(reject ? { [`${t.id}.reject`]: to(reject, 'rejection') } : {}),
    },
  };
}

const isPair = (o: unknown[]): o is [string, string] => o.length === 2 && typeof o[0] === 'string' && typeof o[1] === 'string';

/** The applying unit revises returned papers and submits them again to `target` (recorded under the task's id unless `record` is false). */
export function resubmission(o: { description?: string; task: TaskMeta; target: string; record?: false }) {
  return {
    ...(o.description ? { description: o.description } : {}),
    meta: awaiting({ status: 'returned', task: o.task }),
    on: { [`${o.task.id}.submit`]: o.record === false ? { target: o.target } : recorded({ target: o.target, as: o.task.id }) },
  };
}

/**
 * The budget step every regulation has: 财政 approves (possibly under rules) and the project moves
 * on, or refuses and the project ends unfunded. `also`: effects of the approval (e.g. a copy to 大数据局).
 */
export function budgetStep<B = never>(opts: {
  machineId: string;
  description: string;
  title: string;
  article: Article;
  next: string;
  guard?: { type: 'rulesHold'; params: { rules: string[] } };
  also?: B[];
}) {
  return {
    description: opts.description,
    meta: awaiting({
      status: 'budgeting',
      task: task({ id: 'budget', title: opts.title, department: 'finance', article: opts.article, actions: ['approve', 'reject'] }),
    }),
    on: {
      'budget.approve': { target: opts.next, ...(opts.guard ? { guard: opts.guard } : {}), actions: actionList(record('budget'), opts.also) },
      'budget.reject': { target: `#${opts.machineId}.unfunded`, actions: record('budgetRejection') },
    },
  };
}
