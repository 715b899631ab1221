/**
 * The cluster's namespace keeps closed projects as long as the configuration says (issue 20 item
 * 3), also one registered by an earlier start, and its database refuses the password-less
 * connection `initdb -A trust` allowed (item 4). `npm run test:cluster`.
 */
import { Connection } from '@temporalio/client';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../../runtime/cluster.js';
import { retentionDays } from '../../runtime/retention.js';
import { psql } from '../../runtime/postgres.js';
import { registerSearchAttributes } from '../../server/registration.js';
import { loadConfig } from '../../temporal.config.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gov-cluster-ns-'));
// PostgreSQL runs as its own system user when we are root: it must be able to enter the folder.
chmodSync(dir, 0o711);
const running: Cluster[] = [];
afterAll(async () => {
  for (const c of running.splice(0)) await c.stop();
  rmSync(dir, { recursive: true, force: true });
});

const start = (retention: number) =>
  startCluster({
    dataDir: dir,
    historyShards: 4,
    namespace: 'default',
    retentionDays: retention,
    visibilityRps: 50,
    prepareNamespace: registerSearchAttributes,
    log: () => undefined,
  });

async function retentionOf(cluster: Cluster): Promise<number> {
  const c = await Connection.connect({ address: cluster.address });
  try {
    return await retentionDays(c, 'default');
  } finally {
    await c.close();
  }
}

describe("the cluster's namespace and database", () => {
  it('keeps closed projects ten years by default, and the configured period after a restart with another', async () => {
    const configured = loadConfig({}).cluster.retentionDays;
    expect(configured).toBeGreaterThanOrEqual(3_650);
    let cluster = await start(configured);
    running.push(cluster);
    expect(await retentionOf(cluster)).toBe(configured);
    // The server's configuration holds the database password: the owner's alone.
    expect(statSync(path.join(dir, 'temporal-server.yaml')).mode & 0o777).toBe(0o600);
    expect(psql(cluster.postgres, 'SELECT 1')).toBe('1');
    expect(() => psql({ ...cluster.postgres, password: '' }, 'SELECT 1')).toThrow(/password|fe_sendauth/);

    await running.pop()!.stop();
    cluster = await start(7_300);
    running.push(cluster);
    expect(await retentionOf(cluster)).toBe(7_300);
  });
});
