/** Events every chart receives from its host. */

/** A person acting on a task, on behalf of a department. */
export interface TaskEvent {
  /** `${taskId}.${action}` */
  type: string;
  department: string;
  actor: string;
  comment?: string;
  /** The task's payload, already validated against the task's schema. */
  data?: Record<string, unknown>;
  /** When the host received it (ISO 8601), so the chart can record dates without a clock. */
  at: string;
}

/** A deadline from a state's meta has passed. */
export interface DeadlineEvent {
  type: `deadline.${string}`;
  at: string;
}

/** Any event a chart receives. */
export type ProjectEvent = TaskEvent | DeadlineEvent;

/** Narrow to events carrying a payload. */
export const isTaskEvent = (e: ProjectEvent): e is TaskEvent => 'department' in e;

/** The date in China Standard Time (UTC+8, no daylight saving) of an instant, YYYY-MM-DD. */
export function chinaDate(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The date (China Standard Time) an event happened. */
export const eventDate = (e: { at: string }): string => chinaDate(e.at);
