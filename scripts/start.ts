/**
 * `npm start`: the product on its embedded default (or on TEMPORAL_ADDRESS), until Ctrl-C or SIGTERM.
 * The composition root: the embedded Temporal dev server (runtime/stack.ts), the worker and the API,
 * as the configuration's process role asks.
 */
import { openDocumentStore } from '../documents/store.js';
import { createServer } from 'node:http';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { ConfigError, followCalendarYears, loadConfig, type Config } from '../temporal.config.js';
import { createApp, type Health } from '../server/app.js';
import { ProjectService } from '../server/projects.js';
import { registerSearchAttributes } from '../server/registration.js';
import { Identities, seedDevelopmentUsers, type User } from '../server/identity.js';
import { connectionOptions } from '../server/connection.js';
import { followSigner, loadTrustedKeys, NoTrustedKeyError, publicKeySetFile, type CommandKeyOptions, type CommandSigner } from '../server/signing.js';
import { SavedViews } from '../server/saved-views.js';
import { MessageCentre } from '../server/messages.js';
import { openLists } from '../server/read-model/keeper.js';
import { openSql } from '../server/read-model/sql.js';
import { Calendar } from '../activities/calendar.js';
import { configuredDueTimes } from '../activities/index.js';
import { createKeyFollowingWorker } from '../worker/index.js';
import { sweepEndedProjects } from '../worker/archive-sweep.js';
import { startEmbedded, temporalHealth } from '../runtime/stack.js';
import { listenOn } from '../runtime/ports.js';
import { nextKeyChange, readPublicKeySet, sharedSecret } from '../runtime/keys.js';
import { secureDataFolder } from '../runtime/datadir.js';

/** A running product. */
interface Stack {
  /** Development users created on this start, with their tokens (shown once). */
  seeded: Array<{ user: User; token: string }>;
  temporalAddress: string;
  uiUrl?: string;
  /** Absent when this process runs only a worker. */
  apiUrl?: string;
  stop(): Promise<void>;
}

/** Start everything the configuration asks for. */
async function startStack(config: Config): Promise<Stack> {
  // A worker- or API-only process always has an address (temporal.config.ts refuses one without).
  const { role } = config.deployment;
  // The product owns signal handling (below) so that shutdown runs in order.
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
    // Commands are signed by the API's key, whose public half the API publishes to the data folder's
    // public key set; the worker reads only that set and the configured public keys, never a private
    // key, and follows the set while it runs (rotation and revocation without a restart).
    const keys = { dir: path.resolve(config.embedded.dataDir, 'command-keys'), ...config.commands };
    // The API follows rotation and revocation too (followSigner), so a revoked key stops signing without a restart.
    const signer = role === 'worker' ? undefined : followSigner(keys).signer;
    const worker = nativeConnection && (await startKeyFollowingWorker(nativeConnection, config, keys));
    const workerRun = worker?.run();
    const sweeping = worker ? sweepArchives(config, client) : undefined;

    const health = (): Promise<Health> => temporalHealth(connection, namespace, taskQueue);
    const api = signer ? await startApi(config, client, health, signer) : undefined;

    let stopping: Promise<void> | undefined;
    return {
      seeded: api?.seeded ?? [],
      temporalAddress: address,
      ...(embedded ? { uiUrl: embedded.uiUrl } : {}),
      ...(api ? { apiUrl: api.url } : {}),
      stop: () =>
        (stopping ??= (async () => {
          await api?.stop();
          sweeping?.stop();
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
 * Projects Temporal ended outside the product get their archive package from the worker process: at
 * start, then every `worker.archiveSweepMinutes` (worker/archive-sweep.ts; issue 20 item 3).
 */
function sweepArchives(config: Config, client: Client): { stop(): void } {
  const archiveDir = path.resolve(config.embedded.dataDir, 'archive');
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      const r = await sweepEndedProjects({ client, namespace: config.temporal.namespace, archiveDir, log: (line) => console.log(`archive: ${line}`) });
      for (const f of r.failed) console.warn(`archive: ${f.projectId} not archived yet (${f.error}); tried again at the next sweep`);
    } catch (err) {
      console.warn(`archive: sweep failed (${(err as Error).message}); tried again at the next sweep`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void sweep(), 5_000).unref();
  const every = setInterval(() => void sweep(), config.worker.archiveSweepMinutes * 60_000).unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

/** How long a worker waits for the API to publish its first public key on a fresh data folder. */
const KEY_WAIT_MS = Number(process.env.COMMAND_KEY_WAIT_MS ?? 60_000);

/**
 * The worker, trusting the public key set and the configured public keys. On a fresh data folder
 * the API publishes the set as it starts (processes of a deployment start together): the worker
 * waits for it, then refuses to start with a message saying where keys come from.
 */
async function startKeyFollowingWorker(connection: NativeConnection, config: Config, keys: CommandKeyOptions) {
  const setFile = publicKeySetFile(keys.dir);
  const loadKeys = (atMs: number) => loadTrustedKeys(keys, atMs);
  for (const started = Date.now(); ;) {
    try {
      loadKeys(Date.now());
      break;
    } catch (err) {
      if (!(err instanceof NoTrustedKeyError) || Date.now() - started >= KEY_WAIT_MS) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return createKeyFollowingWorker({
    connection,
    config,
    loadKeys,
    watch: [setFile],
    nextChange: (atMs) => nextKeyChange(readPublicKeySet(setFile), atMs),
  });
}

/**
 * The HTTP API. Every API process on one data folder reads the same identities and seals page
 * tokens with the same key; rate limits are counted per process (README, "Province scale").
 */
async function startApi(config: Config, client: Client, health: () => Promise<Health>, signer: CommandSigner) {
  const dataDir = path.resolve(config.embedded.dataDir);
  const calendarYears = followCalendarYears(config);
  const identities = Identities.open(path.join(dataDir, 'identities.json'));
  // First start: development users for every role, their tokens printed once (only hashes are stored).
  const seeded = identities.users.length === 0 ? seedDevelopmentUsers(identities) : [];
  const projects = new ProjectService({
    client,
    taskQueue: config.temporal.taskQueue,
    historyEventLimit: config.historyEventLimit,
    signer,
    pageKey: sharedSecret(dataDir, 'page-token.key'),
    // The API's first due times and the pages' working days follow the operator's year file too.
    dueTimes: configuredDueTimes(config, calendarYears),
    opinions: config.opinions.issue,
  });
  // Uploaded documents: the data folder's store by default, an S3 bucket when configured (issue 21);
  // what interrupted uploads left behind is removed before the first request.
  const store = await openDocumentStore(config.documents.store, dataDir);
  const swept = await store.sweep();
  if (swept) console.log(`documents: removed ${swept} unfinished upload(s)`);
  // Notices the workers write to the data folder, for each user's message centre (issue 24).
  const messages = new MessageCentre(dataDir).follow();
  // The read model every list reads (issue 23): PGlite in the data folder, or the configured PostgreSQL.
  const lists = await openLists({
    sql: await openSql(config.readModel.url ? { kind: 'postgres', url: config.readModel.url } : { kind: 'embedded' }, dataDir),
    projects,
    source: projects.source(),
    keeper: { dataDir, pollMs: config.readModel.pollMs },
  });
  const app = createApp({
    projects: lists.projects,
    lists: lists.keeper,
    identities,
    health,
    messages,
    documents: {
      store,
      limits: {
        maxFileBytes: config.documents.maxFileBytes,
        maxRequestBytes: config.documents.maxRequestBytes,
        maxFilesPerRequest: config.documents.maxFilesPerRequest,
        types: config.documents.types,
      },
    },
    ...(config.api.rateLimitPerMinute ? { rateLimitPerMinute: config.api.rateLimitPerMinute } : {}),
    ...(config.api.anonymousRateLimitPerMinute ? { anonymousRateLimitPerMinute: config.api.anonymousRateLimitPerMinute } : {}),
    ...(config.api.trustProxy !== undefined ? { trustProxy: config.api.trustProxy } : {}),
    pages: {
      ...(config.api.secureCookie !== undefined ? { secureCookie: config.api.secureCookie } : {}),
      sessionIdleMs: config.api.sessionIdleMinutes * 60_000,
      sessionAbsoluteMs: config.api.sessionAbsoluteHours * 3_600_000,
      signInLockout: {
        maxFailures: config.api.signInLockout.maxFailures,
        windowMs: config.api.signInLockout.windowMinutes * 60_000,
        lockMs: config.api.signInLockout.lockMinutes * 60_000,
      },
      calendar: new Calendar(calendarYears),
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
      messages.stop();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await lists.stop();
    },
  };
}

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

// The data folder holds token hashes, keys and (embedded) every project's history: the owner's alone,
// and so is everything this process creates from here on (等保 2.0 三级 访问控制; issue 20 item 7).
process.umask(0o077);
secureDataFolder(path.resolve(config.embedded.dataDir));
let stack: Stack;
try {
  stack = await startStack(config);
} catch (err) {
  if (err instanceof NoTrustedKeyError) {
    console.error(`worker: ${err.message}`);
    process.exit(2);
  }
  throw err;
}
const { role } = config.deployment;
console.log(`Temporal    ${stack.temporalAddress}${config.temporal.address ? ' (existing cluster)' : ` (embedded, data in ${config.embedded.dataDir}/)`}`);
if (stack.uiUrl) console.log(`Temporal UI ${stack.uiUrl} (read-only)`);
else if (!config.temporal.address) console.log('Temporal UI off (TEMPORAL_UI=true serves it read-only on loopback)');
if (role !== 'api') console.log(`Worker      polling task queue ${config.temporal.taskQueue} (pid ${process.pid})`);
if (stack.apiUrl) console.log(`API         ${stack.apiUrl}  (health: ${stack.apiUrl}/healthz)`);
if (stack.apiUrl) console.log(`Workspace   ${stack.apiUrl}/  (sign in with a user's id and token)`);
if (stack.seeded.length) {
  const lines = stack.seeded.map(({ user, token }) => `${user.id.padEnd(28)} ${user.roles.join(',').padEnd(20)} ${token}`);
  console.log(
    `\nDevelopment users (tokens shown once; only their hashes are stored). Sign in to the workspace with a user's id and its token, or use Authorization: Bearer <token>\n${lines.join('\n')}`,
  );
  console.log('A lost token cannot be shown again: issue a new one with npm run admin -- issue-token --user <id>\n');
}
console.log('ready');

let signals = 0;
const shutdown = async (signal: string) => {
  if (signals++ > 0) return;
  console.log(`${signal}: shutting down`);
  await stack.stop();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
