/**
 * The Temporal server itself (not the CLI's dev server) and its SQL schema tool, pinned by version
 * and installed from the Go module proxy with `go install` when missing. The binaries are cached
 * outside the clone (`$XDG_CACHE_HOME/gov-it-approvals/` or `~/.cache/gov-it-approvals/`), because
 * the build takes minutes and a large Go module cache: every clone, CI run and benchmark on
 * the machine reuses it. The schema files come from the same module in Go's module cache.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The pinned server version; its module also carries the SQL tool and the schema. */
export const TEMPORAL_SERVER_VERSION = 'v1.32.2';
const MODULE = 'go.temporal.io/server';

/** The server binary, the schema tool and the versioned PostgreSQL schema folders. */
export interface TemporalServerTools {
  version: string;
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12/temporal/versioned` of the pinned module. */
  defaultSchemaDir: string;
  /** `schema/postgresql/v12/visibility/versioned` of the pinned module. */
  visibilitySchemaDir: string;
}

/** Folder that holds the pinned binaries. */
export function toolsDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'gov-it-approvals', 'temporal-server', TEMPORAL_SERVER_VERSION);
}

/** Whether a file exists and may be run. */
export const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function go(args: string[], env: NodeJS.ProcessEnv, inherit = false): string {
  const r = spawnSync('go', args, { encoding: 'utf8', env, stdio: inherit ? ['ignore', 'inherit', 'inherit'] : 'pipe' });
  if (r.error)
    throw new Error(
      `the Go toolchain is needed to install the Temporal server (go ${args.join(' ')}): ${r.error.message}. Install Debian's golang-go or Go from go.dev.`,
    );
  if (r.status !== 0) throw new Error(`go ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr ?? ''}`);
  return (r.stdout ?? '').trim();
}

/**
 * Locate the pinned server, SQL tool and schema; install what is missing. `GOTOOLCHAIN=auto`
 * because the module asks for a newer Go than the machine may have: the go command then fetches
 * that toolchain through the same module proxy.
 */
export function ensureTemporalServer(log: (line: string) => void = console.log): TemporalServerTools {
  const dir = toolsDir();
  const server = path.join(dir, 'server');
  const sqlTool = path.join(dir, 'sql');
  const env = { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN || 'auto', GOBIN: dir };
  for (const [bin, pkg] of [
    [server, `${MODULE}/cmd/server`],
    [sqlTool, `${MODULE}/cmd/tools/sql`],
  ] as const) {
    if (isExecutable(bin)) continue;
    mkdirSync(dir, { recursive: true });
    log(`[cluster] installing ${pkg}@${TEMPORAL_SERVER_VERSION} into ${dir} (go install; about 10 minutes on two cores the first time)`);
    const t = Date.now();
    go(['install', `${pkg}@${TEMPORAL_SERVER_VERSION}`], env, true);
    log(`[cluster] installed ${path.basename(bin)} in ${Math.round((Date.now() - t) / 1000)} s`);
  }
  const moduleDir = path.join(go(['env', 'GOMODCACHE'], env), `${MODULE}@${TEMPORAL_SERVER_VERSION}`);
  const schema = path.join(moduleDir, 'schema', 'postgresql', 'v12');
  if (!existsSync(schema)) {
    // The binaries are cached but the module cache was cleaned: fetch the module source alone.
    log(`[cluster] downloading ${MODULE}@${TEMPORAL_SERVER_VERSION} for its SQL schema`);
    go(['mod', 'download', `${MODULE}@${TEMPORAL_SERVER_VERSION}`], env, true);
  }
  if (!existsSync(schema)) throw new Error(`the PostgreSQL schema of ${MODULE}@${TEMPORAL_SERVER_VERSION} is not at ${schema}`);
  return {
    version: TEMPORAL_SERVER_VERSION,
    server,
    sqlTool,
    defaultSchemaDir: path.join(schema, 'temporal', 'versioned'),
    visibilitySchemaDir: path.join(schema, 'visibility', 'versioned'),
  };
}
