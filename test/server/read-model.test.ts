/** The read model's SQL on PGlite in memory (the embedded store's engine); the same suite runs on PostgreSQL in the cluster tier. */
import { openMemoryPglite } from '../../server/read-model/sql.js';
import { readModelSuite } from '../helpers/read-model-suite.js';

readModelSuite('PGlite', openMemoryPglite);
