/**
 * The cluster's PostgreSQL asks every connection for the password it generated (issue 20 item 4):
 * under `initdb -A trust` any local process could connect and rewrite the projects' histories.
 * Needs PostgreSQL (as the cluster does): `npm run test:cluster`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBin, psql, startPostgres, type Postgres } from '../../runtime/postgres.js';

const started: Postgres[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const pg of started.splice(0)) pg.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder PostgreSQL's own system user may enter (it runs as `postgres` when we are root). */
function folder(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'pg-auth-'));
  dirs.push(d);
  return d;
}

/** psql as another local process would run it: with the password given, or none (no ~/.pgpass, no prompt). */
function connectAs(pg: Postgres, how: { password?: string; socket?: boolean }): { ok: boolean; output: string } {
  const bin = postgresBin()!;
  const exe = existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
  const host = how.socket ? path.join(pg.dataDir, 'socket') : '127.0.0.1';
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: folder(), PGCONNECT_TIMEOUT: '5' };
  if (how.password !== undefined) env.PGPASSWORD = how.password;
  const r = spawnSync(exe, ['-h', host, '-p', String(pg.port), '-U', pg.user, '-d', 'postgres', '-w', '-tAc', 'SELECT 42'], {
    encoding: 'utf8',
    env,
  });
  return { ok: r.status === 0 && r.stdout.trim() === '42', output: `${r.stdout}${r.stderr}` };
}

describe("the cluster's PostgreSQL", () => {
  it('refuses a connection without the generated password, over TCP and over its socket', async () => {
    const pg = await startPostgres({ dataDir: folder(), user: 'temporal' });
    started.push(pg);
    const file = path.join(pg.dataDir, 'password');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(pg.password);
    expect(pg.password.length).toBeGreaterThanOrEqual(32);

    expect(connectAs(pg, { password: pg.password }).ok).toBe(true);
    for (const how of [{}, { password: 'temporal' }, { socket: true }, { socket: true, password: '' }]) {
      const r = connectAs(pg, how);
      expect(`${JSON.stringify(how)} ${r.ok}`).toBe(`${JSON.stringify(how)} false`);
      expect(r.output).toMatch(/password authentication failed|no password supplied|fe_sendauth/);
    }
    // No password left behind where initdb read it.
    expect(spawnSync('sh', ['-c', `ls ${pg.dataDir} | grep -c initdb`], { encoding: 'utf8' }).stdout.trim()).toBe('0');
  });

  it('requires the password also of a database an older version created with trust', async () => {
    const dir = folder();
    const first = await startPostgres({ dataDir: dir, user: 'temporal' });
    // Make it what `initdb -A trust` left: every line trusting, the role without a password.
    const hba = path.join(dir, 'pgdata', 'pg_hba.conf');
    psql(first, 'ALTER ROLE temporal PASSWORD NULL');
    writeFileSync(hba, readFileSync(hba, 'utf8').replace(/scram-sha-256\s*$/gm, 'trust'));
    first.stop();
    expect(readFileSync(hba, 'utf8')).toMatch(/^host\s+all\s+all\s+127\.0\.0\.1\/32\s+trust$/m);

    const pg = await startPostgres({ dataDir: dir, user: 'temporal' });
    started.push(pg);
    expect(existsSync(path.join(dir, 'password'))).toBe(true);
    expect(connectAs(pg, {}).ok).toBe(false);
    expect(connectAs(pg, { socket: true }).ok).toBe(false);
    expect(connectAs(pg, { password: pg.password }).ok).toBe(true);
    expect(readFileSync(hba, 'utf8')).not.toMatch(/^\s*(local|host)\b.*\btrust\s*$/m);
  });
});
