/** The whole product in one process tree: embedded Temporal dev server (or an existing cluster), worker and API. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import proto from '@temporalio/proto';
import type { Config } from '../temporal.config.js';
import { createApp, type Health } from '../server/app.js';
import { ProjectService } from '../server/projects.js';
import { registerSearchAttributes } from '../server/registration.js';
import { Identities, seedDevelopmentUsers, type User } from '../server/identity.js';
import { connectionOptions } from '../server/connection.js';
import { loadSigner, loadTrustedKeys } from '../server/signing.js';
import { allSearchAttributes } from '../workflows/search-attributes.js';
import { createWorker } from '../workflows/worker.js';
import { ensure } from './toolchain.js';

const { temporal } = proto;

/** A running product. */
export interface Stack {
  /** Development users created on this start, with their tokens (shown once). */
  seeded: Array<{ user: User; token: string }>;
  temporalAddress: string;
  uiUrl?: string;
  apiUrl: string;
  stop(): Promise<void>;
}

const saTypeName: Record<string, string> = { KEYWORD: 'Keyword', KEYWORD_LIST: 'KeywordList', DATETIME: 'Datetime', TEXT: 'Text', INT: 'Int' };

async function waitForServer(address: string, child?: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`Temporal dev server exited with code ${child.exitCode}`);
    try {
      const c = await Connection.connect({ address, connectTimeout: 1_000 });
      await c.workflowService.getSystemInfo({});
      await c.close();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} not reachable: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** Start the embedded dev server persisting to SQLite in the data folder. */
export async function startEmbedded(config: Config): Promise<{ address: string; uiUrl: string; pid?: number; stop: () => Promise<void> }> {
  const dataDir = path.resolve(config.embedded.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const { ip, grpcPort, uiPort } = config.embedded;
  const address = `${ip}:${grpcPort}`;
  const uiUrl = `http://${ip}:${uiPort}`;
  const cli = ensure('cli');
  if (!cli) {
    // No Python here: let the SDK download the CLI (needs internet).
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download' },
        dbFilename: dbFile,
        ip,
        port: grpcPort,
        ui: config.embedded.ui !== false,
        uiPort,
        namespace: config.temporal.namespace,
        searchAttributes: allSearchAttributes,
      },
    });
    return { address, uiUrl, stop: () => env.teardown() };
  }
  const args = ['server', 'start-dev', '--db-filename', dbFile, '--ip', ip, '--port', String(grpcPort), '--ui-port', String(uiPort), '--log-level', 'warn', '--ui-disable-news-fetch'];
  // The Web UI shows full histories without sign-in: development only (temporal.config.ts embedded.ui).
  if (config.embedded.ui === false) args.push('--headless');
  if (config.temporal.namespace !== 'default') args.push('--namespace', config.temporal.namespace);
  for (const k of allSearchAttributes) args.push('--search-attribute', `${k.name}=${saTypeName[k.type]}`);
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4_000);
  });
  try {
    await waitForServer(address, child);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  return { address, uiUrl: config.embedded.ui === false ? '' : uiUrl, ...(child.pid ? { pid: child.pid } : {}), stop };
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
    const nativeConnection = await NativeConnection.connect(options);
    // Commands are signed by the API's key; the worker trusts only the public keys it is given here.
    const keys = { dir: path.resolve(config.embedded.dataDir, 'command-keys'), ...config.commands };
    const signer = loadSigner(keys);
    const worker = await createWorker({ connection: nativeConnection, config, trustedKeys: loadTrustedKeys(keys) });
    const workerRun = worker.run();

    const health = (): Promise<Health> => temporalHealth(connection, namespace, taskQueue);
    const identities = Identities.open(path.resolve(config.embedded.dataDir, 'identities.json'));
    // First start: development users for every role, their tokens printed once (only hashes are stored).
    const seeded = identities.users.length === 0 ? seedDevelopmentUsers(identities) : [];
    const app = createApp({
      projects: new ProjectService(client, taskQueue, config.historyEventLimit, signer),
      identities,
      health,
      ...(config.api.rateLimitPerMinute ? { rateLimitPerMinute: config.api.rateLimitPerMinute } : {}),
      ...(config.api.anonymousRateLimitPerMinute ? { anonymousRateLimitPerMinute: config.api.anonymousRateLimitPerMinute } : {}),
    });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.api.port, config.api.host, () => resolve(s));
      s.once('error', reject);
    });

    let stopping: Promise<void> | undefined;
    return {
      seeded,
      temporalAddress: address,
      ...(embedded ? { uiUrl: embedded.uiUrl } : {}),
      apiUrl: `http://${config.api.host}:${config.api.port}`,
      stop: () =>
        (stopping ??= (async () => {
          await new Promise<void>((r) => server.close(() => r()));
          server.closeAllConnections();
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await workerRun;
          await nativeConnection.close();
          await connection.close();
          await embedded?.stop();
        })()),
    };
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
}
