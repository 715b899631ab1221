/**
 * Which workflow task redelivers the updates Temporal reapplied after a `temporal workflow reset`,
 * so their commands count as accepted when they were first accepted (issue 20 item 3; docs/compatibility.md,
 * "Reapplied updates after a reset").
 *
 * A reset copies the history up to the reset point into a new run (whose `originalExecutionRunId`
 * stays the base run's, workflowInfo()) and appends the updates the base run accepted after that
 * point; the worker replays the copied part and receives the reapplied updates in the new run's
 * first live workflow task, with their validators run again. A command's freshness window
 * (machines/policy.ts COMMAND_MAX_SKEW_MS) was checked when it was first accepted, after the reset
 * point; so in that task a command is old enough only when signed longer than the window before
 * the reset point. The SDK tells the workflow neither that an update was reapplied nor where the
 * reset point lay: the activation interceptor below notes the workflow time of the last replayed
 * activation (the reset point's workflow task) and the history length of the first live one.
 * Module state is per workflow (the SDK isolates the module cache of non-shared modules).
 */
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

let live = false;
let lastReplayedAt: number | undefined;
let reapplyTask: { historyLength: number; resetPointAt: number } | undefined;

/** Registered with the worker (worker/index.ts WORKFLOW_INTERCEPTOR_MODULES). */
export const interceptors: WorkflowInterceptorsFactory = () => ({
  internals: [
    {
      activate(input, next) {
        // The SDK has set the activation's time, history length and replay flag before this (query activations never come here).
        const info = workflowInfo();
        if (info.unsafe.isReplaying) lastReplayedAt = Date.now();
        else if (!live) {
          live = true;
          if (info.runId !== info.originalExecutionRunId)
            reapplyTask = { historyLength: info.historyLength, resetPointAt: lastReplayedAt ?? info.startTime.getTime() };
        }
        return next(input);
      },
    },
  ],
});

/**
 * In the workflow task that redelivers updates reapplied by a reset, the workflow time of the reset
 * point; otherwise undefined. Read by update validators only (they do not run on replay).
 */
export function reapplyingSince(): number | undefined {
  return reapplyTask && workflowInfo().historyLength === reapplyTask.historyLength ? reapplyTask.resetPointAt : undefined;
}
