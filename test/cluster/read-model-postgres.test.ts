/** The read model's SQL on a real PostgreSQL server, as `npm run cluster` gives the API processes (issue 23). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDatabase, psql, startPostgres, type Postgres } from '../../runtime/postgres.js';
import { MIGRATIONS, openPostgres } from '../../server/read-model/sql.js';
import { ReadModel } from '../../server/read-model/store.js';
import { readModelSuite } from '../helpers/read-model-suite.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'read-model-pg-'));
let pg: Postgres | undefined;

readModelSuite(
  'PostgreSQL',
  async () => {
    pg = await startPostgres({ dataDir: dir, user: 'temporal' });
    psql(pg, 'CREATE DATABASE read_model');
    return openPostgres(Object.assign(new URL(pg.url), { pathname: '/read_model' }).toString());
  },
  async () => {
    pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  },
);

describe('the read model on a PostgreSQL that several API processes share', () => {
  it('is created once when four open it at the same moment on a fresh database, and each lists the same', async () => {
    const url = ensureDatabase(pg!, 'read_model_shared');
    const models = await Promise.all(Array.from({ length: 4 }, async () => ReadModel.open(await openPostgres(url))));
    try {
      expect(psql(pg!, 'select count(*) from read_schema', 'read_model_shared')).toBe(String(MIGRATIONS.length));
      const pages = await Promise.all(models.map((m) => m.projects({ scope: { jurisdiction: 'weishan' }, sort: 'due', limit: 10 })));
      expect(pages.map((p) => p.rows.length)).toEqual([0, 0, 0, 0]);
    } finally {
      await Promise.all(models.map((m) => m.close()));
    }
  });
});
