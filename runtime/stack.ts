/**
 * The Temporal side of the product's stack: the embedded dev server persisting to the data folder
 * (or, without Python to install the pinned CLI, the SDK's own download) and the health probe the
 * API answers /healthz with. scripts/start.ts puts worker and API on top.
 */
import path from 'node:path';
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Config } from '../temporal.config.js';
import { allSearchAttributes } from '../contracts/search-attributes.js';
import { secureDataFolder } from './datadir.js';
import { startDevServer } from './devserver.js';
import { freePort } from './ports.js';
import { DEFAULT_RETENTION_DAYS, ensureRetention } from './retention.js';
import { ensure } from './toolchain.js';
import { startUiProxy } from './ui-proxy.js';

const { temporal } = proto;

/** Default retention of the embedded namespace: ten years, the archive's term (temporal.config.ts embedded.retentionDays). */
export const EMBEDDED_RETENTION_DAYS = DEFAULT_RETENTION_DAYS;

/** Start the embedded dev server persisting to SQLite in the data folder (port 0: any free port). */
export async function startEmbedded(config: Config): Promise<{ address: string; uiUrl: string; pid?: number; stop: () => Promise<void> }> {
  const dataDir = path.resolve(config.embedded.dataDir);
  // Keys, identities and every project's history live here: the owner alone may read them (等保 2.0 访问控制).
  secureDataFolder(dataDir);
  const dbFile = path.join(dataDir, 'temporal.sqlite');
  const { ip, grpcPort, uiPort } = config.embedded;
  const cli = ensure('cli');
  if (!cli) return startDownloaded(config, dbFile);
  // The proxy takes its configured port first: the dev server then picks free ports around it.
  const proxy = config.embedded.ui
    ? await startUiProxy({ ip, port: uiPort }).catch((err: Error) => Promise.reject(new Error(`Temporal UI: ${err.message}`)))
    : undefined;
  const server = await startDevServer({
    executable: cli,
    ip,
    port: grpcPort,
    // The Web UI shows full histories without sign-in: off unless configured (temporal.config.ts embedded.ui),
    // and then its own port (a free one) is never handed out, only the read-only proxy's below.
    ...(config.embedded.ui ? { uiPort: 0 } : {}),
    dbFile,
    namespace: config.temporal.namespace,
    retentionDays: config.embedded.retentionDays ?? EMBEDDED_RETENTION_DAYS,
    searchAttributes: allSearchAttributes,
    onRetry: (reason, attempt) => console.warn(`Temporal dev server: ${reason}; starting again on fresh ports (attempt ${attempt + 1})`),
  }).catch(async (err: Error) => {
    await proxy?.close();
    throw err;
  });
  // Whatever an older version left here world-readable.
  secureDataFolder(dataDir);
  if (!proxy || !server.uiUrl) return { address: server.address, uiUrl: '', pid: server.pid, stop: server.stop };
  proxy.setTarget(server.uiUrl);
  return {
    address: server.address,
    uiUrl: proxy.url,
    pid: server.pid,
    stop: async () => {
      await proxy.close();
      await server.stop();
    },
  };
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
  const env = await testing.TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'cached-download' },
      dbFilename: dbFile,
      ip,
      port,
      // Without the pinned CLI the UI is not served: its read-only proxy is set up on the CLI's path only.
      ui: false,
      namespace: config.temporal.namespace,
      searchAttributes: allSearchAttributes,
    },
  });
  await ensureRetention(env.connection, config.temporal.namespace, config.embedded.retentionDays ?? EMBEDDED_RETENTION_DAYS);
  secureDataFolder(path.dirname(dbFile));
  if (config.embedded.ui) console.warn('Temporal UI: not served without the pinned Temporal CLI (its read-only proxy needs it)');
  return { address: `${ip}:${port}`, uiUrl: '', stop: () => env.teardown() };
}

/** What /healthz reports (server/api/routes.ts `Health`). */
export interface TemporalHealth {
  temporal: boolean;
  workerPolling: boolean;
}

/** Health answers within this time even when Temporal does not. */
const HEALTH_DEADLINE_MS = 2_000;

/** Temporal reachable and a worker polling the task queue, each call bounded by HEALTH_DEADLINE_MS. */
export async function temporalHealth(connection: Connection, namespace: string, taskQueue: string): Promise<TemporalHealth> {
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
