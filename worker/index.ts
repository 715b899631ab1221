import { unwatchFile, watchFile } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, NativeConnection, Worker, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';
import webpack from 'webpack';
import type { TrustedKeys } from '../machines/policy.js';
import { followCalendarYears, type Config } from '../temporal.config.js';
import { createActivities, fileOutbox, type Activities, type Outbox } from '../activities/index.js';
import type { YearSource } from '../activities/calendar.js';
import { allocateInTemporal, type OpinionDeps } from '../activities/opinions.js';
import { openDocumentStore, type DocumentStore } from '../documents/store.js';
import { dispatcherFor, notifyingOutbox } from '../notifications/index.js';
import { writerFile } from '../notifications/jsonl.js';

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

/** What the bundle holds in place of the keys until a key set is put in (withTrustedKeys). */
const KEYS_PLACEHOLDER = { __gov_trusted_command_keys_placeholder__: '5c1e0b7a' };
const placeholderText = JSON.stringify(KEYS_PLACEHOLDER);

/**
 * The workflow code bundled once with a placeholder for the trusted keys, so a new key set needs no
 * new bundling: {@link withTrustedKeys} puts a set in (milliseconds, not webpack's seconds).
 */
export async function bundleWorkflowsTemplate(): Promise<WorkflowBundle> {
  const bundle = await bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger, ...bundlerOptions(KEYS_PLACEHOLDER as unknown as TrustedKeys) });
  if (!bundle.code.includes(placeholderText)) throw new Error('the workflow bundle lost the trusted keys placeholder (workflows/trust.ts)');
  return bundle;
}

/** The template's code trusting exactly these public keys (a JSON object is a JavaScript expression). */
export function withTrustedKeys(template: WorkflowBundle, keys: TrustedKeys): WorkflowBundle {
  const literal = JSON.stringify(Object.fromEntries(Object.entries(keys).map(([id, hex]) => [String(id), String(hex)])));
  return { ...template, code: template.code.split(placeholderText).join(literal) };
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (msg: string, meta?: unknown) => console.warn(msg, meta ?? ''),
  error: (msg: string, meta?: unknown) => console.error(msg, meta ?? ''),
};

/** How opinions are issued under a configuration: numbered by the series workflows, stored in `store`. */
export const opinionDeps = (config: Config, store: DocumentStore): OpinionDeps => ({
  allocate: allocateInTemporal,
  store,
  prefixes: config.opinions.prefixes,
  ...(config.opinions.fonts ? { fonts: config.opinions.fonts } : {}),
});

/**
 * Activities from the configuration, delivering to the given outbox; archive packages go to the
 * data folder's `archive/` unless told; opinions are stored in `store` (the API's document store).
 */
export function activitiesFor(
  config: Config,
  outbox: Outbox,
  archiveDir = path.resolve(config.embedded.dataDir, 'archive'),
  calendarYears: YearSource = config.calendar.years,
  store?: DocumentStore,
): Activities {
  return createActivities({
    calendarYears,
    serviceLevels: config.serviceLevels,
    escalation: config.escalation,
    outbox,
    archiveDir,
    ...(store ? { opinions: opinionDeps(config, store) } : {}),
  });
}

/** Activities as the product runs them: notifications to the outbox file in the data folder and on to their channels, opinions to the configured document store. */
export async function productionActivities(config: Config): Promise<Activities> {
  const dataDir = path.resolve(config.embedded.dataDir);
  const store = await openDocumentStore(config.documents.store, dataDir);
  // Each notice is kept in the worker's outbox file, which the API's message centre reads, and its
  // deliveries by e-mail and webhooks are planned and sent beside the worker (notifications/).
  const dispatcher = dispatcherFor(config, dataDir);
  await dispatcher.start();
  const outbox = notifyingOutbox(fileOutbox(writerFile(dataDir, 'notifications', config.notifications.writer)), dispatcher);
  // A calendar year the operator adds to the year file is used from the next computation on (no restart).
  return activitiesFor(config, outbox, undefined, followCalendarYears(config), store);
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
    activities: opts.activities ?? (await productionActivities(opts.config)),
    maxCachedWorkflows: opts.config.worker.maxCachedWorkflows,
  });
}

/** A worker that follows the trusted key set without a process restart. */
export interface KeyFollowingWorker {
  /** Runs until shutdown; rejects when a worker fails for another reason than a key change. */
  run(): Promise<void>;
  shutdown(): void;
  getState(): string;
  /** The keys trusted now, and how many times the worker took a new set. */
  readonly trustedKeys: TrustedKeys;
  readonly reloads: number;
  /** Re-read the keys now (the file watch calls it; tests and an operator's signal may too). */
  reload(): Promise<void>;
}

/**
 * A project worker whose trusted keys are re-read from configuration while it runs (issue 20 item 5):
 * `loadKeys` is read again when a watched file changes (polled every `intervalMs`) and at the next
 * time a key becomes valid or is revoked (`nextChange`). A new set replaces the Temporal worker
 * inside this process: the next one is created on the same bundle with the new keys put in, the
 * old one drains (it finishes the tasks it holds and takes no more), then the next one polls; the
 * workflows' caches refill by replay, which runs no update validator, so keys never change a
 * replay. The bundle carries the keys as constants, so what a workflow trusts never comes from
 * workflow input or history.
 */
export async function createKeyFollowingWorker(opts: {
  connection: NativeConnection;
  config: Config;
  loadKeys: (atMs: number) => TrustedKeys;
  /** Files whose change means a new key set (the public key set; the configuration file). */
  watch: string[];
  nextChange?: (atMs: number) => number | undefined;
  activities?: Activities;
  template?: WorkflowBundle;
  intervalMs?: number;
  log?: (line: string) => void;
}): Promise<KeyFollowingWorker> {
  const template = opts.template ?? (await bundleWorkflowsTemplate());
  const activities = opts.activities ?? (await productionActivities(opts.config));
  const log = opts.log ?? ((line: string) => console.log(line));
  const make = (keys: TrustedKeys) =>
    Worker.create({
      connection: opts.connection,
      namespace: opts.config.temporal.namespace,
      taskQueue: opts.config.temporal.taskQueue,
      workflowBundle: withTrustedKeys(template, keys),
      activities,
      maxCachedWorkflows: opts.config.worker.maxCachedWorkflows,
    });
  let keys = opts.loadKeys(Date.now());
  let current = await make(keys);
  let running: Promise<void> | undefined;
  let stopped = false;
  let reloads = 0;
  let chain: Promise<void> = Promise.resolve();
  let settle!: { resolve: () => void; reject: (err: unknown) => void };
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let timer: NodeJS.Timeout | undefined;

  const follow = (worker: Worker) => {
    running = worker.run().then(
      () => {
        if (stopped) settle.resolve();
      },
      (err) => settle.reject(err),
    );
  };
  const arm = () => {
    clearTimeout(timer);
    const next = opts.nextChange?.(Date.now());
    // setTimeout holds at most 2^31-1 ms; a later change is armed again when this one fires.
    if (next !== undefined) timer = setTimeout(() => void reload(), Math.min(Math.max(0, next - Date.now()) + 50, 2 ** 31 - 1)).unref();
  };
  const swap = async () => {
    if (stopped) return;
    let fresh: TrustedKeys;
    try {
      fresh = opts.loadKeys(Date.now());
    } catch (err) {
      // A half-edited configuration must not stop the worker: it keeps the set it has and says why.
      log(`worker: trusted command keys not reloaded, keeping the ${Object.keys(keys).length} it has: ${(err as Error).message}`);
      return;
    }
    arm();
    if (JSON.stringify(fresh) === JSON.stringify(keys)) return;
    // One worker per task queue and process (the SDK refuses a second): the old one drains first.
    if (current.getState() === 'RUNNING') current.shutdown();
    await running;
    for (let attempt = 1; !stopped; attempt++) {
      try {
        current = await make(fresh);
        break;
      } catch (err) {
        log(`worker: could not start with the new command keys (attempt ${attempt}), trying again: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(1_000 * attempt, 10_000)));
      }
    }
    keys = fresh;
    reloads++;
    if (stopped) {
      settle.resolve();
      return;
    }
    follow(current);
    log(`worker: trusts command keys ${Object.keys(fresh).join(', ') || '(none)'} (reload ${reloads})`);
  };
  const reload = () => (chain = chain.then(swap).catch((err: unknown) => log(`worker: trusted command keys not reloaded: ${(err as Error).message}`)));
  for (const file of opts.watch) watchFile(file, { interval: opts.intervalMs ?? 500, persistent: false }, () => void reload());
  arm();
  return {
    run() {
      follow(current);
      return done;
    },
    shutdown() {
      stopped = true;
      clearTimeout(timer);
      for (const file of opts.watch) unwatchFile(file);
      void chain.then(() => {
        if (current.getState() === 'RUNNING') current.shutdown();
        else if (running) void running.then(settle.resolve);
        else settle.resolve();
      });
    },
    getState: () => current.getState(),
    get trustedKeys() {
      return keys;
    },
    get reloads() {
      return reloads;
    },
    reload,
  };
}
