import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';
import webpack from 'webpack';
import type { TrustedKeys } from '../machines/policy.js';
import type { Config } from '../temporal.config.js';
import { createActivities, fileOutbox, type Activities, type Outbox } from '../activities/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Path of the module whose exports are the workflows. */
export const workflowsPath = path.join(root, 'workflows', 'index.ts');

/**
 * Modules every cached project shares instead of evaluating its own copy: pure, stateless
 * libraries (signature verification keeps its precomputed tables here once, not once per project),
 * and the charts with xstate, which no workflow changes: a project's first task and its replay
 * after eviction then cost no evaluation of them. Nothing listed may keep per-project state or read
 * the clock at load.
 */
export const SHARED_MODULES = [
  '@noble/curves/ed25519.js',
  '@noble/hashes/sha2.js',
  '@cfworker/json-schema',
  'xstate',
  path.join(root, 'machines', 'payload-schemas.generated.ts'),
  path.join(root, 'machines', 'index.ts'),
  path.join(root, 'machines', 'status.ts'),
  path.join(root, 'machines', 'policy.ts'),
  // Its inert actor scope is built once per chart for the whole worker.
  path.join(root, 'machines', 'shared', 'step.ts'),
];

/** Workflow interceptors every bundle registers: the reset's reapplied updates (workflows/reset.ts). */
export const WORKFLOW_INTERCEPTOR_MODULES = [path.join(root, 'workflows', 'reset.ts')];

/** Bundler options: the trusted public keys compiled in (workflows/trust.ts) and the shared modules. */
export function bundlerOptions(trustedKeys: TrustedKeys): Pick<BundleOptions, 'webpackConfigHook' | 'preloadModules'> {
  return {
    preloadModules: SHARED_MODULES,
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [...(config.plugins ?? []), new webpack.DefinePlugin({ __GOV_TRUSTED_COMMAND_KEYS__: JSON.stringify(trustedKeys) })],
    }),
  };
}

/** Bundle the workflow code once (tests reuse a bundle across workers), trusting commands signed by these keys. */
export function bundleWorkflows(trustedKeys: TrustedKeys = {}): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: WORKFLOW_INTERCEPTOR_MODULES,
    logger: quietBundlerLogger,
    ...bundlerOptions(trustedKeys),
  });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (msg: string, meta?: unknown) => console.warn(msg, meta ?? ''),
  error: (msg: string, meta?: unknown) => console.error(msg, meta ?? ''),
};

/** Activities from the configuration, delivering to the given outbox; archive packages go to the data folder's `archive/` unless told. */
export function activitiesFor(config: Config, outbox: Outbox, archiveDir = path.resolve(config.embedded.dataDir, 'archive')): Activities {
  return createActivities({ calendarYears: config.calendar.years, serviceLevels: config.serviceLevels, escalation: config.escalation, outbox, archiveDir });
}

/** Activities as the product runs them: notifications to the outbox file in the data folder. */
export function productionActivities(config: Config): Activities {
  return activitiesFor(config, fileOutbox(path.resolve(config.embedded.dataDir, 'notifications.jsonl')));
}

/** A worker for the project task queue, accepting commands signed by `trustedKeys` (unless given a ready bundle). */
export async function createWorker(opts: {
  connection: NativeConnection;
  config: Config;
  trustedKeys: TrustedKeys;
  activities?: Activities;
  workflowBundle?: WorkflowBundle;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.config.temporal.namespace,
    taskQueue: opts.config.temporal.taskQueue,
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : { workflowsPath, bundlerOptions: bundlerOptions(opts.trustedKeys), interceptors: { workflowModules: WORKFLOW_INTERCEPTOR_MODULES } }),
    activities: opts.activities ?? productionActivities(opts.config),
    maxCachedWorkflows: opts.config.worker.maxCachedWorkflows,
  });
}
