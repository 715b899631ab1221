/**
 * `npm run cluster [-- --workers 2 --apis 2]`: the Temporal server on PostgreSQL on this machine
 * (installed and pinned by runtime/temporal-server.ts), until Ctrl-C or SIGTERM; with --workers
 * and --apis also the product, as that many worker and API processes on the cluster and one data
 * folder. A second run on the same folders reuses the database and keeps every project.
 */
import { ensureDatabase } from '../runtime/postgres.js';
import { startSeaweedS3 } from '../runtime/seaweedfs.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../temporal.config.js';
import { startCluster, TLS_SERVER_NAME, type ClusterTls } from '../runtime/cluster.js';
import { ensureClusterTls } from '../runtime/cluster-tls.js';
import { registerSearchAttributes } from '../server/registration.js';
import { startProductProcess, type ProductProcess } from '../runtime/fleet.js';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '0' },
    apis: { type: 'string', default: '0' },
  },
});
const count = (name: 'workers' | 'apis') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0 || n > 32) {
    console.error(`--${name}: expected a whole number from 0 to 32, got ${JSON.stringify(values[name])}`);
    process.exit(2);
  }
  return n;
};
const workers = count('workers');
const apis = count('apis');

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

const { cluster: settings } = config;
// mTLS on the frontend (cluster.mtls / CLUSTER_MTLS): certificates generated once into the cluster's folder.
const tls = settings.mtls ? ensureClusterTls(path.resolve(settings.dataDir, 'tls')) : undefined;
const started = Date.now();
const cluster = await startCluster({
  ...(tls ? { tls } : {}),
  dataDir: settings.dataDir,
  frontendPort: settings.frontendPort,
  historyShards: settings.historyShards,
  namespace: config.temporal.namespace,
  retentionDays: settings.retentionDays,
  visibilityRps: settings.visibilityRps,
  prepareNamespace: registerSearchAttributes,
});
const p = cluster.ports;
console.log(
  `Temporal cluster  ${cluster.address}  (Temporal server ${cluster.version}, ${cluster.historyShards} history shards, namespace ${config.temporal.namespace}; up in ${Math.round((Date.now() - started) / 1000)} s)`,
);
console.log(`  frontend HTTP   ${cluster.httpAddress}`);
console.log(
  `  services        history ${p.historyGrpc}, matching ${p.matchingGrpc}, worker ${p.workerGrpc}; membership ${p.frontendMembership}, ${p.historyMembership}, ${p.matchingMembership}, ${p.workerMembership}`,
);
console.log(`PostgreSQL        127.0.0.1:${cluster.postgres.port}  user ${cluster.postgres.user}, databases temporal and temporal_visibility`);
console.log(`Data and logs     ${settings.dataDir}/ (postgres/, temporal-server.yaml, temporal-server.log, ports.json)`);

// Uploaded documents go to a real S3 server beside the cluster (issue 21): SeaweedFS, its data in the cluster's folder.
const s3 = await startSeaweedS3({ dataDir: path.resolve(settings.dataDir, 'seaweedfs') });
const documentsEnv: Record<string, string> = {
  DOCUMENTS_STORE: 's3',
  DOCUMENTS_S3_ENDPOINT: s3.endpoint,
  DOCUMENTS_S3_BUCKET: s3.bucket,
  DOCUMENTS_S3_REGION: s3.region,
  AWS_ACCESS_KEY_ID: s3.accessKeyId,
  AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
};
console.log(`S3 (documents)    ${s3.endpoint}  bucket ${s3.bucket} (SeaweedFS, data in ${settings.dataDir}/seaweedfs/)`);

const fleet: ProductProcess[] = [];
const stopAll = async () => {
  await Promise.all(fleet.map((f) => f.stop()));
  await s3.stop();
  await cluster.stop();
};
try {
  if (workers + apis > 0) {
    const logs = path.resolve(settings.dataDir, 'logs');
    mkdirSync(logs, { recursive: true });
    // The lists' read model (issue 23): a database of the cluster's own PostgreSQL, shared by every API process.
    const readModelUrl = ensureDatabase(cluster.postgres, 'read_model');
    const env: Record<string, string> = {
      TEMPORAL_ADDRESS: cluster.address,
      DATA_DIR: config.embedded.dataDir,
      READ_MODEL_URL: readModelUrl,
      ...documentsEnv,
      ...(tls ? tlsEnv(tls) : {}),
    };
    const start = (role: 'worker' | 'api', i: number) => startProductProcess({ role, name: `${role}-${i}`, env, logFile: path.join(logs, `${role}-${i}.log`) });
    // The first API process alone: on a fresh data folder it seeds the development users once.
    const first = apis > 0 ? start('api', 1) : undefined;
    const firstWorkers = Array.from({ length: workers }, (_, i) => start('worker', i + 1));
    if (first) fleet.push(await first);
    const rest = await Promise.all([...firstWorkers, ...Array.from({ length: Math.max(0, apis - 1) }, (_, i) => start('api', i + 2))]);
    fleet.push(...rest);
    for (const f of fleet)
      console.log(`${f.name.padEnd(17)} pid ${f.pid}${f.apiUrl ? `  ${f.apiUrl}` : ''}  (log ${path.join(settings.dataDir, 'logs', `${f.name}.log`)})`);
    const users = fleet[0]?.banner.slice(fleet[0].banner.findIndex((l) => l.startsWith('Development users')));
    if (users && users.length > 1) console.log(`\n${users.join('\n')}`);
    console.log('Rate limits are counted by each API process: a client spread over n processes may send n × API_RATE_LIMIT a minute.');
  } else {
    const tlsVars = tls
      ? ` ${Object.entries(tlsEnv(tls))
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`
      : '';
    const s3Vars = Object.entries(documentsEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    console.log(`\nThe product on it:  TEMPORAL_ADDRESS=${cluster.address}${tlsVars} ${s3Vars} npm start`);
    console.log(`Several processes:  npm run cluster -- --workers 2 --apis 2`);
  }
} catch (err) {
  await stopAll();
  throw err;
}
console.log('ready');

/** The product's side of the frontend's mTLS, as temporal.config.ts reads it from the environment. */
function tlsEnv(t: ClusterTls): Record<string, string> {
  return {
    TEMPORAL_TLS_CERT_FILE: t.clientCertFile,
    TEMPORAL_TLS_KEY_FILE: t.clientKeyFile,
    TEMPORAL_TLS_CA_FILE: t.caFile,
    TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME,
  };
}

let signals = 0;
const shutdown = async (signal: string) => {
  if (signals++ > 0) return;
  console.log(`${signal}: stopping the product processes, the Temporal server and PostgreSQL`);
  await stopAll();
  console.log('stopped');
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
for (const f of fleet) void f.exited.then((code) => signals === 0 && console.error(`${f.name} (pid ${f.pid}) ended: ${code}`));
