/**
 * The read model's SQL connection: one SQL text for PGlite (PostgreSQL in WebAssembly, the embedded
 * default, in the data folder) and for a PostgreSQL server through `pg` (a cluster). Migrations are
 * a small versioned list run at open, each in its own transaction.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** What a query answers. */
export interface Rows<T> {
  rows: T[];
}

/** A query runner: a connection, a pool or a transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Rows<T>>;
}

/** A read-model database. */
export interface Sql extends Queryable {
  /** Run `fn` in one transaction: all of it or none. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** What it is, for logs and the health answer ("PGlite <dir>", "PostgreSQL <host>/<db>"). */
  readonly label: string;
}

/** Where the read model lives (temporal.config.ts `readModel`). */
export type ReadModelStore = { kind: 'embedded' } | { kind: 'postgres'; url: string };

/** Refused because another process holds the embedded store. */
export class ReadModelLocked extends Error {
  constructor(dir: string, pid: number) {
    super(
      `读模型 ${dir} 已由进程 ${pid} 打开：嵌入式读模型只能由一个 API 进程使用；多个 API 进程请在 temporal.config.ts readModel 中配置 PostgreSQL（README，“Province scale”）`,
    );
    this.name = 'ReadModelLocked';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PGlite in `dir` (created on first use), held by this process alone (a pid lock beside it). */
export async function openPglite(dir: string): Promise<Sql> {
  mkdirSync(dir, { recursive: true });
  const lock = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && alive(pid)) throw new ReadModelLocked(dir, pid);
  } catch (err) {
    if (err instanceof ReadModelLocked) throw err;
  }
  writeFileSync(lock, String(process.pid));
  return pgliteSql(await PGlite.create(dir), `PGlite ${dir}`, () => rmSync(lock, { force: true }));
}

/** A PGlite database as a read-model store; `closed` runs after it is closed. */
function pgliteSql(db: PGlite, label: string, closed: () => void = () => {}): Sql {
  const runner = (q: Pick<PGlite, 'query'>): Queryable => ({
    query: async <T>(text: string, params?: unknown[]) => (await q.query<T>(text, params)) as Rows<T>,
  });
  return {
    label,
    ...runner(db),
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(runner(tx))),
    close: async () => {
      await db.close();
      closed();
    },
  };
}

/** PGlite in memory (tests and benchmarks of what lists show, without a data folder); ready when its first query is. */
export function memoryPglite(): Sql {
  return pgliteSql(new PGlite(), 'PGlite (memory)');
}

/** PGlite in memory, started. */
export async function openMemoryPglite(): Promise<Sql> {
  const sql = memoryPglite();
  await sql.query('select 1');
  return sql;
}

/** A PostgreSQL server through a `pg` pool. */
export async function openPostgres(url: string): Promise<Sql> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 5_000 });
  // An idle client's error (the server restarted) must not end the process; the next query reconnects.
  pool.on('error', () => {});
  const where = new URL(url);
  return {
    label: `PostgreSQL ${where.host}${where.pathname}`,
    query: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)) as unknown as Rows<T>,
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({ query: async <R>(text: string, params?: unknown[]) => (await client.query(text, params)) as unknown as Rows<R> });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Open the configured store. */
export function openSql(store: ReadModelStore, dataDir: string): Promise<Sql> {
  return store.kind === 'postgres' ? openPostgres(store.url) : openPglite(path.join(dataDir, 'read-model'));
}

/** The schema, as a versioned list: each entry runs once, in order, and is never edited once released. */
export const MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      create table read_projects (
        project_id text primary key,
        jurisdiction text not null,
        version integer not null,
        title text not null,
        applicant_unit text not null,
        status text not null,
        final boolean not null,
        sanction text,
        category text,
        plan_year integer not null,
        requested_fen bigint,
        approved_fen bigint,
        next_due_at timestamptz,
        submitted_at timestamptz not null,
        updated_at timestamptz not null,
        received_at timestamptz not null,
        awaiting text[] not null,
        involved text[] not null,
        steps text[] not null,
        search text not null,
        project jsonb not null
      );
      create index read_projects_by_update on read_projects (jurisdiction, updated_at desc, project_id);
      create index read_projects_by_due on read_projects (jurisdiction, next_due_at, project_id);
      create index read_projects_awaiting on read_projects using gin (awaiting);
      create index read_projects_involved on read_projects using gin (involved);
      create table read_tasks (
        project_id text not null references read_projects on delete cascade,
        step text not null,
        department text not null,
        jurisdiction text not null,
        applicant_unit text not null,
        title text not null,
        due_at timestamptz,
        overdue boolean not null,
        reminded boolean not null,
        escalation_level integer not null,
        received_at timestamptz not null,
        primary key (project_id, step, department)
      );
      create index read_tasks_by_department on read_tasks (jurisdiction, department, due_at);
      create table read_intents (project_id text primary key, at timestamptz not null);
      create table read_meta (key text primary key, value text not null);
    `,
  },
  {
    // When each row was last written (the store's clock): a rebuild removes only rows of projects it
    // did not see that nobody wrote while it ran (a project started meanwhile keeps its row).
    version: 2,
    sql: `alter table read_projects add column written_at timestamptz not null default now()`,
  },
];

/** An arbitrary constant naming the read model's migration lock (pg_advisory_xact_lock). */
const MIGRATION_LOCK = 230_023;

/**
 * Bring the schema up to the latest version. API processes sharing one PostgreSQL start together:
 * the migration runs in one transaction under an advisory lock, so the second waits for the first
 * and then finds nothing left to do (without it both created the tables and one failed to start).
 */
export async function migrate(sql: Sql): Promise<number> {
  await sql.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists read_schema (version integer primary key, applied_at timestamptz not null default now())');
    const { rows } = await tx.query<{ v: number | null }>('select max(version) as v from read_schema');
    const at = rows[0]?.v ?? 0;
    for (const m of MIGRATIONS) {
      if (m.version <= at) continue;
      for (const statement of m.sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean))
        await tx.query(statement);
      await tx.query('insert into read_schema (version) values ($1)', [m.version]);
    }
  });
  return MIGRATIONS[MIGRATIONS.length - 1]!.version;
}
