/**
 * Steps several regulations share, built from their parts so a chart names only what its text says:
 * a task under a deadline with its overdue twin (filings, self-evaluations), acceptance outcomes and
 * funding requests reviewed by departments in turn.
 */
import type { Article } from './articles.js';
import { awaiting, record, submit, task, titled } from './builders.js';
import type { DeadlineMeta, PublicStatus, StateMeta, TaskMeta } from './meta.js';

/**
 * A task under a deadline and its overdue twin. When the deadline passes, `missed` runs and the
 * project moves to the twin, where the same task stays open without a deadline, titled （已逾期）.
 * `done` leaves the task in time, `lateDone` (default `done`) from the twin; `overdue` adds to the
 * twin's metadata (e.g. a sanction while the obligation stays unmet).
 */
export function withOverdueTwin<D, L = D, M = never>(o: {
  name: string;
  overdueName: string;
  description?: string;
  status: PublicStatus;
  task: TaskMeta;
  deadline: DeadlineMeta;
  done: D;
  lateDone?: L;
  missed: { description?: string; actions: M[] };
  overdueDescription?: string;
  overdue?: Pick<StateMeta, 'sanction'>;
}) {
  const done = `${o.task.id}.${o.task.actions[0]}`;
  return {
    [o.name]: {
      ...(o.description ? { description: o.description } : {}),
      meta: awaiting({ status: o.status, task: o.task, deadline: o.deadline }),
      on: {
        [done]: o.done,
        [`deadline.${o.deadline.id}`]: {
          target: o.overdueName,
          ...(o.missed.description ? { description: o.missed.description } : {}),
          actions: o.missed.actions,
        },
      },
    },
    [o.overdueName]: {
      ...(o.overdueDescription ? { description: o.overdueDescription } : {}),
      meta: { ...awaiting({ status: o.status, task: { ...o.task, title: `${o.task.title}（已逾期）` } }), ...o.overdue },
      on: { [done]: o.lateDone ?? o.done },
    },
  };
}

/**
 * A filing the applying unit owes within a period (合同备案, 验收备案): the state `<id>` with its
 * deadline, and `<id>Overdue` once it has passed; filing records under `as` and moves to `next`.
 */
export function filingStep<T = never, M = never, L = never>(o: {
  id: string;
  status: PublicStatus;
  description: string;
  title: string;
  article: Article;
  deadline: Omit<DeadlineMeta, 'id' | 'article'>;
  next: string;
  as: string;
  /** Actions after the record when the filing is made (e.g. starting operation). */
  then?: T[];
  missed: { description?: string; actions: M[] };
  overdueDescription?: string;
  overdue?: Pick<StateMeta, 'sanction'>;
  /** Further actions when the filing is made late (e.g. telling 财政 it has arrived). */
  lateThen?: L[];
}) {
  const done = { target: o.next, actions: o.then?.length ? [record(o.as), ...o.then] : record(o.as) };
  const lateDone = o.lateThen?.length ? { target: o.next, actions: [record(o.as), ...(o.then ?? []), ...o.lateThen] } : done;
  return withOverdueTwin({
    name: o.id,
    overdueName: `${o.id}Overdue`,
    description: o.description,
    status: o.status,
    task: task({ id: o.id, title: o.title, department: 'applicant', article: o.article, actions: submit }),
    deadline: { id: o.id, title: o.deadline.title, article: o.article, period: o.deadline.period, ...(o.deadline.start ? { start: o.deadline.start } : {}) },
    done,
    lateDone,
    missed: o.missed,
    ...(o.overdueDescription ? { overdueDescription: o.overdueDescription } : {}),
    ...(o.overdue ? { overdue: o.overdue } : {}),
  });
}

/**
 * The yearly self-evaluation (年度自评价) in operation: due each period, `missed` when the period
 * passes (the charts escalate and order rectification); each report runs `nextYear`, the chart's
 * action opening the next period.
 */
export function yearlySelfEvaluation<const Y extends string, M>(o: {
  description?: string;
  title: string;
  article: Article;
  deadline: Omit<DeadlineMeta, 'id' | 'article'>;
  nextYear: Y;
  missed: M[];
}) {
  const actions = [record('selfEvaluation'), o.nextYear];
  return {
    initial: 'running',
    states: withOverdueTwin({
      name: 'running',
      overdueName: 'overdue',
      ...(o.description ? { description: o.description } : {}),
      status: 'in_operation',
      task: task({ id: 'selfEvaluation', title: o.title, department: 'applicant', article: o.article, actions: submit }),
      deadline: {
        id: 'selfEvaluation',
        title: o.deadline.title,
        article: o.article,
        period: o.deadline.period,
        ...(o.deadline.start ? { start: o.deadline.start } : {}),
      },
      done: { target: 'running', reenter: true, actions },
      lateDone: { target: 'running', actions },
      missed: { actions: o.missed },
    }),
  };
}

/**
 * The two outcomes of an acceptance (验收通过 / 不通过) as transitions on `<task>.pass` and
 * `<task>.fail`: a pass records 'acceptance' and moves on (under `guard`, then `then`); a fail
 * records 'failedAcceptance' (then `onFail`) and goes to rectification, re-entering it if already there.
 */
export function acceptanceOutcomes<G = never, T = never, F = never>(o: {
  task?: string;
  pass: string;
  guard?: G;
  then?: T[];
  fail: string;
  reenter?: boolean;
  failDescription?: string;
  onFail?: F[];
}) {
  const t = o.task ?? 'acceptance';
  return {
    [`${t}.pass`]: {
      target: o.pass,
      ...(o.guard ? { guard: o.guard } : {}),
      actions: o.then?.length ? [record('acceptance'), ...o.then] : record('acceptance'),
    },
    [`${t}.fail`]: {
      target: o.fail,
      ...(o.reenter ? { reenter: true } : {}),
      ...(o.failDescription ? { description: o.failDescription } : {}),
      actions: o.onFail?.length ? [record('failedAcceptance'), ...o.onFail] : record('failedAcceptance'),
    },
  };
}

/** One department's review of a funding request: approval records under `approved`, refusal under `rejected`. */
export interface FundingReviewStep {
  state: string;
  description?: string;
  task: TaskMeta;
  approved: string;
  rejected: string;
}

/**
 * A funding request (运维经费, 运营补助) the unit may make in operation: offered in `idle` (未申请),
 * checked by `guard`, then reviewed by each step in turn; a refusal, or the last approval, returns to `idle`.
 */
export function fundingReview<G>(o: { offer: TaskMeta; guard: G; description: string; as: string; steps: FundingReviewStep[] }) {
  const steps = o.steps.map((step, i) => [
    step.state,
    {
      ...(step.description ? { description: step.description } : {}),
      meta: { task: step.task },
      on: {
        [`${step.task.id}.approve`]: { target: o.steps[i + 1]?.state ?? 'idle', actions: record(step.approved) },
        [`${step.task.id}.reject`]: { target: 'idle', actions: record(step.rejected) },
      },
    },
  ]);
  return {
    initial: 'idle',
    states: {
      idle: titled('未申请', {
        meta: { offers: [o.offer] },
        on: { [`${o.offer.id}.submit`]: { target: o.steps[0]!.state, guard: o.guard, description: o.description, actions: record(o.as) } },
      }),
      ...Object.fromEntries(steps),
    },
  };
}
