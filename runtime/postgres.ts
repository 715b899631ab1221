/**
 * A throw-away PostgreSQL server in a folder of its own, for the peer benchmark and the cluster:
 * initdb, start on a free port (tried again on a collision), stop. Durability stays at
 * PostgreSQL's defaults (fsync and synchronous commit on) so that figures measured on it are
 * honest. As root, the server runs as the `postgres` system user, because PostgreSQL refuses root.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports.js';

/** A running PostgreSQL server. */
export interface Postgres {
  port: number;
  user: string;
  /** `jdbc:postgresql://…/postgres` for Java clients. */
  jdbcUrl: string;
  /** `postgres://…/postgres` for everyone else. */
  url: string;
  dataDir: string;
  stop(): void;
}

/** Where the PostgreSQL server binaries are: PATH (the machine image), else Debian's layout. */
export function postgresBin(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'pg_ctl')) && existsSync(path.join(dir, 'initdb'))) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return undefined;
  const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(path.join(debian, v, 'bin', 'pg_ctl'))) return path.join(debian, v, 'bin');
  return undefined;
}

/** Install Debian's PostgreSQL when it is missing and we may (root); otherwise say what is missing. */
export function ensurePostgres(): string {
  const found = postgresBin();
  if (found) return found;
  if (process.getuid?.() === 0) {
    console.log('[postgres] installing Debian package postgresql');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const r = spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const bin = postgresBin();
    if (r.status === 0 && bin) return bin;
  }
  throw new Error('PostgreSQL is not installed (initdb, pg_ctl): install Debian package postgresql');
}

function run(bin: string, args: string[], asUser: string | undefined): { status: number | null; output: string } {
  const [cmd, argv] = asUser ? ['runuser', ['-u', asUser, '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** Create a cluster in `dataDir` (when empty) and start it on `port` (0: a free one). */
export async function startPostgres(opts: { dataDir: string; port?: number; user?: string; attempts?: number }): Promise<Postgres> {
  const bin = ensurePostgres();
  const user = opts.user ?? 'bench';
  const asUser = process.getuid?.() === 0 ? 'postgres' : undefined;
  const dataDir = path.resolve(opts.dataDir);
  const socketDir = path.join(dataDir, 'socket');
  mkdirSync(socketDir, { recursive: true });
  if (asUser) {
    const { uid, gid } = userIds(asUser);
    chownSync(dataDir, uid, gid);
    chownSync(socketDir, uid, gid);
  }
  const pgdata = path.join(dataDir, 'pgdata');
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    const init = run(path.join(bin, 'initdb'), ['-D', pgdata, '-U', user, '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions'], asUser);
    if (init.status !== 0) {
      const hint =
        asUser && /Permission denied/.test(init.output) ? `\nThe ${asUser} system user must be able to enter every folder above ${dataDir} (chmod o+x).` : '';
      throw new Error(`initdb failed:\n${init.output}${hint}`);
    }
  }
  const stop = () => void run(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop'], asUser);
  const server = (port: number): Postgres => ({
    port,
    user,
    jdbcUrl: `jdbc:postgresql://127.0.0.1:${port}/postgres`,
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    dataDir,
    stop,
  });
  // A server left running on this folder (its owner was killed) is taken over rather than refused.
  const running = runningPort(bin, pgdata, asUser);
  if (running) return server(running);
  const attempts = opts.attempts ?? 5;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = opts.port || (await freePort());
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200`;
    const r = run(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-l', path.join(dataDir, 'postgres.log'), '-w', '-t', '60', '-o', options, 'start'], asUser);
    if (r.status === 0) return server(port);
    last = r.output;
    const log = spawnSync('tail', ['-n', '5', path.join(dataDir, 'postgres.log')], { encoding: 'utf8' }).stdout ?? '';
    if (!/already in use|could not bind/i.test(`${last}${log}`) || opts.port) throw new Error(`PostgreSQL did not start on port ${port}:\n${last}\n${log}`);
  }
  throw new Error(`PostgreSQL did not start in ${attempts} attempts:\n${last}`);
}

/** The port of a server already running on `pgdata`, if one is (from the fourth line of postmaster.pid). */
function runningPort(bin: string, pgdata: string, asUser: string | undefined): number | undefined {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  if (run(path.join(bin, 'pg_ctl'), ['-D', pgdata, 'status'], asUser).status !== 0) return undefined;
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? port : undefined;
}

/** Run SQL with psql against a server started here; returns the unaligned, tuples-only output. */
export function psql(pg: Pick<Postgres, 'port' | 'user'>, sql: string, database = 'postgres'): string {
  const bin = postgresBin();
  const exe = bin && existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
  const r = spawnSync(exe, ['-h', '127.0.0.1', '-p', String(pg.port), '-U', pg.user, '-d', database, '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    encoding: 'utf8',
  });
  if (r.error) throw new Error(`psql is missing (Debian package postgresql-client): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`psql failed on ${database}: ${r.stderr}`);
  return r.stdout.trim();
}

function userIds(name: string): { uid: number; gid: number } {
  const r = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`no system user ${name} to run PostgreSQL as (PostgreSQL refuses root)`);
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}
