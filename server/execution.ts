import type { ProjectView } from '../contracts/messages.js';

/**
 * How a project whose workflow Temporal ended outside the product reads: terminated (from the Web
 * UI or the CLI), failed, cancelled or timed out. Its view, read by a query, still says the chart's
 * last status (评审中…); shown so, nobody could tell the project is gone (issue 20 item 3).
 */
const ENDED: Record<string, { state: NonNullable<ProjectView['execution']>['state']; label: string }> = {
  TERMINATED: { state: 'terminated', label: '已终止' },
  FAILED: { state: 'failed', label: '运行失败' },
  CANCELLED: { state: 'canceled', label: '已取消' },
  CANCELED: { state: 'canceled', label: '已取消' },
  TIMED_OUT: { state: 'timedOut', label: '已超时' },
};

/**
 * The view as the product shows it, given the Temporal execution status (`describe().status.name`):
 * a project ended outside the product says so in its label, is final, and offers no task to act on
 * (its workflow takes no update); its chart status and trail stay as they were.
 */
export function withExecution(view: ProjectView, executionStatus: string | undefined, closedAt?: Date, lastResetAt?: Date): ProjectView {
  if (lastResetAt) view = { ...view, reset: { at: lastResetAt.toISOString() } };
  const ended = executionStatus ? ENDED[executionStatus] : undefined;
  if (!ended) return view;
  return {
    ...view,
    statusLabel: ended.label,
    final: true,
    tasks: [],
    offers: [],
    execution: { ...ended, ...(closedAt ? { closedAt: closedAt.toISOString() } : {}), lastStatusLabel: view.statusLabel },
  };
}

/** Visibility's execution status (temporal.api.enums.v1.WorkflowExecutionStatus) by name, for lists. */
const STATUS_NAMES: Record<number, string> = { 3: 'FAILED', 4: 'CANCELED', 5: 'TERMINATED', 7: 'TIMED_OUT' };

/** The label a listed project shows when its workflow was ended outside the product, or undefined. */
export const endedLabel = (executionStatus: number | null | undefined): string | undefined =>
  executionStatus == null ? undefined : ENDED[STATUS_NAMES[executionStatus] ?? '']?.label;

/**
 * When the workflow was last reset (`temporal workflow reset`), from a describe's raw answer: Temporal
 * (1.24 and later) reports it in the execution's extended info; undefined for a run never reset.
 */
export function lastResetTime(
  raw: { workflowExtendedInfo?: { lastResetTime?: { seconds?: number | { toNumber(): number } | null; nanos?: number | null } | null } | null } | undefined,
): Date | undefined {
  const t = raw?.workflowExtendedInfo?.lastResetTime;
  if (!t?.seconds) return undefined;
  const seconds = typeof t.seconds === 'number' ? t.seconds : t.seconds.toNumber();
  return seconds > 0 ? new Date(seconds * 1000 + Math.floor((t.nanos ?? 0) / 1e6)) : undefined;
}
