/**
 * The archive package of a project Temporal ended outside the product (issue 20 item 3). A project
 * that closes in its chart writes its package itself before its workflow completes
 * (activities/archive.ts); one terminated from the Web UI or the CLI, or failed, cancelled or timed
 * out, never reaches that close, and its history would go with the namespace's retention. The sweep
 * finds such runs in visibility, reads their record by the workflow's own queries (a closed run
 * answers them by replay on this worker) and writes the same package, with how the run ended and
 * what Temporal recorded of who ended it and why. A package already there is left alone; a run
 * whose start was refused (workflows/trust.ts) never became a project and has nothing to archive.
 * A completed run without a package (one that closed before closing wrote it) gets its package too.
 *
 * The worker process runs it at start and then every `worker.archiveSweepMinutes`; an operator runs
 * it with `npm run admin -- archive-ended`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { writeArchive, type ArchiveEnded } from '../activities/archive.js';
import { auditQuery, viewQuery } from '../contracts/messages.js';

const { temporal } = proto;

/** Visibility's names of the statuses a run ended outside the product has, and how the product says them. */
const ENDED: Record<string, Pick<ArchiveEnded, 'state' | 'label'>> = {
  Terminated: { state: 'terminated', label: '已终止' },
  Failed: { state: 'failed', label: '运行失败' },
  Canceled: { state: 'canceled', label: '已取消' },
  TimedOut: { state: 'timedOut', label: '已超时' },
};

/** The same statuses by the name the client's listing gives (`WorkflowExecutionStatusName`). */
const BY_NAME: Record<string, Pick<ArchiveEnded, 'state' | 'label'>> = {
  TERMINATED: ENDED.Terminated!,
  FAILED: ENDED.Failed!,
  CANCELLED: ENDED.Canceled!,
  TIMED_OUT: ENDED.TimedOut!,
};

/** What one sweep did. */
export interface SweepResult {
  /** Projects whose package this sweep wrote. */
  archived: string[];
  /** Ended runs that already had a package. */
  present: number;
  /** Runs refused at their start: never a project, nothing to archive. */
  notProjects: string[];
  /** Runs whose record could not be read this time (tried again on the next sweep), with why. */
  failed: Array<{ projectId: string; error: string }>;
}

/** Whether a project's archive package is whole (its manifest is written last). */
export const hasArchive = (archiveDir: string, projectId: string): boolean => existsSync(path.join(archiveDir, projectId, 'manifest.json'));

/** The close event of a run: who ended it and why, as Temporal recorded them. */
async function closeDetails(client: Client, namespace: string, workflowId: string, runId: string): Promise<Pick<ArchiveEnded, 'reason' | 'identity'>> {
  const { history } = await client.workflowService.getWorkflowExecutionHistory({
    namespace,
    execution: { workflowId, runId },
    historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
  });
  const event = history?.events?.at(-1);
  const terminated = event?.workflowExecutionTerminatedEventAttributes;
  if (terminated) return { ...(terminated.reason ? { reason: terminated.reason } : {}), ...(terminated.identity ? { identity: terminated.identity } : {}) };
  const failure = event?.workflowExecutionFailedEventAttributes?.failure;
  if (failure?.message) return { reason: failure.message };
  const canceled = event?.workflowExecutionCanceledEventAttributes;
  if (canceled) return { reason: '已取消' };
  return {};
}

/**
 * Write the archive package of every project run Temporal ended outside the product that has none
 * yet. Needs a worker polling the project task queue (closed runs answer queries by replay).
 */
export async function sweepEndedProjects(opts: { client: Client; namespace: string; archiveDir: string; log?: (line: string) => void }): Promise<SweepResult> {
  const { client, namespace, archiveDir } = opts;
  const result: SweepResult = { archived: [], present: 0, notProjects: [], failed: [] };
  // Completed runs too: one that closed before closing wrote a package (docs/compatibility.md,
  // "Closing without an archive package") gets it here; one that wrote its own is passed by.
  const statuses = [...Object.keys(ENDED), 'Completed'].map((s) => `ExecutionStatus = '${s}'`).join(' OR ');
  for await (const run of client.workflow.list({ query: `WorkflowType = 'projectWorkflow' AND (${statuses})` })) {
    const projectId = run.workflowId;
    if (hasArchive(archiveDir, projectId)) {
      result.present++;
      continue;
    }
    const completed = run.status.name === 'COMPLETED';
    const ended = BY_NAME[run.status.name];
    if (!ended && !completed) continue;
    try {
      // The run visibility listed, not a later one an operator's reset may have started meanwhile.
      const handle = client.workflow.getHandle(projectId, run.runId);
      let view;
      try {
        view = await handle.query(viewQuery);
      } catch (err) {
        // A start the workflow refused ended before it registered a handler (workflows/trust.ts): it never became a project.
        if ((err as { name?: string }).name === 'QueryNotRegisteredError') {
          result.notProjects.push(projectId);
          continue;
        }
        throw err;
      }
      const entries = await handle.query(auditQuery);
      // A run closed in its chart closed at its last entry, as the workflow's own package says.
      const closedAt = completed ? view.updatedAt : (run.closeTime ?? new Date()).toISOString();
      const details = ended ? await closeDetails(client, namespace, projectId, run.runId) : {};
      await writeArchive(archiveDir, {
        projectId,
        jurisdiction: view.jurisdiction,
        chartVersion: view.chartVersion,
        status: view.status,
        statusLabel: view.statusLabel,
        submittedAt: view.submittedAt,
        closedAt,
        entries,
        ...(ended ? { ended: { ...ended, at: closedAt, ...details } } : {}),
      });
      result.archived.push(projectId);
      opts.log?.(`archived ${projectId} (${ended ? ended.label : view.statusLabel}${details.reason ? `: ${details.reason}` : ''})`);
    } catch (err) {
      result.failed.push({ projectId, error: (err as Error).message });
    }
  }
  return result;
}
