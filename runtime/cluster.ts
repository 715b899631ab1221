/**
 * A real Temporal cluster on this machine: the pinned Temporal server (frontend, history, matching
 * and worker services in one process) on PostgreSQL for persistence and SQL advanced visibility.
 * Everything lives in one data folder — PostgreSQL's files, the generated server configuration,
 * the ports chosen on first start and the logs — so a second start on the same folder reuses the
 * database and keeps every project.
 *
 * Ports: the server binds nine (gRPC and membership for four services, and the frontend's HTTP
 * API). Ports left at 0 are picked free on the first start and remembered, so addresses stay the
 * same across restarts; a start that collides with another program is tried again on fresh ports.
 * A frontend port the operator fixed is never moved: its collision is an error naming it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import Long from 'long';
import { searchAttributes } from '../contracts/search-attributes.js';
import { answers } from './devserver.js';
import { collidedAddress, freePort } from './ports.js';
import { psql, startPostgres, type Postgres } from './postgres.js';
import { ensureRetention } from './retention.js';
import { ensureTemporalServer, type TemporalServerTools } from './temporal-server.js';

/** What to start and where. */
export interface ClusterOptions {
  /** Folder of this cluster's database, configuration, ports and logs. */
  dataDir: string;
  ip?: string;
  /** Frontend gRPC port; 0: a free port picked on the first start and kept. */
  frontendPort?: number;
  /** History shards, fixed when the cluster is created (a later different value is ignored, with a warning). */
  historyShards: number;
  namespace: string;
  /** How long closed projects stay visible before the server deletes them. */
  retentionDays: number;
  /** mTLS on the frontend: only a client with a certificate the CA signed may connect (issue 20 item 4). */
  tls?: ClusterTls;
  /**
   * List queries a second, per namespace and frontend, before the server throttles (its own default
   * is 10, which a province's reviewers opening their lists pass easily; a throttled query waits
   * seconds in the client's retry).
   */
  visibilityRps: number;
  /** Makes the namespace ready for the product (registers its search attributes); retried until it succeeds. */
  prepareNamespace: (connection: Connection, namespace: string) => Promise<void>;
  /** Starts tried on fresh ports before giving up (default 5). */
  attempts?: number;
  /** How long one start may take until the namespace answers (default 180 s: shard acquisition is slow on two busy cores). */
  readyTimeoutMs?: number;
  log?: (line: string) => void;
}

/**
 * PEM files for mTLS on the frontend: the CA that signs both sides, the frontend's certificate (its
 * subjectAltName must name the address clients use, e.g. IP:127.0.0.1) and a client certificate,
 * which the server's own system worker presents and the product's processes present too
 * (`temporal.tls` with the same files).
 */
export interface ClusterTls {
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  clientCertFile: string;
  clientKeyFile: string;
}

/** The name the frontend's certificate carries and clients check (runtime/cluster-tls.ts puts it in the subjectAltName). */
export const TLS_SERVER_NAME = 'localhost';

/** Connection options for a client of a cluster started with `tls` (the cluster's own, and tests'). */
export function clusterConnectionTls(tls: ClusterTls | undefined): Pick<ConnectionOptions, 'tls'> {
  if (!tls) return {};
  return {
    tls: {
      serverNameOverride: TLS_SERVER_NAME,
      serverRootCACertificate: readFileSync(tls.caFile),
      clientCertPair: { crt: readFileSync(tls.clientCertFile), key: readFileSync(tls.clientKeyFile) },
    },
  };
}

/** A running cluster. */
export interface Cluster {
  /** host:port of the frontend, for TEMPORAL_ADDRESS. */
  address: string;
  httpAddress: string;
  postgres: Postgres;
  /** Every port the server listens on, by service. */
  ports: ClusterPorts;
  /** History shards as the database records them (the value chosen at creation). */
  historyShards: number;
  version: string;
  serverPid: number;
  /** Stop the Temporal server, then PostgreSQL. */
  stop(): Promise<void>;
}

const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;
type PortName = `${(typeof SERVICES)[number]}${'Grpc' | 'Membership'}` | 'frontendHttp';
/** The ports of one start. */
export type ClusterPorts = Record<PortName, number>;
const PORT_NAMES: PortName[] = [...SERVICES.flatMap((s) => [`${s}Grpc`, `${s}Membership`] as PortName[]), 'frontendHttp'];

/** The cluster could not start; `collided` names the address that was in use, if that was the reason. */
export class ClusterStartError extends Error {
  constructor(
    message: string,
    readonly collided?: string,
  ) {
    super(message);
    this.name = 'ClusterStartError';
  }
}

const DB_USER = 'temporal';
const DATABASES = { default: 'temporal', visibility: 'temporal_visibility' } as const;

/** Start PostgreSQL and the Temporal server on `dataDir`, creating database, schema and namespace on the first start. */
export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const tools = ensureTemporalServer(log);
  stopOrphan(dataDir, log);
  const pg = await startPostgres({ dataDir: path.join(dataDir, 'postgres'), user: DB_USER });
  try {
    prepareDatabases(tools, pg, log);
    const ip = opts.ip ?? '127.0.0.1';
    const attempts = opts.attempts ?? 5;
    let last: ClusterStartError | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const ports = await choosePorts(dataDir, ip, opts.frontendPort ?? 0, attempt > 1);
      try {
        const started = await startServer(tools, pg, opts, dataDir, ip, ports);
        writeFileSync(path.join(dataDir, 'ports.json'), `${JSON.stringify(ports, null, 2)}\n`);
        writeFileSync(path.join(dataDir, 'address'), `${started.address}\n`);
        return { ...started, postgres: pg, ports, version: tools.version, stop: async () => (await started.stopServer(), pg.stop()) };
      } catch (err) {
        if (!(err instanceof ClusterStartError)) throw err;
        last = err;
        if (err.collided && opts.frontendPort && err.collided === `${ip}:${opts.frontendPort}`) {
          throw new ClusterStartError(
            `Temporal cluster: ${err.collided} is already in use by another program. Stop it, or set CLUSTER_PORT (0 picks a free port).`,
            err.collided,
          );
        }
        if (!err.collided) throw err;
        log(`[cluster] ${err.collided} was in use; starting again on fresh ports (attempt ${attempt + 1})`);
      }
    }
    throw new ClusterStartError(`Temporal cluster did not start in ${attempts} attempts; the last: ${last?.message}`, last?.collided);
  } catch (err) {
    pg.stop();
    throw err;
  }
}

/** Databases and schema: created when missing, brought to the pinned version (a no-op when current). */
function prepareDatabases(tools: TemporalServerTools, pg: Postgres, log: (line: string) => void) {
  const existing = new Set(psql(pg, 'SELECT datname FROM pg_database').split('\n'));
  for (const [store, db] of Object.entries(DATABASES)) {
    const sql = (...args: string[]) => {
      const r = spawnSync(
        tools.sqlTool,
        ['--plugin', 'postgres12', '--ep', '127.0.0.1', '--port', String(pg.port), '--user', DB_USER, '--database', db, ...args],
        // The password by environment: a command line is readable by every account (ps).
        { encoding: 'utf8', env: { ...process.env, SQL_PASSWORD: pg.password } },
      );
      if (r.status !== 0) throw new Error(`temporal-sql-tool ${args[0]} on ${db} failed:\n${r.stdout}${r.stderr}`);
    };
    if (!existing.has(db)) {
      log(`[cluster] creating database ${db}`);
      sql('create-database');
    }
    const versioned = psql(pg, "SELECT to_regclass('schema_version') IS NOT NULL", db) === 't';
    if (!versioned) sql('setup-schema', '--version', '0.0');
    sql('update-schema', '--schema-dir', store === 'default' ? tools.defaultSchemaDir : tools.visibilitySchemaDir);
  }
}

/** Ports remembered from the last start (still free), else fresh; `fresh` forces new ones except the fixed frontend. */
async function choosePorts(dataDir: string, ip: string, fixedFrontend: number, fresh: boolean): Promise<ClusterPorts> {
  const file = path.join(dataDir, 'ports.json');
  const remembered: Partial<ClusterPorts> = !fresh && existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const ports = {} as ClusterPorts;
  const taken = new Set<number>();
  for (const name of PORT_NAMES) {
    let port = name === 'frontendGrpc' && fixedFrontend ? fixedFrontend : remembered[name];
    while (!port || taken.has(port)) port = name.endsWith('Membership') ? await freeLowPort(ip) : await freePort(ip);
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

/**
 * A free port below 32768: the server records membership ports in a PostgreSQL `smallint` column
 * (cluster_membership.rpc_port), so a port from the kernel's ephemeral range (32768 and up) fails
 * its heartbeat with "out of range for type smallint".
 */
async function freeLowPort(ip: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(ip, port)) return port;
  }
  throw new ClusterStartError(`no free port between 20000 and 32000 on ${ip} for the cluster's membership`);
}

function canListen(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, ip, () => s.close(() => resolve(true)));
  });
}

/** The server's configuration, as JSON (which YAML accepts). */
export function serverConfig(opts: {
  ip: string;
  ports: ClusterPorts;
  pg: Pick<Postgres, 'port' | 'password'>;
  historyShards: number;
  dynamicConfigFile: string;
  tls?: ClusterTls;
}) {
  const { ip, ports, pg, tls } = opts;
  const bind = ip === '127.0.0.1' ? { bindOnLocalHost: true } : { bindOnIP: ip };
  const datastore = (databaseName: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName,
      connectAddr: `127.0.0.1:${pg.port}`,
      connectProtocol: 'tcp',
      user: DB_USER,
      // PostgreSQL requires it (scram-sha-256, runtime/postgres.ts); this file is written 0600.
      password: pg.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  return {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: opts.historyShards,
      // Four services each open these pools; PostgreSQL allows 200 connections (runtime/postgres.ts).
      datastores: { 'postgres-default': datastore(DATABASES.default, 30), 'postgres-visibility': datastore(DATABASES.visibility, 10) },
    },
    global: {
      membership: { maxJoinDuration: '30s', broadcastAddress: ip },
      ...(tls
        ? {
            tls: {
              // The frontend requires a client certificate its CA signed; the server's own services reach it with the client pair.
              frontend: {
                server: { certFile: tls.serverCertFile, keyFile: tls.serverKeyFile, requireClientAuth: true, clientCaFiles: [tls.caFile] },
                client: { serverName: TLS_SERVER_NAME, rootCaFiles: [tls.caFile] },
              },
              systemWorker: { certFile: tls.clientCertFile, keyFile: tls.clientKeyFile, client: { serverName: TLS_SERVER_NAME, rootCaFiles: [tls.caFile] } },
            },
          }
        : {}),
    },
    services: Object.fromEntries(
      SERVICES.map((s) => [
        s,
        {
          rpc: { grpcPort: ports[`${s}Grpc`], membershipPort: ports[`${s}Membership`], ...bind, ...(s === 'frontend' ? { httpPort: ports.frontendHttp } : {}) },
        },
      ]),
    ),
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `${ip}:${ports.frontendGrpc}`,
          httpAddress: `${ip}:${ports.frontendHttp}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: opts.dynamicConfigFile, pollInterval: '10s' },
  };
}

/** Settings the server reads at run time (dynamic configuration), as JSON. */
export function dynamicConfig(opts: { visibilityRps: number }) {
  return {
    'frontend.namespaceRPS.visibility': [{ value: opts.visibilityRps }],
    'frontend.namespaceBurstRatio.visibility': [{ value: 2 }],
  };
}

async function startServer(tools: TemporalServerTools, pg: Postgres, opts: ClusterOptions, dataDir: string, ip: string, ports: ClusterPorts) {
  const configFile = path.join(dataDir, 'temporal-server.yaml');
  const dynamicConfigFile = path.join(dataDir, 'dynamic-config.yaml');
  writeFileSync(dynamicConfigFile, `${JSON.stringify(dynamicConfig(opts), null, 2)}\n`);
  // Holds the database password: the owner's alone, also when the file was there before.
  writeFileSync(
    configFile,
    `${JSON.stringify(serverConfig({ ip, ports, pg, historyShards: opts.historyShards, dynamicConfigFile, ...(opts.tls ? { tls: opts.tls } : {}) }), null, 2)}\n`,
    {
      mode: 0o600,
    },
  );
  chmodSync(configFile, 0o600);
  const logFile = createWriteStream(path.join(dataDir, 'temporal-server.log'), { flags: 'a' });
  const child = spawn(tools.server, ['--config-file', configFile, '--allow-no-auth', 'start'], { cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] });
  writeFileSync(path.join(dataDir, 'server.pid'), `${child.pid}\n`);
  let output = '';
  const keep = (d: Buffer) => {
    logFile.write(d);
    output = (output + d.toString()).slice(-16_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const address = `${ip}:${ports.frontendGrpc}`;
  const stopServer = async () => {
    await stopChild(child);
    logFile.end();
  };
  try {
    const historyShards = await waitReady(
      address,
      child,
      () => output,
      opts,
      (line) => (opts.log ?? console.log)(line),
    );
    return { address, httpAddress: `${ip}:${ports.frontendHttp}`, historyShards, serverPid: child.pid!, stopServer };
  } catch (err) {
    await stopChild(child, 'SIGKILL');
    logFile.end();
    const collided = collidedAddress(output);
    throw new ClusterStartError(`${(err as Error).message}\n${output.trim().slice(-2_000)}`, collided);
  }
}

/**
 * Wait until the frontend answers, then make the namespace ready for the product: registered
 * (once), the search attributes added, and a list query on them accepted. Each step is retried
 * because the services join the membership ring and acquire their shards at their own pace.
 */
async function waitReady(address: string, child: ChildProcess, output: () => string, opts: ClusterOptions, log: (line: string) => void): Promise<number> {
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Temporal server exited (${child.exitCode ?? child.signalCode}) while starting on ${address}`);
    if (collidedAddress(output())) throw new Error(`Temporal server: a port was in use while starting on ${address}`);
  };
  for (;;) {
    alive();
    if (await answers(address, clusterConnectionTls(opts.tls))) break;
    if (Date.now() > deadline) throw new Error(`Temporal server at ${address} not reachable in time`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const connection = await Connection.connect({ address, ...clusterConnectionTls(opts.tls) });
  try {
    const retry = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      for (;;) {
        alive();
        try {
          return await connection.withDeadline(Date.now() + 10_000, fn);
        } catch (err) {
          if (Date.now() > deadline) throw new Error(`Temporal server at ${address}: ${what} did not succeed in time: ${(err as Error).message}`);
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    };
    const { namespace } = opts;
    const registered = await retry('registering the namespace', async () => {
      try {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(opts.retentionDays * 86_400) },
        });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code === 6) return false; // ALREADY_EXISTS: a restart
        throw err;
      }
    });
    if (registered) log(`[cluster] registered namespace ${namespace} (retention ${opts.retentionDays} days)`);
    // A namespace registered before (or with another retention): the configured one, every start.
    else await retry('setting the retention', () => ensureRetention(connection, namespace, opts.retentionDays));
    await retry('adding search attributes', () => opts.prepareNamespace(connection, namespace));
    const probe = `${searchAttributes.status.name} = 'probe' AND ${searchAttributes.awaiting.name} = 'probe' AND ${searchAttributes.nextDueAt.name} <= '2000-01-01T00:00:00Z'`;
    await retry('a list query on the search attributes', () => connection.workflowService.countWorkflowExecutions({ namespace, query: probe }));
    const info = await retry('reading the cluster information', () => connection.workflowService.getClusterInfo({}));
    const shards = info.historyShardCount ?? opts.historyShards;
    if (shards !== opts.historyShards)
      log(`[cluster] this cluster was created with ${shards} history shards; the setting ${opts.historyShards} applies only to a new cluster`);
    return shards;
  } finally {
    await connection.close();
  }
}

/**
 * A server a previous run on this folder left behind (its parent was killed) holds the remembered
 * ports: stop it. Only a process whose command line names this folder's configuration file is touched.
 */
function stopOrphan(dataDir: string, log: (line: string) => void) {
  const pidFile = path.join(dataDir, 'server.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return;
  }
  if (!cmdline.includes(path.join(dataDir, 'temporal-server.yaml'))) return;
  log(`[cluster] stopping the Temporal server (pid ${pid}) a previous run left on ${dataDir}`);
  process.kill(pid, 'SIGKILL');
  spawnSync('sleep', ['1']);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill(signal);
  });
}
