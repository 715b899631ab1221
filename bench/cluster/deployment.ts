/**
 * A whole deployment in one folder, as the cluster benchmark and its smoke test run it: the cluster
 * (Temporal server on PostgreSQL), worker and API processes on one shared data folder, and an HTTP
 * client that talks to the API processes in turn with the development users' tokens.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startCluster, type Cluster } from '../../runtime/cluster.js';
import { ensureDatabase } from '../../runtime/postgres.js';
import { startProductProcess, type ProductProcess } from '../../runtime/fleet.js';
import { registerSearchAttributes } from '../../server/registration.js';
import { Identities, seedDevelopmentUsers } from '../../server/identity.js';
import { loadConfig } from '../../temporal.config.js';
import { ProjectService } from '../../server/projects.js';
import { loadSigner } from '../../server/signing.js';
import type { ProjectView } from '../../contracts/messages.js';
import type { Workload } from './workload.js';

/** A running deployment. */
export interface Deployment {
  cluster: Cluster;
  workers: ProductProcess[];
  apis: ProductProcess[];
  api: ApiClient;
  /** Start a worker process again in the place of worker `index` (after a kill). */
  restartWorker(index: number): Promise<ProductProcess>;
  /** Stop the cluster (server and PostgreSQL) and start it again on its folder; the product processes keep running. */
  restartCluster(): Promise<Cluster>;
  /** Submit a project: through the API, or as a carried-over project where the regulation takes no new ones (see Workload). */
  submit(w: Workload, via?: number): Promise<ProjectView>;
  /** Stop the product processes, then the cluster. */
  stop(): Promise<void>;
}

/** Start the cluster in `dir`/cluster and the product processes on `dir`/data. */
export async function startDeployment(opts: {
  dir: string;
  workers: number;
  apis: number;
  historyShards?: number;
  /** More environment for the product processes (e.g. WORKER_MAX_CACHED_WORKFLOWS). */
  env?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<Deployment> {
  const config = loadConfig({});
  const dataDir = path.join(opts.dir, 'data');
  const logs = path.join(opts.dir, 'logs');
  mkdirSync(logs, { recursive: true });
  // PostgreSQL runs as its own system user when we are root: it must be able to enter the folder.
  chmodSync(opts.dir, 0o755);
  const clusterOptions = {
    dataDir: path.join(opts.dir, 'cluster'),
    historyShards: opts.historyShards ?? config.cluster.historyShards,
    namespace: config.temporal.namespace,
    retentionDays: config.cluster.retentionDays,
    visibilityRps: config.cluster.visibilityRps,
    prepareNamespace: registerSearchAttributes,
    ...(opts.log ? { log: opts.log } : {}),
  };
  let cluster = await startCluster(clusterOptions);
  // Users seeded here, before any API process starts, so the harness holds every token.
  const identities = Identities.open(path.join(dataDir, 'identities.json'));
  const tokens = new Map((identities.users.length === 0 ? seedDevelopmentUsers(identities) : []).map(({ user, token }) => [user.id, token]));
  // The harness sends far more than a person: the per-credential limit would measure the limiter.
  // The lists' read model in the cluster's PostgreSQL, shared by every API process as `npm run cluster` does
  // (the embedded one is one process's alone).
  const env = {
    TEMPORAL_ADDRESS: cluster.address,
    DATA_DIR: dataDir,
    READ_MODEL_URL: ensureDatabase(cluster.postgres, 'read_model'),
    API_RATE_LIMIT: '1000000',
    ...opts.env,
  };
  const start = (role: 'worker' | 'api', i: number) => startProductProcess({ role, name: `${role}-${i}`, env, logFile: path.join(logs, `${role}-${i}.log`) });
  const started: ProductProcess[] = [];
  try {
    const all = await Promise.all([
      ...Array.from({ length: opts.workers }, (_, i) => start('worker', i + 1).then((p) => (started.push(p), p))),
      ...Array.from({ length: opts.apis }, (_, i) => start('api', i + 1).then((p) => (started.push(p), p))),
    ]);
    const workers = all.filter((p) => p.role === 'worker');
    const apis = all.filter((p) => p.role === 'api');
    const api = new ApiClient(
      apis.map((a) => a.apiUrl!),
      tokens,
    );
    const connection = await Connection.connect({ address: cluster.address });
    const direct = new ProjectService({
      client: new Client({ connection, namespace: config.temporal.namespace }),
      taskQueue: config.temporal.taskQueue,
      historyEventLimit: config.historyEventLimit,
      // A carried-over project (a regulation no longer in force) is started here with its old date, signed
      // with the data folder's key as the API processes sign theirs: workers refuse an unsigned start.
      signer: loadSigner({ dir: path.join(dataDir, 'command-keys'), ...config.commands }),
    });
    return {
      get cluster() {
        return cluster;
      },
      workers,
      apis,
      api,
      submit: (w, via) =>
        w.carriedOverFrom
          ? direct.submit(w.jurisdiction, w.application, { actor: `${w.jurisdiction}申报人` }, w.carriedOverFrom)
          : api.call<ProjectView>('POST', '/v1/projects', `${w.jurisdiction}.applicant`, {
              body: { jurisdiction: w.jurisdiction, application: w.application },
              ...(via === undefined ? {} : { via }),
            }),
      restartWorker: async (index) => (workers[index] = await start('worker', index + 1)),
      restartCluster: async () => {
        await cluster.stop();
        cluster = await startCluster(clusterOptions);
        return cluster;
      },
      stop: async () => {
        await connection.close();
        await Promise.all([...workers, ...apis].map((p) => p.stop()));
        await cluster.stop();
      },
    };
  } catch (err) {
    await Promise.all(started.map((p) => p.stop()));
    await cluster.stop();
    throw err;
  }
}

/** An API answer that was not 2xx. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 500)}`);
  }
}

/** The product's HTTP API through several API processes, taking them in turn. */
export class ApiClient {
  private turn = 0;

  constructor(
    readonly urls: string[],
    private readonly tokens: Map<string, string>,
  ) {}

  /** The development user `<jurisdiction>.<department in lower case>` (or `.applicant`). */
  tokenOf(userId: string): string {
    const token = this.tokens.get(userId);
    if (!token) throw new Error(`no token for ${userId}`);
    return token;
  }

  /** Call one API process (by index, or the next in turn). */
  async call<T>(method: string, url: string, userId: string, opts: { body?: unknown; headers?: Record<string, string>; via?: number } = {}): Promise<T> {
    const base = this.urls[opts.via ?? this.turn++ % this.urls.length]!;
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${this.tokenOf(userId)}`, ...(opts.body ? { 'content-type': 'application/json' } : {}), ...opts.headers },
      ...(opts.body ? { body: JSON.stringify(opts.body) } : {}),
      signal: AbortSignal.timeout(120_000),
    });
    const text = await res.text();
    if (!res.ok) throw new ApiError(res.status, text);
    return JSON.parse(text) as T;
  }
}
