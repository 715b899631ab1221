/**
 * The peer column of `npm run bench -- --peers`: builds bench/peers/flowable (Maven, Flowable from
 * Maven Central), starts a PostgreSQL of its own, runs the same path with the same parameters as
 * the product's benchmark, and returns Flowable's figures — or why the column is skipped.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../runtime/postgres.js';

const project = path.join(path.dirname(fileURLToPath(import.meta.url)), 'flowable');

/** What Flowable measured, in the product benchmark's terms. */
export interface PeerResult {
  engine: string;
  java: string;
  latencyMs: { p50: number; p95: number; p99: number; n: number };
  actionsPerSecond: number;
  projectsStartedPerSecond: number;
  warmup: { actions: number; seconds: number };
  database: string;
}

export interface PeerParams {
  latencySamples: number;
  concurrentProjects: number;
  throughputSeconds: number;
  startedProjects: number;
}

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;

/** Flowable's figures, or `{ skipped }` saying what is missing. */
export async function runFlowable(params: PeerParams): Promise<PeerResult | { skipped: string }> {
  if (!has('java', ['-version'])) return { skipped: 'Java is not installed (java): the Flowable column needs Java 17 or newer' };
  if (!has('mvn', ['-v'])) return { skipped: 'Maven is not installed (mvn): the Flowable column needs it to fetch Flowable from Maven Central' };
  console.log('[bench] building the Flowable peer (mvn package)');
  const build = spawnSync('mvn', ['-q', '-B', 'package', 'dependency:build-classpath', '-Dmdep.outputFile=target/classpath.txt'], {
    cwd: project,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`Flowable peer did not build:\n${build.stdout}${build.stderr}`);
  const classpath = `${path.join(project, 'target', 'classes')}${path.delimiter}${readFileSync(path.join(project, 'target', 'classpath.txt'), 'utf8').trim()}`;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowable-peer-'));
  const pg = await startPostgres({ dataDir: dir });
  try {
    const pgVersion = spawnSync('postgres', ['--version'], { encoding: 'utf8' }).stdout?.trim() || 'PostgreSQL';
    const args = [
      '-cp',
      classpath,
      'bench.FlowableBench',
      '--jdbc',
      pg.jdbcUrl,
      '--user',
      pg.user,
      '--samples',
      String(params.latencySamples),
      '--projects',
      String(params.concurrentProjects),
      '--duration',
      String(params.throughputSeconds),
      '--starts',
      String(params.startedProjects),
      '--warmup',
      '300',
    ];
    console.log('[bench] running the Flowable peer on', pgVersion);
    const output = await new Promise<string>((resolve, reject) => {
      // The database password (runtime/postgres.ts generates one) by environment, not on the command line.
      const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, PGPASSWORD: pg.password } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`Flowable peer exited with ${code}:\n${out}`))));
    });
    const line = output.trim().split('\n').at(-1)!;
    return { ...(JSON.parse(line) as Omit<PeerResult, 'database'>), database: `${pgVersion}, fsync on, synchronous_commit on` };
  } finally {
    pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
