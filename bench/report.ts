/**
 * The benchmark pages: docs/benchmarks.md rendered from the results files in bench/results/ (the
 * dev-server run's latest.json, the cluster growth run's cluster.json), so every figure on the page
 * is one a run wrote. `npm run bench` renders it after each run; `npm run bench -- --report`
 * renders it alone. A quick run's page (quick.md, cluster-quick.md) is rendered the same way.
 */
import type { ReadModelSpeed } from './read-model.js';
import type { DocumentSpeed } from './documents.js';
import type { NoticeSpeed } from './notifications.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PeerResult } from './peers/flowable.js';

/** Percentiles of one series of samples. */
export interface Summary {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

/** One chart's speed: the median of its fresh processes, and their range. */
export interface ChartSpeed {
  transitionsPerSecond: number;
  xstateFloorPerSecond: number;
  ranges?: { chart: [number, number]; floor: [number, number] };
  processes?: number;
  pathLength: number;
}

/** CPU per action of each process, ms. */
export interface CpuPerAction {
  server?: number;
  worker?: number;
  client: number;
}

/** Where a run ran. */
export interface Machine {
  cpus: number;
  cpuModel?: string;
  memoryGiB: number;
  platform: string;
}

/** bench/results/latest.json (and quick.json): one run of the dev-server benchmark (bench/harness.ts). */
export interface BenchReport {
  date: string;
  command: string;
  commit?: string;
  dirty?: true;
  machine: Machine;
  versions: { node: string; temporalCli: string; xstate: string };
  params: {
    quick: boolean;
    latencySamples: number;
    concurrentProjects: number;
    throughputSeconds: number;
    startedProjects: number;
    idleProjects: number;
    longProjectActions: number;
    pageProjects?: number;
    pageSamples?: number;
    maxCachedWorkflows: number;
  };
  results: {
    latencyMs: {
      product: Summary;
      bare: Summary;
      ratio: { p50: number; p95: number; p99: number };
      bareWithListAttributes?: Summary;
      designFloor?: Summary;
    };
    throughput: {
      actionsPerSecond: { product: number; bare: number; ratio: number; bareWithListAttributes?: number; designFloor?: number };
      cpuMsPerAction?: Partial<Record<'product' | 'bare' | 'bareWithListAttributes' | 'designFloor', CpuPerAction>>;
      startsPerSecond: { product: number; bare: number; ratio: number };
    };
    pages?: {
      projects: number;
      taskRows: number;
      taskListFirstMs: number;
      taskListMs: Summary;
      projectPageMs: Summary;
      /** 全部项目 by title, 已办, 待办 due soon, a search: server time (issue 23). */
      listPageMs?: Summary;
      /** Building the read model from Temporal, every project's view and trail (ms). */
      readModelBuildMs?: number;
    };
    documents?: DocumentSpeed;
    readModel?: ReadModelSpeed;
    notices?: NoticeSpeed;
    scale: {
      idleProjects: number;
      idleStartSeconds: number;
      idleInWorkerSeconds?: number;
      workerRssMiB: number;
      workerRssAtStartMiB: number;
      databaseMiB: number;
      firstActionAfterEvictionMs: { short: number; long: number; sameLongCached: number; longHistoryEvents: number };
    };
    pureCharts: { charts: Record<string, ChartSpeed>; whatIfAllFiveMs: number };
    peer?: PeerResult | { skipped: string };
  };
}

/** One checkpoint of the growth benchmark (bench/cluster/growth.ts). */
export interface ClusterCheckpoint {
  liveProjects: number;
  startsPerSecond: number;
  actionLatencyMs: Summary;
  listLatencyMs: Record<string, { query: string; latencyMs: Summary }>;
  workerRssMiB: Array<number | null>;
  apiRssMiB: Array<number | null>;
  serverRssMiB: number | null;
  databaseMiB: { temporal: number | null; visibility: number | null };
  databaseKiBPerProject: number | null;
}

/** bench/results/cluster.json (and cluster-quick.json): one run of the growth benchmark. */
export interface ClusterReport {
  date: string;
  command: string;
  commit?: string;
  dirty?: true;
  machine: Machine;
  versions: { node: string; temporalServer: string; postgres: string; temporalSdk: string };
  params: {
    historyShards: number;
    workers: number;
    apis: number;
    maxCachedWorkflows: number;
    actionSamples: number;
    dueWithinDays: number;
    concurrency: number;
    actEvery: number;
    clusterUpSeconds: number;
  };
  databaseAtStartMiB: number | null;
  checkpoints: ClusterCheckpoint[];
  projection: {
    databaseKiBPerProjectMarginal: number;
    databaseGiBAt: Record<string, number>;
    latencyRatioLastToFirst: { actionP50: number; actionP99: number; listP95: Record<string, number> };
  };
  fault?: {
    killedAtProjects: number;
    actionsChecked: number;
    appliedExactlyOnce: number;
    notExactlyOnce: unknown[];
    inFlightAtKill: number;
    inFlightLatencyMs: Summary;
    sentAfterKillOnOneWorker: number;
    resent: number;
    submitsResent: number;
    workerRestartSeconds?: number;
    workerRestartedAtProjects?: number;
  };
}

/** Rounded to `d` decimals. */
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** A figure as the page prints it: whole numbers from 10,000 grouped by thousands. */
export function figure(x: number | null | undefined): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '?';
  return Number.isInteger(x) && Math.abs(x) >= 10_000 ? x.toLocaleString('en') : String(x);
}

const ratio = (a: number, b: number) => figure(round(a / b));
const met = (ok: boolean) => (ok ? 'met' : '**not met**');

/** The run's machine, versions and commit, in one sentence. */
function where(r: { date: string; command: string; commit?: string; dirty?: true; machine: Machine }, versions: string): string {
  const commit = r.commit ? ` at commit ${r.commit}${r.dirty ? ' (with uncommitted changes)' : ''}` : '';
  const m = r.machine;
  return `\`${r.command}\`, run ${r.date.slice(0, 16).replace('T', ' ')} UTC${commit}, on ${m.cpus} cores (${m.cpuModel ?? 'unknown CPU'}), ${m.memoryGiB} GiB, ${m.platform}; ${versions}.`;
}

const cpuCell = (c?: CpuPerAction) => (c ? `${figure(c.server)} / ${figure(c.worker)} / ${figure(c.client)}` : '');

/** The dev-server run: the product beside bare Temporal and the references, the pages, scale, chart speed and the peer. */
export function benchSection(r: BenchReport, heading = '##'): string {
  const { latencyMs: l, throughput: t, scale: s, pureCharts: c, pages: pg, peer } = r.results;
  const a = t.actionsPerSecond;
  const flowable = peer && !('skipped' in peer) ? peer : undefined;
  const rows: string[] = [
    `| action latency p50 / p99 (ms), ${r.params.latencySamples} samples | ${figure(l.product.p50)} / ${figure(l.product.p99)} | ${figure(l.bare.p50)} / ${figure(l.bare.p99)} | ${figure(l.ratio.p50)} / ${figure(l.ratio.p99)} | ≤ 1.10 × bare: p50 ${met(l.ratio.p50 <= 1.1)}, p99 ${met(l.ratio.p99 <= 1.1)} |`,
    `| action latency p95 (ms) | ${figure(l.product.p95)} | ${figure(l.bare.p95)} | ${figure(l.ratio.p95)} | |`,
    `| actions/s, ${r.params.concurrentProjects} projects, ${r.params.throughputSeconds} s | ${figure(a.product)} | ${figure(a.bare)} | ${figure(a.ratio)} | ≥ 0.90 × bare: ${met(a.ratio >= 0.9)} |`,
  ];
  if (l.bareWithListAttributes && a.bareWithListAttributes !== undefined)
    rows.push(
      `| — reference: bare Temporal that also upserts the lists' two search attributes per action | ${ratio(l.product.p50, l.bareWithListAttributes.p50)} × its p50, ${ratio(a.product, a.bareWithListAttributes)} × its rate | ${figure(l.bareWithListAttributes.p50)} / ${figure(l.bareWithListAttributes.p99)} ms; ${figure(a.bareWithListAttributes)}/s | | |`,
    );
  if (l.designFloor && a.designFloor !== undefined)
    rows.push(
      `| — reference, **the design's floor**: that reference also checking the API's Ed25519 signature in its validator | ${ratio(l.product.p50, l.designFloor.p50)} × its p50, ${ratio(a.product, a.designFloor)} × its rate | ${figure(l.designFloor.p50)} / ${figure(l.designFloor.p99)} ms; ${figure(a.designFloor)}/s | floor ÷ bare: ${ratio(l.designFloor.p50, l.bare.p50)} at p50, ${ratio(a.designFloor, a.bare)} of the rate | |`,
    );
  rows.push(
    `| projects started/s, ${r.params.startedProjects}, 32 at a time | ${figure(t.startsPerSecond.product)} | ${figure(t.startsPerSecond.bare)} | ${figure(t.startsPerSecond.ratio)} | ≥ 0.90 × bare: ${met(t.startsPerSecond.ratio >= 0.9)}${flowable ? `; ≥ Flowable: ${met(t.startsPerSecond.product >= flowable.projectsStartedPerSecond)}` : ''} |`,
    `| worker RSS (MiB) with ${figure(s.idleProjects)} idle projects, cache ${figure(r.params.maxCachedWorkflows)}, once the worker has run their first tasks | ${figure(s.workerRssMiB)} (at start ${figure(s.workerRssAtStartMiB)}) | | | < 1 GiB: ${met(s.workerRssMiB < 1024)} |`,
    `| — those projects started in / all in the worker after (s) | ${figure(s.idleStartSeconds)} / ${figure(s.idleInWorkerSeconds)} | | | |`,
    `| database size (MiB) | ${figure(s.databaseMiB)} | | | |`,
    `| first action after eviction (ms): short project / long project (${r.params.longProjectActions} actions, ${s.firstActionAfterEvictionMs.longHistoryEvents} events) | ${figure(s.firstActionAfterEvictionMs.short)} / ${figure(s.firstActionAfterEvictionMs.long)} (cached: ${figure(s.firstActionAfterEvictionMs.sameLongCached)}) | | | < 100 ms: ${met(Math.max(s.firstActionAfterEvictionMs.short, s.firstActionAfterEvictionMs.long) < 100)} |`,
  );
  if (pg)
    rows.push(
      `| 待办 task list of a 县大数据局 reviewer, ${figure(pg.projects)} projects, ${figure(pg.taskRows)} rows: server time p50 / p95 (ms) | ${figure(pg.taskListMs.p50)} / ${figure(pg.taskListMs.p95)} | | | p95 < 150 ms: ${met(pg.taskListMs.p95 < 150)} |`,
      // Runs before the read model (no build time recorded) read visibility and every project's view.
      pg.readModelBuildMs !== undefined
        ? `| — the first task list after the API started, from the read model it left (ms) | ${figure(pg.taskListFirstMs)} | | | < 200 ms: ${met(pg.taskListFirstMs < 200)} |`
        : `| — the first task list after the API started, no view cached (ms) | ${figure(pg.taskListFirstMs)} | | | |`,
      ...(pg.listPageMs
        ? [
            `| other list pages (全部项目 by title, 已办, 待办 due soon, a search): server time p50 / p95 (ms) | ${figure(pg.listPageMs.p50)} / ${figure(pg.listPageMs.p95)} | | | p95 < 150 ms: ${met(pg.listPageMs.p95 < 150)} |`,
          ]
        : []),
      ...(pg.readModelBuildMs !== undefined
        ? [`| — building the read model from Temporal, ${figure(pg.projects)} projects (s) | ${figure(pg.readModelBuildMs / 1000)} | | | |`]
        : []),
      `| project page: server time p50 / p95 (ms) | ${figure(pg.projectPageMs.p50)} / ${figure(pg.projectPageMs.p95)} | | | p95 < 150 ms: ${met(pg.projectPageMs.p95 < 150)} |`,
    );
  const rm = r.results.readModel;
  if (rm)
    rows.push(
      `| read model, ${figure(rm.projects)} projects in PGlite: list pages (待办, due soon, by title, 全部项目, a search, a year, 已办) server time p50 / p95 (ms) | ${figure(rm.listPageMs.p50)} / ${figure(rm.listPageMs.p95)} | | | p95 < 150 ms: ${met(rm.listPageMs.p95 < 150)} |`,
      `| — the first 待办 after the store is opened again (ms); opening it (ms) | ${figure(rm.firstTaskListMs)}; ${figure(rm.reopenMs)} | | | < 200 ms: ${met(rm.firstTaskListMs < 200)} |`,
      `| — one row written (ms); memory the store added (MiB); its folder (MiB) | ${figure(rm.writeMs)}; ${figure(rm.rssMiB)}; ${figure(rm.diskMiB)} | | | |`,
    );
  const d = r.results.documents;
  if (d)
    rows.push(
      `| upload of a ${figure(d.uploadMiB)} MiB PDF through the API into the data folder's store (MB/s; client: ${d.client ?? 'supertest (in process)'}), beside a plain copy with fsync on the same disk | ${figure(d.uploadMBps)} | copy ${figure(d.copyMBps)} | ${figure(d.ratio)} × the copy | ≥ 0.5 × the copy: ${met(d.ratio >= 0.5)} |`,
      `| project page with ${figure(d.documents)} documents: server time p50 / p95 (ms) | ${figure(d.projectPageMs.p50)} / ${figure(d.projectPageMs.p95)} | | | p95 < 150 ms: ${met(d.projectPageMs.p95 < 150)} |`,
    );
  const n = r.results.notices;
  if (n)
    rows.push(
      `| notices into the message centre (outbox file + planned, ${figure(n.notices)} notices): per second | ${figure(n.inProductPerSecond)} | | | |`,
      `| notices by e-mail to a local SMTP server: one message each / a burst batched per recipient (${figure(n.smtpBurst.messages)} messages): per second | ${figure(n.smtpPerSecond)} / ${figure(n.smtpBurst.noticesPerSecond)} | | | |`,
      `| message centre's first read of ${figure(n.notices)} notices (ms) | ${figure(n.centreColdReadMs)} | | | |`,
    );
  const cpu = t.cpuMsPerAction;
  const charts = Object.entries(c.charts);
  const slowest = (v: ChartSpeed) => v.ranges?.chart[0] ?? v.transitionsPerSecond;
  const spread = (v: ChartSpeed, range?: [number, number]) => (range && (v.processes ?? 1) > 1 ? ` (${figure(range[0])}–${figure(range[1])})` : '');
  return [
    `${heading} The dev-server benchmark — ${r.date.slice(0, 10)}${r.params.quick ? ' (quick run)' : ''}`,
    '',
    where(r, `Node ${r.versions.node}, Temporal SDK ${r.versions.temporalCli} on the CLI's dev server (SQLite), xstate ${r.versions.xstate}`),
    '',
    '| measure | product | bare Temporal | product ÷ bare | target |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    ...(cpu
      ? [
          `CPU per action during the sustained runs (ms, from \`/proc\`):`,
          '',
          '| | dev server | worker | client |',
          '|---|---|---|---|',
          ...(
            [
              ['bare workflow', cpu.bare],
              ["bare, keeping the lists' two search attributes", cpu.bareWithListAttributes],
              ["the design's floor (that, checking the signature)", cpu.designFloor],
              ['product', cpu.product],
            ] as const
          )
            .filter(([, v]) => v)
            .map(([label, v]) => `| ${label} | ${cpuCell(v).split(' / ').join(' | ')} |`),
          '',
          ...(cpu.bare?.server !== undefined && cpu.bareWithListAttributes?.server !== undefined
            ? [
                `Keeping the lists' search attributes costs the dev server ${figure(round(cpu.bareWithListAttributes.server - cpu.bare.server))} ms of CPU per action beside bare's ${figure(cpu.bare.server)}: one visibility write per action.`,
                '',
              ]
            : []),
        ]
      : []),
    `| chart as a pure reducer, transitions/s${charts.some(([, v]) => (v.processes ?? 1) > 1) ? ' (median of fresh processes, range)' : ''} | ${charts.map(([id]) => id).join(' | ')} |`,
    `|---|${charts.map(() => '---').join('|')}|`,
    `| the chart (guards answered as the application would, effects queued) | ${charts.map(([, v]) => `${figure(v.transitionsPerSecond)}${spread(v, v.ranges?.chart)}`).join(' | ')} |`,
    `| xstate's floor: same shape and path, no actions | ${charts.map(([, v]) => `${figure(v.xstateFloorPerSecond)}${spread(v, v.ranges?.floor)}`).join(' | ')} |`,
    `| path to operation (steps) | ${charts.map(([, v]) => v.pathLength).join(' | ')} |`,
    '',
    `Target ≥ 50,000 transitions/s, by the slowest process of each chart: ${met(charts.every(([, v]) => slowest(v) >= 50_000))} (slowest: ${charts
      .map(([id, v]) => [id, slowest(v)] as const)
      .sort((x, y) => x[1] - y[1])
      .slice(0, 1)
      .map(([id, v]) => `${id} ${figure(v)}`)
      .join('')}). What-if of one application through all ${charts.length} charts: ${figure(c.whatIfAllFiveMs)} ms.`,
    '',
    ...peerSection(peer, r, heading),
  ].join('\n');
}

/** The three columns — peer, product, bare Temporal — with ratios, when `--peers` ran. */
function peerSection(peer: BenchReport['results']['peer'], r: BenchReport, heading: string): string[] {
  if (!peer) return [];
  if ('skipped' in peer) return [`${heading}# The peer engine`, '', `Skipped: ${peer.skipped}.`, ''];
  const { latencyMs: l, throughput: t } = r.results;
  return [
    `${heading}# The peer engine, same machine, same sitting`,
    '',
    `${peer.engine} embedded (Java ${peer.java}) on ${peer.database}, history level full; JVM warmed up with ${peer.warmup.actions} actions and a 2 s sustained run (${peer.warmup.seconds} s) before timing.`,
    '',
    '| measure | Flowable | product | bare Temporal | product ÷ Flowable | bare ÷ Flowable |',
    '|---|---|---|---|---|---|',
    `| action latency p50 (ms) | ${figure(peer.latencyMs.p50)} | ${figure(l.product.p50)} | ${figure(l.bare.p50)} | ${ratio(l.product.p50, peer.latencyMs.p50)} | ${ratio(l.bare.p50, peer.latencyMs.p50)} |`,
    `| action latency p99 (ms) | ${figure(peer.latencyMs.p99)} | ${figure(l.product.p99)} | ${figure(l.bare.p99)} | ${ratio(l.product.p99, peer.latencyMs.p99)} | ${ratio(l.bare.p99, peer.latencyMs.p99)} |`,
    `| actions/s | ${figure(peer.actionsPerSecond)} | ${figure(t.actionsPerSecond.product)} | ${figure(t.actionsPerSecond.bare)} | ${ratio(t.actionsPerSecond.product, peer.actionsPerSecond)} | ${ratio(t.actionsPerSecond.bare, peer.actionsPerSecond)} |`,
    `| projects started/s | ${figure(peer.projectsStartedPerSecond)} | ${figure(t.startsPerSecond.product)} | ${figure(t.startsPerSecond.bare)} | ${ratio(t.startsPerSecond.product, peer.projectsStartedPerSecond)} | ${ratio(t.startsPerSecond.bare, peer.projectsStartedPerSecond)} |`,
    '',
  ];
}

/** The growth run: checkpoints, the projection, the worker killed under load. */
export function clusterSection(r: ClusterReport, heading = '##'): string {
  const c = r.checkpoints;
  const row = (label: string, f: (x: ClusterCheckpoint) => string) => `| ${label} | ${c.map(f).join(' | ')} |`;
  const first = c[0]!;
  const last = c[c.length - 1]!;
  const f = r.fault;
  const serverKiBPerProject =
    c.length > 1 && first.serverRssMiB !== null && last.serverRssMiB !== null
      ? round(((last.serverRssMiB - first.serverRssMiB) * 1024) / (last.liveProjects - first.liveProjects), 1)
      : undefined;
  const workers = c.flatMap((x) => x.workerRssMiB).filter((x): x is number => x !== null);
  const projected = Object.entries(r.projection.databaseGiBAt)
    .map(([n, gib]) => `${figure(gib)} GiB at ${Number(n).toLocaleString('en')}`)
    .join(' and ');
  return [
    `${heading} Cluster growth — ${r.date.slice(0, 10)}`,
    '',
    where(
      r,
      `Temporal server ${r.versions.temporalServer} on PostgreSQL ${r.versions.postgres}, ${r.params.historyShards} history shards; ${r.params.workers} worker processes (cache ${r.params.maxCachedWorkflows} projects each) and ${r.params.apis} API processes; Node ${r.versions.node}, Temporal SDK ${r.versions.temporalSdk}`,
    ) +
      ` Growth over HTTP: ${r.params.concurrency} concurrent clients, one new project in ${r.params.actEvery} acted on at once. Cluster and processes up in ${figure(r.params.clusterUpSeconds)} s.`,
    '',
    `| live projects | ${c.map((x) => x.liveProjects.toLocaleString('en')).join(' | ')} |`,
    `|---|${c.map(() => '---').join('|')}|`,
    row('projects started/s while growing to it', (x) => figure(x.startsPerSecond)),
    row(
      `first action on a random project, p50 / p99 (ms), ${r.params.actionSamples} samples`,
      (x) => `${figure(x.actionLatencyMs.p50)} / ${figure(x.actionLatencyMs.p99)}`,
    ),
    ...Object.entries(first.listLatencyMs).map(([name, q]) => row(`list \`${q.query}\`, p95 (ms)`, (x) => figure(x.listLatencyMs[name]?.latencyMs.p95))),
    row('worker RSS (MiB), each', (x) => x.workerRssMiB.map(figure).join(' / ')),
    row('API RSS (MiB), each', (x) => x.apiRssMiB.map(figure).join(' / ')),
    row('Temporal server RSS (MiB)', (x) => figure(x.serverRssMiB)),
    row('database (MiB): history store + visibility', (x) => `${figure(x.databaseMiB.temporal)} + ${figure(x.databaseMiB.visibility)}`),
    row('database per project (KiB), the fixed start included', (x) => figure(x.databaseKiBPerProject)),
    '',
    `Database at start (no projects): ${figure(r.databaseAtStartMiB)} MiB. From the first checkpoint to the last, each live project added ${figure(r.projection.databaseKiBPerProjectMarginal)} KiB of database` +
      `${serverKiBPerProject !== undefined ? ` and ${figure(serverKiBPerProject)} KiB of Temporal server memory` : ''}; a straight line through them gives ${projected} live projects of this age. ` +
      `Worker RSS stayed within ${figure(Math.min(...workers))}–${figure(Math.max(...workers))} MiB. ` +
      `Latency at the last checkpoint ÷ the first: first action p50 ${figure(r.projection.latencyRatioLastToFirst.actionP50)}, p99 ${figure(r.projection.latencyRatioLastToFirst.actionP99)}; list p95 ${Object.entries(
        r.projection.latencyRatioLastToFirst.listP95,
      )
        .map(([k, v]) => `${k} ${figure(v)}`)
        .join(', ')}.`,
    '',
    ...(f
      ? [
          `${heading}# A worker killed under load`,
          '',
          `Worker 1 was killed (SIGKILL) at ${figure(f.killedAtProjects)} live projects while growth went on; ${f.inFlightAtKill} actions were in flight at that moment ` +
            `(answered after ${figure(f.inFlightLatencyMs.p50)} ms median, p99 ${figure(f.inFlightLatencyMs.p99)} ms), ${f.sentAfterKillOnOneWorker} were sent while one worker carried on, ${f.resent} actions and ${f.submitsResent} submissions were resent by the client. ` +
            `Of ${figure(f.actionsChecked)} actions sent in that stretch, ${figure(f.appliedExactlyOnce)} are in their project's audit trail exactly once (by idempotency key and by task); ${f.notExactlyOnce.length} are not.` +
            (f.workerRestartedAtProjects !== undefined
              ? ` Worker 1 was started again at ${figure(f.workerRestartedAtProjects)} projects (${figure(f.workerRestartSeconds)} s) before the checkpoint was measured.`
              : ''),
          '',
        ]
      : []),
  ].join('\n');
}

/** What the page says about running the benchmarks and reading them; the figures follow from the results files. */
const INTRO = `# Benchmarks

<!-- Generated by \`npm run bench\` (bench/report.ts) from RESULTS; do not edit: \`npm run bench -- --report\` renders it again. -->

Figures from the last full run of each benchmark, on the machine it names; ratios compare
contestants within one run. The targets are those of issues 12 and 14. The design behind the
figures is in [architecture.md](architecture.md); the cluster and its sizing in [cluster.md](cluster.md).

## Running them

- \`npm run bench\`: the dev-server benchmark, writing \`bench/results/latest.json\` and this page;
  \`--peers\` adds Flowable beside it (needs Java 17 or newer, Maven and PostgreSQL); \`--quick\` is a
  smoke run of a few minutes (CI runs it) that writes the git-ignored \`bench/results/quick.json\` and
  \`quick.md\`. Counts: \`--samples\`, \`--projects\`, \`--duration\`, \`--starts\`, \`--idle\`,
  \`--long-actions\`, \`--page-projects\` (projects in the namespace when the workspace's task list and
  project page are timed), \`--page-samples\`.
- \`npm run bench -- --cluster\`: growth on a Temporal cluster with PostgreSQL, writing
  \`bench/results/cluster.json\` and this page (\`--quick\`, or sizes below 20,000: the git-ignored
  \`cluster-quick.*\`). Flags: \`--sizes 1000,5000\`, \`--samples\`, \`--list-samples\`, \`--concurrency\`,
  \`--kill-at\`, \`--due-within-days\`, \`--history-shards\`, \`--dir\`, \`--keep\`.
- \`npm run bench -- --report\`: this page again from the results files, measuring nothing.

## What the dev-server benchmark measures

It starts its own dev server and a worker process and times, side by side with a bare Temporal
workflow that handles the same update without a chart: action latency (update accepted → new
view), sustained actions per second, projects started per second beside a bare start of an input of
the same size, worker memory and database size with idle projects, the first action after eviction
for a short and a long project, the workspace's task list and project page with a thousand projects
in the namespace, and each chart's speed as a pure reducer beside xstate's own floor. The product's
actions go through \`ProjectService.act\`, as the API's do (payload check, signing, the update,
completing the view), without HTTP; the bare workflow gets the same request straight from the client.

Beside bare it times two references (\`bench/baseline.ts\`): bare keeping the lists' two search
attributes, and the design's floor, which also checks the API's signature (and must refuse an
unsigned command before it is timed). The floor is a workflow doing nothing but what the
architecture asks of every action — the signature checked synchronously in the validator, and the
lists' status and awaited department kept in Temporal visibility — so the distance between it and
bare is the price of those two decisions, and the distance between the product and it is the
product's own work (the chart step, the checks, the history entry and the answer).

A chart's speed is measured along its path to operation, stepped as the workflow host steps it
(\`machines/shared/step.ts\`), beside xstate's floor: the same states and path with the chart's
guards answered by their verdicts and its actions removed. The path is checked to be taken step by
step by both, and each figure comes from a fresh process (\`bench/chart-speed.ts\`), because V8's
pretenuring decisions are process-wide; a full run takes three processes of each and reports the
median with the range.

The peer, Flowable, is not like for like: it is a library in the caller's process with one
database transaction per action (its own PostgreSQL with fsync and synchronous commit on, history
level \`full\`, the same path of 8 user tasks with a non-interrupting 10-day timer on the first and
the same return/revise loop, the same parameters, the JVM warmed before timing). An action here is
a gRPC request to the Temporal server, which persists it and hands it to a worker process and back,
and it checks more (signature, candidate group, idempotency key, payload schema, the chart's rules)
and answers a full view. The bare column is Temporal itself: no design on Temporal's dev server can
be ahead of the peer on the rows where bare is behind it. What the peer does not give: durable
timers and replay of every decision from history, and a workflow that survives a worker killed
mid-action (\`test/faults\`, the cluster run below).

## What the growth benchmark measures

\`bench/cluster/growth.ts\` starts a cluster of its own in a temporary folder with two worker and two
API processes and grows it over HTTP to each checkpoint across every jurisdiction; a jurisdiction
whose regulation no longer takes applications gets its share as projects submitted on its last day,
as a province's live projects of it were. At each checkpoint, with growth paused: first-action
latency on random projects (most not in any worker's cache at the larger sizes), list-query latency
(overdue, awaiting a department, due within N days, each as a supervisor of each jurisdiction),
worker, API and server memory, and database size. Between the first two checkpoints worker 1 is
killed with SIGKILL; every action sent in that stretch is checked in its audit trail, applied exactly
once, and the worker is started again before the next checkpoint.
`;

/** The results files the page is rendered from, by the section they fill. */
export const RESULTS = { bench: 'bench/results/latest.json', cluster: 'bench/results/cluster.json' } as const;

/** docs/benchmarks.md from the results present (a missing one is said, not invented). */
export function renderBenchmarks(results: { bench?: BenchReport; cluster?: ClusterReport }): string {
  const missing = (file: string, command: string) => `No results yet: \`${command}\` writes \`${file}\`.\n`;
  return [
    INTRO.replace('RESULTS', `${RESULTS.bench} and ${RESULTS.cluster}`),
    results.bench ? benchSection(results.bench) : `## The dev-server benchmark\n\n${missing(RESULTS.bench, 'npm run bench')}`,
    results.cluster ? clusterSection(results.cluster) : `## Cluster growth\n\n${missing(RESULTS.cluster, 'npm run bench -- --cluster')}`,
  ]
    .join('\n')
    .replace(/\n*$/, '\n');
}

/** Renders docs/benchmarks.md from the results files under `root`; returns the page's path. */
export function writeBenchmarks(root: string): string {
  const read = <T>(file: string): T | undefined => {
    const full = path.join(root, file);
    return existsSync(full) ? (JSON.parse(readFileSync(full, 'utf8')) as T) : undefined;
  };
  const page = path.join(root, 'docs', 'benchmarks.md');
  writeFileSync(page, renderBenchmarks({ bench: read<BenchReport>(RESULTS.bench), cluster: read<ClusterReport>(RESULTS.cluster) }));
  return page;
}
