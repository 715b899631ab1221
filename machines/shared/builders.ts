import type { DeadlineMeta, PublicStatus, SanctionLevel, StateMeta, TaskAction, TaskMeta } from './meta.js';

/** Metadata for a task: who must act, on what article, with which actions. */
export function task(id: string, title: string, assignee: string, article: string, actions: TaskAction[]): TaskMeta {
  return { id, title, assignee, article, actions };
}

/** State metadata for a state that waits on a task, optionally under a deadline. */
export function awaiting(status: PublicStatus, t: TaskMeta, deadline?: DeadlineMeta, offers?: TaskMeta[]): StateMeta {
  return { status, task: t, ...(deadline ? { deadline } : {}), ...(offers ? { offers } : {}) };
}

/** State metadata for a level of the supervision chain. */
export function sanction(level: SanctionLevel, t: TaskMeta, deadline?: DeadlineMeta, offers?: TaskMeta[]): StateMeta {
  return { sanction: level, task: t, ...(deadline ? { deadline } : {}), ...(offers ? { offers } : {}) };
}

/** The `record` action keeping the event's payload under a name (deadlines start from its dates). */
export const record = (as: string) => ({ type: 'record' as const, params: { as } });

/**
 * The budget step every regulation has: 财政 approves (possibly under rules) and the project moves
 * on, or refuses and the project ends unfunded.
 */
export function budgetStep(opts: { machineId: string; description: string; title: string; article: string; next: string; guard?: { type: 'rulesHold'; params: { rules: string[] } } }) {
  return {
    description: opts.description,
    meta: awaiting('budgeting', task('budget', opts.title, 'finance', opts.article, ['approve', 'reject'])),
    on: {
      'budget.approve': { target: opts.next, ...(opts.guard ? { guard: opts.guard } : {}), actions: record('budget') },
      'budget.reject': { target: `#${opts.machineId}.unfunded`, actions: record('budgetRejection') },
    },
  };
}
