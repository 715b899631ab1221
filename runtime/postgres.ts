/**
 * A throw-away PostgreSQL server in a folder of its own, for the peer benchmark and the cluster:
 * initdb with a generated password (scram-sha-256), start on a free port (tried again on a collision), stop. Durability stays at
 * PostgreSQL's defaults (fsync and synchronous commit on) so that figures measured on it are
 * honest. As root, the server runs as the `postgres` system user, because PostgreSQL refuses root.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './ports.js';

/** A running PostgreSQL server. */
export interface Postgres {
  port: number;
  user: string;
  /** The user's password (scram-sha-256), generated on creation into `<dataDir>/password` (0600). */
  password: string;
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
  // Password authentication for every connection, socket or TCP (等保 2.0 三级 身份鉴别; issue 20
  // item 4): under `trust` any local process could rewrite the workflow histories in the database.
  const password = credentials(dataDir);
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    const pwfile = path.join(dataDir, `initdb-${process.pid}.pw`);
    writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (asUser) chownSync(pwfile, userIds(asUser).uid, userIds(asUser).gid);
    let init: { status: number | null; output: string };
    try {
      init = run(
        path.join(bin, 'initdb'),
        ['-D', pgdata, '-U', user, '-A', 'scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions'],
        asUser,
      );
    } finally {
      rmSync(pwfile, { force: true });
    }
    if (init.status !== 0) {
      const hint =
        asUser && /Permission denied/.test(init.output) ? `\nThe ${asUser} system user must be able to enter every folder above ${dataDir} (chmod o+x).` : '';
      throw new Error(`initdb failed:\n${init.output}${hint}`);
    }
  }
  const stop = () => void run(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-m', 'fast', '-w', 'stop'], asUser);
  const server = (port: number): Postgres => {
    const pg: Postgres = {
      port,
      user,
      password,
      jdbcUrl: `jdbc:postgresql://127.0.0.1:${port}/postgres`,
      url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      dataDir,
      stop,
    };
    requirePasswords(bin, pg, pgdata, asUser);
    return pg;
  };
  // A server left running on this folder (its owner was killed) is taken over rather than refused.
  const running = runningPort(bin, pgdata, asUser);
  if (running) return server(running);
  const attempts = opts.attempts ?? 5;
  // The port of the last start is tried first, so that what others were given (a read model's
  // URL in the API processes' environment) still holds after a restart on the same folder.
  const portFile = path.join(dataDir, 'port');
  const lastPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) || 0 : 0;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = opts.port || (attempt === 1 && lastPort) || (await freePort());
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=200`;
    const r = run(path.join(bin, 'pg_ctl'), ['-D', pgdata, '-l', path.join(dataDir, 'postgres.log'), '-w', '-t', '60', '-o', options, 'start'], asUser);
    if (r.status === 0) {
      writeFileSync(portFile, `${port}\n`);
      return server(port);
    }
    last = r.output;
    const log = spawnSync('tail', ['-n', '5', path.join(dataDir, 'postgres.log')], { encoding: 'utf8' }).stdout ?? '';
    if (!/already in use|could not bind/i.test(`${last}${log}`) || opts.port) throw new Error(`PostgreSQL did not start on port ${port}:\n${last}\n${log}`);
  }
  throw new Error(`PostgreSQL did not start in ${attempts} attempts:\n${last}`);
}

/** The URL of database `name` on `pg`, created when missing (e.g. the lists' read model beside Temporal's). */
export function ensureDatabase(pg: Postgres, name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  if (psql(pg, `SELECT 1 FROM pg_database WHERE datname = '${name}'`) !== '1') psql(pg, `CREATE DATABASE ${name}`);
  return Object.assign(new URL(pg.url), { pathname: `/${name}` }).toString();
}

/** The password of the database user: generated once (32 random bytes) into `<dataDir>/password`, mode 0600. */
function credentials(dataDir: string): string {
  const file = path.join(dataDir, 'password');
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  chmodSync(file, 0o600);
  const password = readFileSync(file, 'utf8').trim();
  if (password.length < 16) throw new Error(`${file}: the database password is shorter than 16 characters; remove the file only together with the database`);
  return password;
}

/**
 * A database created before passwords were required (initdb -A trust): give its user the password
 * and switch every pg_hba.conf line to scram-sha-256, then reload. A no-op on one created above.
 */
function requirePasswords(bin: string, pg: Postgres, pgdata: string, asUser: string | undefined): void {
  const hba = path.join(pgdata, 'pg_hba.conf');
  const text = readFileSync(hba, 'utf8');
  const lines = text.split('\n');
  const trusting = lines.some((l) => /^\s*(local|host)\b.*\btrust\s*$/.test(l));
  if (!trusting) return;
  // Still trusted here, so no password is needed for this one statement.
  psql({ ...pg, password: '' }, `ALTER ROLE "${pg.user}" PASSWORD '${pg.password.replace(/'/g, "''")}'`);
  writeFileSync(hba, lines.map((l) => (/^\s*(local|host)\b/.test(l) ? l.replace(/\btrust\s*$/, 'scram-sha-256') : l)).join('\n'));
  const r = run(path.join(bin, 'pg_ctl'), ['-D', pgdata, 'reload'], asUser);
  if (r.status !== 0) throw new Error(`PostgreSQL: reloading pg_hba.conf failed:\n${r.output}`);
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
export function psql(pg: Pick<Postgres, 'port' | 'user' | 'password'>, sql: string, database = 'postgres'): string {
  const bin = postgresBin();
  const exe = bin && existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
  // The password by environment and the SQL on stdin: neither on a command line other accounts can read (ps).
  const r = spawnSync(exe, ['-h', '127.0.0.1', '-p', String(pg.port), '-U', pg.user, '-d', database, '-w', '-q', '-v', 'ON_ERROR_STOP=1', '-tA', '-f', '-'], {
    encoding: 'utf8',
    input: sql,
    env: { ...process.env, PGPASSWORD: pg.password },
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
