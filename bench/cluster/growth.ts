/**
 * `npm run bench -- --cluster`: the product on a Temporal cluster with PostgreSQL (two worker and
 * two API processes) grown to 20,000 live projects across every jurisdiction. At each
 * checkpoint it records action latency, starts per second, list-query latency (overdue, awaiting a
 * department, due within N days), worker and server memory and database size per project. During
 * the growth one worker is killed: every action sent around the kill must be applied exactly once
 * while the other worker carries on. Writes bench/results/cluster.json (`--quick`: 1,000
 * projects, cluster-quick.json), which bench/report.ts renders.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { psql } from '../../runtime/postgres.js';
import { residentBytes } from '../../runtime/fleet.js';
import { loadConfig } from '../../temporal.config.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { commitOf, machineOf } from '../machine.js';
import { ApiError, startDeployment, type Deployment } from './deployment.js';
import { workloads, type Workload } from './workload.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const mib = (bytes: number | undefined) => (bytes === undefined ? null : round(bytes / 2 ** 20));
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const summary = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), p99: round(percentile(xs, 99)), n: xs.length });

/** The growth benchmark's flags, for scripts/bench.ts's parser. */
export const growthOptions = {
  quick: { type: 'boolean' },
  sizes: { type: 'string' },
  samples: { type: 'string' },
  'list-samples': { type: 'string' },
  concurrency: { type: 'string' },
  'kill-at': { type: 'string' },
  'due-within-days': { type: 'string' },
  'history-shards': { type: 'string' },
  dir: { type: 'string' },
  keep: { type: 'boolean' },
} as const;

type GrowthFlags = { quick?: boolean; keep?: boolean; sizes?: string; dir?: string } & Partial<
  Record<'samples' | 'list-samples' | 'concurrency' | 'kill-at' | 'due-within-days' | 'history-shards', string>
>;

/** The run's parameters from the parsed flags; a count that is not a positive whole number is refused, naming its flag. */
export function growthParams(values: GrowthFlags) {
  const num = (name: keyof GrowthFlags, fallback: number) => {
    const given = values[name];
    if (typeof given !== 'string') return fallback;
    const n = Number(given);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive whole number, got ${given}`);
    return n;
  };
  const quick = values.quick === true;
  const sizes = typeof values.sizes === 'string' ? values.sizes.split(',').map(Number) : quick ? [1_000] : [1_000, 5_000, 10_000, 20_000];
  if (sizes.some((n, i) => !Number.isInteger(n) || n <= 0 || (i > 0 && n <= sizes[i - 1]!)))
    throw new Error(`--sizes: expected increasing whole numbers, got ${values.sizes}`);
  // The kill falls in the middle of the first stretch of growth after the first checkpoint.
  const killAt = num('kill-at', sizes.length > 1 ? Math.round((sizes[0]! + sizes[1]!) / 2) : Math.round(sizes[0]! / 2));
  return {
    quick,
    sizes,
    killAt,
    actionSamples: num('samples', quick ? 100 : 300),
    listSamples: num('list-samples', quick ? 20 : 50),
    concurrency: num('concurrency', 32),
    /** One new project in this many gets its first action during growth, so the load mixes starts and actions. */
    actEvery: 4,
    dueWithinDays: num('due-within-days', 30),
    historyShards: num('history-shards', loadConfig({}).cluster.historyShards),
    maxCachedWorkflows: loadConfig(process.env).worker.maxCachedWorkflows,
    workers: 2,
    apis: 2,
    dir: typeof values.dir === 'string' ? values.dir : undefined,
    keep: values.keep === true,
  };
}
/** One growth run's parameters. */
export type GrowthParams = ReturnType<typeof growthParams>;
type Params = GrowthParams;

interface Sent {
  w: Workload;
  id: string;
  key: string;
  sentAt: number;
  answeredAt?: number;
  attempts: number;
}

/** Runs the growth benchmark and writes its results; returns the file written (bench/results/cluster.json or cluster-quick.json). */
export async function runGrowth(params: GrowthParams, command: string): Promise<string> {
  const started = new Date();
  const dir = params.dir ?? mkdtempSync(path.join(os.tmpdir(), 'gov-cluster-bench-'));
  console.log('[bench:cluster]', { ...params, dir });
  const t0 = performance.now();
  const deployment = await startDeployment({
    dir,
    workers: params.workers,
    apis: params.apis,
    historyShards: params.historyShards,
    log: (l) => console.log(l),
  });
  const upSeconds = round((performance.now() - t0) / 1000);
  console.log(`[bench:cluster] cluster ${deployment.cluster.address} and ${params.workers} workers, ${params.apis} API processes up in ${upSeconds} s`);
  const loads = workloads();
  const live: Array<{ w: Workload; id: string; acted: boolean }> = [];
  const checkpoints: unknown[] = [];
  const postgresVersion = psqlVersion(deployment);
  const databaseAtStartMiB = mib(databaseBytes(deployment));
  let fault: Record<string, unknown> | undefined;
  try {
    let next = 0;
    for (const size of params.sizes) {
      const killHere = !fault && params.killAt > live.length && params.killAt <= size ? params.killAt : undefined;
      const segment = await grow(deployment, loads, live, size, params, killHere, () => next++);
      if (segment.fault) {
        fault = segment.fault;
        // Both workers again for the measurements, which compare checkpoints.
        const t = performance.now();
        await deployment.restartWorker(0);
        fault.workerRestartSeconds = round((performance.now() - t) / 1000);
        fault.workerRestartedAtProjects = live.length;
      }
      const checkpoint = {
        liveProjects: live.length,
        growSeconds: segment.seconds,
        startsPerSecond: segment.startsPerSecond,
        submitsResent: segment.submitsResent,
        ...(await measure(deployment, loads, live, params)),
      };
      console.log('[bench:cluster] checkpoint', JSON.stringify(checkpoint));
      checkpoints.push(checkpoint);
    }
  } finally {
    await deployment.stop();
    if (!params.keep && !params.dir) rmSync(dir, { recursive: true, force: true });
  }
  const report = {
    date: started.toISOString(),
    command,
    ...commitOf(root),
    machine: { ...machineOf(), loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) },
    versions: {
      node: process.version,
      temporalServer: deployment.cluster.version,
      postgres: postgresVersion,
      temporalSdk: JSON.parse(readFileSync(path.join(root, 'node_modules/@temporalio/worker/package.json'), 'utf8')).version,
    },
    params: { ...params, dir: undefined, historyShards: deployment.cluster.historyShards, clusterUpSeconds: upSeconds },
    databaseAtStartMiB,
    checkpoints,
    projection: project(databaseAtStartMiB ?? 0, checkpoints as Checkpoint[]),
    fault,
  };
  const out = path.join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const name = params.quick || Math.max(...params.sizes) < 20_000 ? 'cluster-quick' : 'cluster';
  const file = path.join(out, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`[bench:cluster] wrote bench/results/${name}.json`);
  return file;
}

/**
 * Start projects round the five jurisdictions until `size` are live, acting on every fourth at
 * once. With `killAt`, worker 1 is killed when that many projects are live, and every action sent
 * in this stretch is checked afterwards: applied exactly once.
 */
async function grow(
  d: Deployment,
  loads: Workload[],
  live: Array<{ w: Workload; id: string; acted: boolean }>,
  size: number,
  p: Params,
  killAt: number | undefined,
  nextIndex: () => number,
) {
  const from = live.length;
  const sent: Sent[] = [];
  let killedAt: number | undefined;
  let killing: Promise<void> | undefined;
  const t = performance.now();
  let issued = from;
  let submitsResent = 0;
  await Promise.all(
    Array.from({ length: p.concurrency }, async () => {
      while (issued < size) {
        issued++;
        const i = nextIndex();
        const w = loads[i % loads.length]!;
        // A submission has no idempotency key: one resent after a lost answer may leave an extra
        // project behind (counted, and not among the live projects the checkpoints count).
        let tries = 0;
        const view = await retrying(() => (tries++, d.submit(w)));
        if (tries > 1) submitsResent++;
        const entry = { w, id: view.projectId, acted: false };
        live.push(entry);
        if (killAt !== undefined && !killing && live.length >= killAt) {
          killing = d.workers[0]!.kill().then(() => void (killedAt = Date.now()));
          console.log(`[bench:cluster] killing worker 1 (pid ${d.workers[0]!.pid}) at ${live.length} live projects`);
        }
        if (i % p.actEvery === 0) {
          const s: Sent = { w, id: entry.id, key: `grow-${randomUUID()}`, sentAt: Date.now(), attempts: 0 };
          if (killAt !== undefined) sent.push(s);
          await retrying(() => (s.attempts++, act(d, s)));
          s.answeredAt = Date.now();
          entry.acted = true;
        }
      }
    }),
  );
  await killing;
  const seconds = (performance.now() - t) / 1000;
  const startsPerSecond = round((size - from) / seconds);
  console.log(`[bench:cluster] grew to ${live.length} in ${round(seconds)} s (${startsPerSecond} starts/s)`);
  if (killAt === undefined || killedAt === undefined) return { seconds: round(seconds), startsPerSecond, submitsResent };
  const at = killedAt;
  // Each action's audit trail: the request's key exactly once, and the task acted on once.
  let once = 0;
  const wrong: string[] = [];
  await pool(sent, 8, async (s) => {
    const trail = await retrying(() => d.api.call<HistoryEntry[]>('GET', `/v1/projects/${s.id}/audit`, reviewerOf(s.w)));
    const byKey = trail.filter((h) => h.kind === 'action' && h.requestId === s.key).length;
    const byTask = trail.filter((h) => h.kind === 'action' && h.task === s.w.first.task).length;
    if (byKey === 1 && byTask === 1) once++;
    else wrong.push(`${s.id}: ${byKey} entries with its key, ${byTask} on ${s.w.first.task}`);
  });
  const inFlight = sent.filter((s) => s.sentAt <= at && (s.answeredAt ?? Infinity) > at);
  const after = sent.filter((s) => s.sentAt > at);
  const fault = {
    killedAtProjects: killAt,
    actionsChecked: sent.length,
    appliedExactlyOnce: once,
    notExactlyOnce: wrong,
    inFlightAtKill: inFlight.length,
    inFlightLatencyMs: summary(inFlight.map((s) => s.answeredAt! - s.sentAt)),
    sentAfterKillOnOneWorker: after.length,
    resent: sent.filter((s) => s.attempts > 1).length,
    submitsResent,
  };
  console.log('[bench:cluster] fault', JSON.stringify(fault));
  if (wrong.length > 0) throw new Error(`worker kill: ${wrong.length} actions not applied exactly once:\n${wrong.slice(0, 10).join('\n')}`);
  return { seconds: round(seconds), startsPerSecond, submitsResent, fault };
}

/** Latencies and sizes at a checkpoint, with growth paused. */
async function measure(d: Deployment, loads: Workload[], live: Array<{ w: Workload; id: string; acted: boolean }>, p: Params) {
  // First actions on projects spread over the whole population: most are not in a worker's cache.
  const fresh = live.filter((e) => !e.acted);
  const picks = Array.from({ length: Math.min(p.actionSamples, fresh.length) }, () => fresh.splice(Math.floor(Math.random() * fresh.length), 1)[0]!);
  const action: number[] = [];
  for (const e of picks) {
    const t = performance.now();
    await act(d, { w: e.w, id: e.id, key: `measure-${randomUUID()}`, sentAt: Date.now(), attempts: 1 });
    action.push(performance.now() - t);
    e.acted = true;
  }
  const lists: Record<string, { query: string; latencyMs: ReturnType<typeof summary>; firstPageRows: number }> = {};
  const queries = {
    overdue: () => 'overdue=true',
    awaitingDepartment: (w: Workload) => `awaiting=${w.first.department}`,
    dueWithinDays: () => `dueWithinDays=${p.dueWithinDays}`,
  };
  for (const [name, query] of Object.entries(queries)) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < p.listSamples; i++) {
      const w = loads[i % loads.length]!;
      const t = performance.now();
      const page = await d.api.call<{ projects: unknown[] }>('GET', `/v1/projects?${query(w)}`, `${w.jurisdiction}.supervisor`);
      times.push(performance.now() - t);
      rows += page.projects.length;
    }
    lists[name] = { query: query(loads[0]!), latencyMs: summary(times), firstPageRows: Math.round(rows / p.listSamples) };
  }
  const database = { temporal: databaseBytes(d, 'temporal'), visibility: databaseBytes(d, 'temporal_visibility') };
  return {
    actionLatencyMs: summary(action),
    listLatencyMs: lists,
    workerRssMiB: await Promise.all(d.workers.map(async (w) => mib(await residentBytes(w.pid)))),
    apiRssMiB: await Promise.all(d.apis.map(async (a) => mib(await residentBytes(a.pid)))),
    serverRssMiB: mib(await residentBytes(d.cluster.serverPid)),
    databaseMiB: { temporal: mib(database.temporal), visibility: mib(database.visibility) },
    databaseKiBPerProject: round((database.temporal + database.visibility) / 1024 / live.length),
  };
}

type Checkpoint = Awaited<ReturnType<typeof measure>> & { liveProjects: number; startsPerSecond: number };

/**
 * Straight lines through the measured checkpoints, for the province estimate (docs/benchmarks.md, docs/cluster.md): database
 * growth per project (the slope past the fixed start), and how list and action latency moved from
 * the first checkpoint to the last. A line, because each project's rows are its own; the latency
 * ratio says whether the indexes kept queries flat.
 */
function project(atStartMiB: number, c: Checkpoint[]) {
  const first = c[0]!;
  const last = c[c.length - 1]!;
  const total = (x: Checkpoint) => (x.databaseMiB.temporal ?? 0) + (x.databaseMiB.visibility ?? 0);
  const slopeKiB =
    c.length > 1 ? ((total(last) - total(first)) * 1024) / (last.liveProjects - first.liveProjects) : ((total(last) - atStartMiB) * 1024) / last.liveProjects;
  const at = (n: number) => round((atStartMiB * 1024 + slopeKiB * n) / 1024 / 1024, 2);
  const ratio = (f: (x: Checkpoint) => number) => round(f(last) / f(first), 2);
  return {
    databaseKiBPerProjectMarginal: round(slopeKiB),
    databaseGiBAt: { 20000: at(20_000), 100000: at(100_000) },
    latencyRatioLastToFirst: {
      actionP50: ratio((x) => x.actionLatencyMs.p50),
      actionP99: ratio((x) => x.actionLatencyMs.p99),
      listP95: Object.fromEntries(Object.keys(last.listLatencyMs).map((k) => [k, ratio((x) => x.listLatencyMs[k]!.latencyMs.p95)])),
    },
  };
}

const reviewerOf = (w: Workload) => `${w.jurisdiction}.${w.first.department.toLowerCase()}`;

function act(d: Deployment, s: Sent): Promise<ProjectView> {
  return d.api.call<ProjectView>('POST', `/v1/projects/${s.id}/tasks/${s.w.first.task}/actions`, reviewerOf(s.w), {
    body: { action: s.w.first.action },
    headers: { 'Idempotency-Key': s.key },
  });
}

/** A client resends on a lost answer (network error or 5xx) — with the same idempotency key where there is one. */
async function retrying<T>(fn: () => Promise<T>, attempts = 20): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if ((err instanceof ApiError && err.status < 500) || i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 500 * i));
    }
  }
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Size of one of the cluster's databases, or of both. */
function databaseBytes(d: Deployment, db?: 'temporal' | 'temporal_visibility'): number {
  const size = (name: string) => Number(psql(d.cluster.postgres, `SELECT pg_database_size('${name}')`));
  return db ? size(db) : size('temporal') + size('temporal_visibility');
}

function psqlVersion(d: Deployment): string {
  try {
    return psql(d.cluster.postgres, 'SHOW server_version');
  } catch {
    return 'unknown';
  }
}
