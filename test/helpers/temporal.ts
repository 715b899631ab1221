import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { Effect } from '../../activities/index.js';
import type { Identity } from '../../machines/inspect.js';
import { APPLYING_DEPARTMENTS } from '../../machines/shared/meta.js';
import { loadConfig, type Config } from '../../temporal.config.js';
import { ensure } from '../../scripts/toolchain.js';
import { allSearchAttributes } from '../../workflows/search-attributes.js';
import { activitiesFor, bundleWorkflows } from '../../workflows/worker.js';
import { registerSearchAttributes } from '../../server/registration.js';
import { CommandSigner, publicKeyHex } from '../../server/signing.js';

// Keep test output readable: the SDK's worker logs at INFO by default.
try {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
} catch {
  // already installed in this process
}

const executable = (tool: 'cli' | 'testServer') => {
  const path = ensure(tool);
  return path ? { type: 'existing-path' as const, path } : undefined;
};

/** The time-skipping test server from the project's toolchain. */
export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const exe = executable('testServer');
  const env = await TestWorkflowEnvironment.createTimeSkipping(exe ? { server: { executable: exe } } : {});
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
}

/** A dev server (with the product's search attributes) from the project's toolchain. */
export function devServerEnv(): Promise<TestWorkflowEnvironment> {
  const exe = executable('cli');
  return TestWorkflowEnvironment.createLocal({
    server: { ...(exe ? { executable: exe } : {}), ip: '127.0.0.1', searchAttributes: allSearchAttributes },
  });
}

/**
 * A schedule for 2027 with weekends only, supplied through configuration as an operator would, so
 * that tests whose clock has moved past 2026 (the last year the shipped data covers) can go on.
 * It is test data, not the State Council's 2027 notice.
 */
export const TEST_YEAR_2027 = { year: 2027, source: '测试用：仅周末休息（非国务院办公厅通知）', holidays: [], workdays: [] };

/** Configuration for one test: its own task queue, and the test schedule for 2027. */
export function testConfig(): Config {
  const config = loadConfig({});
  return { ...config, temporal: { namespace: 'default', taskQueue: `test-${randomUUID()}` }, calendar: { years: [TEST_YEAR_2027] } };
}

/** Real activities whose notifications are collected in memory. */
export function recordingActivities(config: Config) {
  const effects: Effect[] = [];
  const activities = activitiesFor(config, { deliver: async (e) => void effects.push(e) });
  return { activities, effects };
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
  return { userId: `${jurisdiction}.${department.toLowerCase()}`, jurisdiction, department, roles: [applying ? 'applicant' : 'reviewer'], ...(unit ? { unit } : {}) };
}

/** A dev server with one worker serving the product's workflows, for tests through the API. */
export interface DevStack {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  stop(): Promise<void>;
}

/** Start a dev server and a worker on a fresh task queue; `stop` shuts both down. */
export async function startDevStack(): Promise<DevStack> {
  const env = await devServerEnv();
  const config = testConfig();
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recordingActivities(config).activities,
  });
  const running = worker.run();
  return {
    env,
    taskQueue: config.temporal.taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await env.teardown();
    },
  };
}
