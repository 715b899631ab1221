import type { DeadlineMeta, PublicStatus, SanctionLevel, StateMeta, TaskAction, TaskMeta } from './meta.js';

/** Metadata for a task: who must act, on what article, with which actions. */
export function task(id: string, title: string, assignee: string, article: string, actions: TaskAction[]): TaskMeta {
  return { id, title, assignee, article, actions };
}

/** The actions of a step the applying unit (or a department) owes: it submits. */
export const submit: TaskAction[] = ['submit'];

/** State metadata for a state that waits on a task, optionally under a deadline. */
export function awaiting(status: PublicStatus, t: TaskMeta, deadline?: DeadlineMeta, offers?: TaskMeta[]): StateMeta {
  return { status, task: t, ...(deadline ? { deadline } : {}), ...(offers ? { offers } : {}) };
}

/** State metadata for a level of the supervision chain. */
export function sanction(level: SanctionLevel, t: TaskMeta, deadline?: DeadlineMeta, offers?: TaskMeta[]): StateMeta {
  return { sanction: level, task: t, ...(deadline ? { deadline } : {}), ...(offers ? { offers } : {}) };
}

/**
 * A state between phases where a newer chart version may take over a project resting there, at its
 * next continue-as-new (README, "Changing a chart"). The host reads the mark from the version the
 * project runs on, so a newer version must keep such a state and its meaning.
 */
export const upgradeable = <S extends { meta: StateMeta }>(state: S): S => ({ ...state, meta: { ...state.meta, upgradeable: true } });

/** The `record` action keeping the event's payload under a name (deadlines start from its dates). */
export const record = (as: string) => ({ type: 'record' as const, params: { as } });

/** Side effect: tell a department something, citing the article; the host runs it as an activity. */
export const notify = (to: string, message: string, article: string) => ({ type: 'notify' as const, params: { to, message, article } });

/** Side effect: report a missed obligation to the department above; the host runs it as an activity. */
export const escalate = (to: string, reason: string, article: string) => ({ type: 'escalate' as const, params: { to, reason, article } });

/** The chart orders rectification itself, so the supervision region takes over (限期整改). */
export const orderRectification = (by: string, reason: string, article: string) => ({
  type: 'orderRectification' as const,
  params: { reason, article, by },
});

/**
 * What a missed obligation does in every chart: the supervising department hears of it and the
 * chart orders rectification in its name. `orderReason` where the order words the reason otherwise.
 */
export const escalateAndOrder = (by: string, reason: string, article: string, orderReason = reason) => [
  escalate(by, reason, article),
  orderRectification(by, orderReason, article),
];

/** One action or several, as a transition's `actions`: a single one stays a single object (as the exports show it). */
const actionList = <A, B>(first: A, more: B[] | undefined) => (more?.length ? [first, ...more] : first);

/** A transition target with the payload recorded under a name and further actions after it. */
export const recorded = <B = never>(target: string, as: string, more?: B[]) => ({ target, actions: actionList(record(as), more) });

/** Where an outcome leads: a state (recorded under the default name), [state, record name], or transitions as written. */
type Outcome<T> = string | [string, string] | T | T[];

/**
 * A department's decision on a task: `approve` moves on, recorded under the task's id; `returnTo`
 * sends the papers back; `reject` ends the project, recorded as the rejection, or leads where it
 * says. Only the outcomes given are listened for.
 */
export function decision<T = never>(
  description: string | undefined,
  status: PublicStatus,
  t: TaskMeta,
  outcomes: { approve: Outcome<T>; returnTo?: [string, string]; reject?: Outcome<T> },
) {
  const { approve, returnTo, reject } = outcomes;
  const to = (o: Outcome<T>, as: string) => (typeof o === 'string' ? recorded(o, as) : Array.isArray(o) && isPair(o) ? recorded(o[0], o[1]) : o);
  return {
    ...(description ? { description } : {}),
    meta: awaiting(status, t),
    on: {
      [`${t.id}.approve`]: to(approve, t.id),
      ...(returnTo ? { [`${t.id}.return`]: recorded(returnTo[0], returnTo[1]) } : {}),
      ...(reject ? { [`${t.id}.reject`]: to(reject, 'rejection') } : {}),
    },
  };
}

const isPair = (o: unknown[]): o is [string, string] => o.length === 2 && typeof o[0] === 'string' && typeof o[1] === 'string';

/** The applying unit revises returned papers and submits them again to `target` (recorded under the task's id unless `record` is false). */
export function resubmission(description: string | undefined, t: TaskMeta, target: string, opts: { record?: false } = {}) {
  return {
    ...(description ? { description } : {}),
    meta: awaiting('returned', t),
    on: { [`${t.id}.submit`]: opts.record === false ? { target } : recorded(target, t.id) },
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
  article: string;
  next: string;
  guard?: { type: 'rulesHold'; params: { rules: string[] } };
  also?: B[];
}) {
  return {
    description: opts.description,
    meta: awaiting('budgeting', task('budget', opts.title, 'finance', opts.article, ['approve', 'reject'])),
    on: {
      'budget.approve': { target: opts.next, ...(opts.guard ? { guard: opts.guard } : {}), actions: actionList(record('budget'), opts.also) },
      'budget.reject': { target: `#${opts.machineId}.unfunded`, actions: record('budgetRejection') },
    },
  };
}
