/**
 * The cluster's frontend with mTLS (issue 20 item 4): a client without a certificate its CA signed
 * is refused, the product's client certificate is accepted. `npm run test:cluster`.
 */
import { Connection } from '@temporalio/client';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterConnectionTls, startCluster, TLS_SERVER_NAME, type Cluster, type ClusterTls } from '../../runtime/cluster.js';
import { ensureClusterTls } from '../../runtime/cluster-tls.js';
import { retentionDays } from '../../runtime/retention.js';
import { connectionOptions } from '../../server/connection.js';
import { registerSearchAttributes } from '../../server/registration.js';
import { loadConfig } from '../../temporal.config.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gov-cluster-mtls-'));
// PostgreSQL runs as its own system user when we are root: it must be able to enter the folder.
chmodSync(dir, 0o711);
let cluster: Cluster;
let tls: ClusterTls;

beforeAll(async () => {
  tls = ensureClusterTls(path.join(dir, 'tls'));
  cluster = await startCluster({
    dataDir: path.join(dir, 'cluster'),
    historyShards: 4,
    namespace: 'default',
    retentionDays: 3_650,
    visibilityRps: 50,
    tls,
    prepareNamespace: registerSearchAttributes,
    log: () => undefined,
  });
});
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** DescribeNamespace over a connection made with `options`: the retention, or the error's text. */
async function describeWith(options: Parameters<typeof Connection.connect>[0]): Promise<string> {
  try {
    const c = await Connection.connect({ ...options, connectTimeout: 3_000 });
    try {
      return `retention ${await c.withDeadline(Date.now() + 5_000, () => retentionDays(c, 'default'))}`;
    } finally {
      await c.close();
    }
  } catch (err) {
    return `refused: ${(err as Error).message}`;
  }
}

describe("the cluster's frontend with mTLS", () => {
  it("accepts the product's client certificate", async () => {
    expect(await describeWith({ address: cluster.address, ...clusterConnectionTls(tls) })).toBe('retention 3650');
  });

  it('is reached by the product configured as npm run cluster hands it to its processes (TEMPORAL_TLS_*)', async () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: cluster.address,
      TEMPORAL_TLS_CERT_FILE: tls.clientCertFile,
      TEMPORAL_TLS_KEY_FILE: tls.clientKeyFile,
      TEMPORAL_TLS_CA_FILE: tls.caFile,
      TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME,
    });
    expect(await describeWith(connectionOptions(config, cluster.address))).toBe('retention 3650');
    // Without the client pair the same configuration is refused.
    const withoutCert = loadConfig({ TEMPORAL_ADDRESS: cluster.address, TEMPORAL_TLS_CA_FILE: tls.caFile, TEMPORAL_TLS_SERVER_NAME: TLS_SERVER_NAME });
    expect((await describeWith(connectionOptions(withoutCert, cluster.address))).slice(0, 8)).toBe('refused:');
  });

  it('refuses a client without a certificate, one without TLS, and one with a certificate of another CA', async () => {
    const other = ensureClusterTls(path.join(dir, 'other-ca'));
    const ca = readFileSync(tls.caFile);
    for (const [what, options] of [
      ['no client certificate', { address: cluster.address, tls: { serverNameOverride: 'localhost', serverRootCACertificate: ca } }],
      ['plaintext', { address: cluster.address }],
      [
        "another CA's certificate",
        {
          address: cluster.address,
          tls: {
            serverNameOverride: 'localhost',
            serverRootCACertificate: ca,
            clientCertPair: { crt: readFileSync(other.clientCertFile), key: readFileSync(other.clientKeyFile) },
          },
        },
      ],
    ] as const) {
      const r = await describeWith(options);
      expect(`${what}: ${r.slice(0, 8)}`).toBe(`${what}: refused:`);
    }
  });

  it('keeps the generated keys to the owner', () => {
    for (const key of [tls.serverKeyFile, tls.clientKeyFile]) expect(statSync(key).mode & 0o777).toBe(0o600);
  });
});
