/** The read model's SQL on a real PostgreSQL server, as `npm run cluster` gives the API processes (issue 23). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { psql, startPostgres, type Postgres } from '../../runtime/postgres.js';
import { openPostgres } from '../../server/read-model/sql.js';
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
