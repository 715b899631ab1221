import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Config } from '../temporal.config.js';
import { createActivities, fileOutbox, type Activities, type Outbox } from '../activities/index.js';

/** Path of the module whose exports are the workflows. */
export const workflowsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'index.ts');

/** Bundle the workflow code once (tests reuse a bundle across workers). */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (msg: string, meta?: unknown) => console.warn(msg, meta ?? ''),
  error: (msg: string, meta?: unknown) => console.error(msg, meta ?? ''),
};

/** Activities from the configuration, delivering to the given outbox. */
export function activitiesFor(config: Config, outbox: Outbox): Activities {
  return createActivities({ calendarYears: config.calendar.years, serviceLevels: config.serviceLevels, escalation: config.escalation, outbox });
}

/** Activities as the product runs them: notifications to the outbox file in the data folder. */
export function productionActivities(config: Config): Activities {
  return activitiesFor(config, fileOutbox(path.resolve(config.embedded.dataDir, 'notifications.jsonl')));
}

/** A worker for the project task queue. */
export async function createWorker(opts: {
  connection: NativeConnection;
  config: Config;
  activities?: Activities;
  workflowBundle?: WorkflowBundle;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.config.temporal.namespace,
    taskQueue: opts.config.temporal.taskQueue,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    activities: opts.activities ?? productionActivities(opts.config),
    maxCachedWorkflows: opts.config.worker.maxCachedWorkflows,
  });
}
