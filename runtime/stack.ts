/** The whole product in one process tree: embedded Temporal dev server (or an existing cluster), worker and API. */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import proto from '@temporalio/proto';
import type { Config } from '../temporal.config.js';
import { createApp, type Health } from '../server/app.js';
import { ProjectService } from '../server/projects.js';
import { registerSearchAttributes } from '../server/registration.js';
import { Identities, seedDevelopmentUsers, type User } from '../server/identity.js';
import { connectionOptions } from '../server/connection.js';
import { loadSigner, loadTrustedKeys, type CommandSigner } from '../server/signing.js';
import { SavedViews } from '../server/saved-views.js';
import { Calendar } from '../activities/calendar.js';
import { configuredDueTimes } from '../activities/index.js';
import { allSearchAttributes } from '../contracts/search-attributes.js';
import { createWorker } from '../worker/index.js';
import { startDevServer } from '../runtime/devserver.js';
import { freePort, listenOn } from '../runtime/ports.js';
import { sharedSecret } from '../runtime/keys.js';
import { ensure } from '../runtime/toolchain.js';

const { temporal } = proto;

/** A running product. */
export interface Stack {
  /** Development users created on this start, with their tokens (shown once). */
  seeded: Array<{ user: User; token: string }>;
  temporalAddress: string;
  uiUrl?: string;
  /** Absent when this process runs only a worker. */
  apiUrl?: string;
  stop(): Promise<void>;
}

/** Start the embedded dev server persisting to SQLite in the data folder (port 0: any free port). */
export async function startEmbedded(config: Config): Promise<{ address: string; uiUrl: string; pid?: number; stop: () => Promise<void> }> {
  const dataDir = path.resolve(config.embedded.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const { ip, grpcPort, uiPort } = config.embedded;
  const cli = ensure('cli');
  if (!cli) return startDownloaded(config, dbFile);
  const server = await startDevServer({
    executable: cli,
    ip,
    port: grpcPort,
    // The Web UI shows full histories without sign-in: development only (temporal.config.ts embedded.ui).
    ...(config.embedded.ui === false ? {} : { uiPort }),
    dbFile,
    namespace: config.temporal.namespace,
    searchAttributes: allSearchAttributes,
    onRetry: (reason, attempt) => console.warn(`Temporal dev server: ${reason}; starting again on fresh ports (attempt ${attempt + 1})`),
  });
  return { address: server.address, uiUrl: server.uiUrl ?? '', pid: server.pid, stop: server.stop };
}

/**
 * No Python here to install the pinned CLI: let the SDK download one (needs internet). The SDK's
 * testing package is a development dependency, so it is loaded only on this path.
 */
async function startDownloaded(config: Config, dbFile: string) {
  const testing = await import('@temporalio/testing').catch(() => {
    throw new Error(
      'The Temporal CLI is missing (scripts/toolchain.ts needs python3 and pip to obtain it) and @temporalio/testing, which could download one, is not installed.',
    );
  });
  const { ip } = config.embedded;
  const port = config.embedded.grpcPort || (await freePort(ip));
  const uiPort = config.embedded.uiPort || (await freePort(ip));
  const env = await testing.TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      dbFilename: dbFile,
      ip,
      port,
      ui: config.embedded.ui !== false,
      uiPort,
      namespace: config.temporal.namespace,
      searchAttributes: allSearchAttributes,
    },
  });
  return { address: `${ip}:${port}`, uiUrl: `http://${ip}:${uiPort}`, stop: () => env.teardown() };
}

/** Health answers within this time even when Temporal does not. */
const HEALTH_DEADLINE_MS = 2_000;

/** Temporal reachable and a worker polling the task queue, each call bounded by HEALTH_DEADLINE_MS. */
export async function temporalHealth(connection: Connection, namespace: string, taskQueue: string): Promise<Health> {
  const bounded = <T>(fn: () => Promise<T>) => connection.withDeadline(Date.now() + HEALTH_DEADLINE_MS, fn);
  try {
    await bounded(() => connection.workflowService.getSystemInfo({}));
  } catch {
    return { temporal: false, workerPolling: false };
  }
  try {
    const queue = await bounded(() =>
      connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    return { temporal: true, workerPolling: (queue.pollers?.length ?? 0) > 0 };
  } catch {
    return { temporal: false, workerPolling: false };
  }
}

/** Start everything the configuration asks for. */
export async function startStack(config: Config): Promise<Stack> {
  // A worker- or API-only process always has an address (temporal.config.ts refuses one without).
  const { role } = config.deployment;
  // The product owns signal handling (scripts/start.ts) so that shutdown runs in order.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const embedded = config.temporal.address ? undefined : await startEmbedded(config);
  const address = config.temporal.address ?? embedded!.address;
  const { namespace, taskQueue } = config.temporal;
  try {
    const options = connectionOptions(config, address);
    const connection = await Connection.connect(options);
    if (!embedded) await registerSearchAttributes(connection, namespace);
    const client = new Client({ connection, namespace });
    const nativeConnection = role === 'api' ? undefined : await NativeConnection.connect(options);
    // Commands are signed by the API's key; the worker trusts only the public keys it is given here.
    const keys = { dir: path.resolve(config.embedded.dataDir, 'command-keys'), ...config.commands };
    const worker = nativeConnection && (await createWorker({ connection: nativeConnection, config, trustedKeys: loadTrustedKeys(keys) }));
    const workerRun = worker?.run();

    const health = (): Promise<Health> => temporalHealth(connection, namespace, taskQueue);
    const api = role === 'worker' ? undefined : await startApi(config, client, health, loadSigner(keys));

    let stopping: Promise<void> | undefined;
    return {
      seeded: api?.seeded ?? [],
      temporalAddress: address,
      ...(embedded ? { uiUrl: embedded.uiUrl } : {}),
      ...(api ? { apiUrl: api.url } : {}),
      stop: () =>
        (stopping ??= (async () => {
          await api?.stop();
          if (worker?.getState() === 'RUNNING') worker.shutdown();
          await workerRun;
          await nativeConnection?.close();
          await connection.close();
          await embedded?.stop();
        })()),
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}

/**
 * The HTTP API. Every API process on one data folder reads the same identities and seals page
 * tokens with the same key; rate limits are counted per process (README, "Province scale").
 */
async function startApi(config: Config, client: Client, health: () => Promise<Health>, signer: CommandSigner) {
  const dataDir = path.resolve(config.embedded.dataDir);
  const identities = Identities.open(path.join(dataDir, 'identities.json'));
  // First start: development users for every role, their tokens printed once (only hashes are stored).
  const seeded = identities.users.length === 0 ? seedDevelopmentUsers(identities) : [];
  const projects = new ProjectService(client, config.temporal.taskQueue, config.historyEventLimit, signer, undefined, sharedSecret(dataDir, 'page-token.key'), {
    dueTimes: configuredDueTimes(config),
  });
  const app = createApp({
    projects,
    identities,
    health,
    ...(config.api.rateLimitPerMinute ? { rateLimitPerMinute: config.api.rateLimitPerMinute } : {}),
    ...(config.api.anonymousRateLimitPerMinute ? { anonymousRateLimitPerMinute: config.api.anonymousRateLimitPerMinute } : {}),
    pages: {
      calendar: new Calendar(config.calendar.years),
      reminderWorkingDays: config.escalation.reminderWorkingDaysBefore,
      savedViews: SavedViews.open(path.join(dataDir, 'saved-views.json')),
      warmCharts: true,
      ...(config.api.rateLimitPerMinute ? { rateLimitPerMinute: config.api.rateLimitPerMinute } : {}),
    },
  });
  const server = createServer(app);
  const port = await listenOn(server, config.api.host, config.api.port, 'API_PORT').catch((err: Error) => {
    throw new Error(`API: ${err.message}`);
  });
  return {
    seeded,
    url: `http://${config.api.host}:${port}`,
    stop: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}
