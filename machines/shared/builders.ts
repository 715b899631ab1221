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
