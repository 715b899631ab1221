/**
 * The dev-server benchmark (`npm run bench`, scripts/bench.ts): what a reviewer's action costs
 * beside a bare Temporal workflow, how many actions a second two cores sustain, how many idle
 * projects one worker holds, what replay after eviction costs, how fast the workspace's task list
 * and project page answer with a thousand projects, and how fast the charts are as pure reducers.
 * Starts its own dev server and worker process and writes bench/results/latest.json (a quick run:
 * quick.json); bench/report.ts renders the figures.
 */
import { documentSpeed } from './documents.js';
import { noticeSpeed } from './notifications.js';
import { readModelSpeed } from './read-model.js';
import { servedLog, timedSession, type Served } from './session.js';
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { jurisdictions } from '../machines/index.js';
import { intakeOf } from '../machines/intake.js';
import { forwardPath, whatIfAll } from '../machines/whatif.js';
import { ProjectService } from '../server/projects.js';
import { openLists } from '../server/read-model/keeper.js';
import { openPglite } from '../server/read-model/sql.js';
import { CommandSigner } from '../server/signing.js';
import { createApp } from '../server/app.js';
import { Identities, seedDevelopmentUsers } from '../server/identity.js';
import { bundlerOptions } from '../worker/index.js';
import { allSearchAttributes } from '../contracts/search-attributes.js';
import { Calendar } from '../activities/calendar.js';
import { configuredDueTimes } from '../activities/index.js';
import { loadConfig } from '../temporal.config.js';
import { startDevServer } from '../runtime/devserver.js';
import { ensure } from '../runtime/toolchain.js';
import { bareActUpdate } from './baseline.js';
import { checkPath, type SpeedJob } from './chart-speed.js';
import { runFlowable } from './peers/flowable.js';
import { commitOf, machineOf } from './machine.js';
import type { BenchReport, ChartSpeed } from './report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The harness's flags (`parseArgs` options): each count with its full and its quick default. */
const counts = {
  samples: { key: 'latencySamples', full: 400, quick: 60 },
  projects: { key: 'concurrentProjects', full: 64, quick: 16 },
  duration: { key: 'throughputSeconds', full: 60, quick: 8 },
  starts: { key: 'startedProjects', full: 300, quick: 40 },
  idle: { key: 'idleProjects', full: 10_000, quick: 300 },
  'long-actions': { key: 'longProjectActions', full: 250, quick: 40 },
  // Projects in the namespace when the workspace's pages are timed (the figure: 1,000).
  'page-projects': { key: 'pageProjects', full: 1_000, quick: 200 },
  'page-samples': { key: 'pageSamples', full: 200, quick: 40 },
} as const;

/** The dev-server benchmark's flags, for scripts/bench.ts's parser. */
export const benchOptions = {
  quick: { type: 'boolean' },
  peers: { type: 'boolean' },
  ...(Object.fromEntries(Object.keys(counts).map((name) => [name, { type: 'string' }])) as Record<keyof typeof counts, { type: 'string' }>),
} as const;

/** The run's parameters from the parsed flags; a count that is not a positive whole number is refused, naming its flag. */
export function benchParams(values: { quick?: boolean; peers?: boolean } & Partial<Record<keyof typeof counts, string>>) {
  const quick = values.quick === true;
  const count = (name: keyof typeof counts) => {
    const given = values[name];
    if (given === undefined) return quick ? counts[name].quick : counts[name].full;
    const n = Number(given);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive whole number, got ${given}`);
    return n;
  };
  return {
    quick,
    peers: values.peers === true,
    latencySamples: count('samples'),
    concurrentProjects: count('projects'),
    throughputSeconds: count('duration'),
    startedProjects: count('starts'),
    idleProjects: count('idle'),
    longProjectActions: count('long-actions'),
    pageProjects: count('page-projects'),
    pageSamples: count('page-samples'),
    /** The worker's cache as temporal.config.ts sets it (WORKER_MAX_CACHED_WORKFLOWS overrides). */
    maxCachedWorkflows: loadConfig(process.env).worker.maxCachedWorkflows,
  };
}
/** One run's parameters. */
export type BenchParams = ReturnType<typeof benchParams>;

const weishanApplication = {
  title: '基准测试项目',
  applicantUnit: '微山县基准测试单位',
  totalBudget: 1_000_000,
  partyCommitteeResolution: { meetingDate: '2026-03-02', minutesRef: '基准〔2026〕1号' },
  plannedCompletionOn: '2030-06-30',
};

const noop = () => undefined;
const quiet = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m) };

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const summary = (xs: number[]) => ({ p50: round(percentile(xs, 50)), p95: round(percentile(xs, 95)), p99: round(percentile(xs, 99)), n: xs.length });

/** A worker in its own process, so its memory is its own. */
async function startWorker(address: string, taskQueue: string, bundlePath: string): Promise<ChildProcess> {
  const child = fork(path.join(root, 'bench', 'worker.ts'), [address, taskQueue, bundlePath], { execArgv: ['--import', 'tsx'], cwd: root, stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
  return child;
}

function workerRss(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m: { rss: number }) => resolve(m.rss));
    child.send({ type: 'memory' });
  });
}

async function stopWorker(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.send({ type: 'stop' });
  await exited;
}

const reviewer = { userId: 'bench.bigdata', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'] };
const applicant = { userId: 'bench.applicant', jurisdiction: 'weishan', department: 'applicant', roles: ['applicant'], unit: weishanApplication.applicantUnit };

/** Alternates a return and a revision on a project's requirements review: repeatable forever. */
function nextAction(turn: number) {
  return turn % 2 === 0
    ? { task: 'requirementsReview', action: 'return' as const, department: 'bigData', actor: '基准审核员', identity: reviewer }
    : {
        task: 'requirementsRevision',
        action: 'submit' as const,
        department: 'applicant',
        actor: '基准申报人',
        data: { revisedPlan: { ref: `修改稿-${turn}` } },
        identity: applicant,
      };
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

async function startProjects(projects: ProjectService, n: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async () => {
      ids.push((await projects.submit('weishan', weishanApplication, { actor: '基准申报人' })).projectId);
    },
  );
  return ids;
}

/** Wait until each project's first workflow task has run (at most ten minutes). */
async function firstTasksRun(client: Client, ids: string[]) {
  const end = Date.now() + 600_000;
  for (const id of ids) {
    for (;;) {
      const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
      if (events.some((e) => e.workflowTaskCompletedEventAttributes)) break;
      if (Date.now() > end) throw new Error(`the worker has not run ${id}'s first workflow task after ten minutes`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function startBare(client: Client, taskQueue: string, n: number, concurrency = 32, input?: unknown, workflow = 'bareWorkflow'): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${workflow}-${Date.now()}-${i}`);
  await pool(
    ids,
    concurrency,
    async (id) => void (await client.workflow.start(workflow, { workflowId: id, taskQueue, args: input === undefined ? [] : [input] })),
  );
  return ids;
}

/** A workflow input of the size a project's start carries (ProjectService.submit), for the bare start. */
const projectSizedInput = () => ({
  projectId: 'weishan-20261123-00000000',
  jurisdiction: 'weishan',
  chartVersion: 1,
  application: intakeOf('weishan').applicationSchema.parse(weishanApplication),
  submittedBy: { actor: '基准申报人', unit: weishanApplication.applicantUnit },
  historyEventLimit: 2_000,
});

// The product's actions are signed as the API signs them (workflows trust this run's key only).
const signer = new CommandSigner('bench', generateKeyPairSync('ed25519').privateKey);
// Through the service the API calls: signed, and answered from the view it already holds plus what is new.
const act = (projects: ProjectService, id: string, turn: number) =>
  projects.act(id, nextAction(turn), `bench-${turn}-${id}`).catch(async (err: unknown) => {
    throw await explained(projects, id, err);
  });

/** An action that failed, with why the workflow's tasks failed or timed out (from its history), so a bench run that stops says why. */
async function explained(projects: ProjectService, id: string, err: unknown): Promise<unknown> {
  try {
    const history = await projects.client.workflow.getHandle(id).fetchHistory();
    const failures = (history.events ?? [])
      .filter((e) => e.workflowTaskFailedEventAttributes || e.workflowTaskTimedOutEventAttributes)
      .slice(-3)
      .map((e) =>
        e.workflowTaskFailedEventAttributes
          ? `task failed (${e.workflowTaskFailedEventAttributes.cause}): ${e.workflowTaskFailedEventAttributes.failure?.message ?? ''}\n${e.workflowTaskFailedEventAttributes.failure?.stackTrace ?? ''}`
          : `task timed out (${e.workflowTaskTimedOutEventAttributes!.timeoutType})`,
      );
    console.error(`[bench] action on ${id} failed; history has ${history.events?.length ?? 0} events`, failures);
  } catch (e) {
    console.error(`[bench] action on ${id} failed; history not read: ${String(e)}`);
  }
  return err;
}
const actBare = (client: Client, id: string, turn: number) => client.workflow.getHandle(id).executeUpdate(bareActUpdate, { args: [nextAction(turn)] });
// The design's floor (bench/baseline.ts bareSignedListedWorkflow): the same command, signed as the API signs it, with no payload check or view.
const actSigned = async (client: Client, id: string, turn: number) =>
  client.workflow.getHandle(id).executeUpdate(bareActUpdate, { args: [await signer.sign(id, { ...nextAction(turn), requestId: `bench-${turn}-${id}` })] });

/** CPU seconds a process and its descendants have used (Linux /proc, 100 clock ticks a second); undefined elsewhere. */
function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const children = readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
    return (Number(fields[11]) + Number(fields[12])) / 100 + children.reduce((sum, c) => sum + (cpuSeconds(c) ?? 0), 0);
  } catch {
    return undefined;
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * The workspace's task list and project page as a 县大数据局 reviewer sees them, with every project
 * of the namespace in scope: server time from the app's own request log (handler start to response
 * finish), the first task list (cold view cache) apart from the rest.
 */
async function pageSpeed(projects: ProjectService, projectIds: string[], samples: number) {
  const identities = Identities.open();
  const tokens = new Map(seedDevelopmentUsers(identities).map(({ user, token }) => [user.id, token]));
  const served: Served = [];
  // The read model as an API process finds it after a restart: built from Temporal once, closed, opened again.
  const listDir = mkdtempSync(path.join(os.tmpdir(), 'bench-read-model-'));
  const built = await openLists({ sql: await openPglite(listDir), projects, source: projects.source(), keeper: { pollMs: 60_000 } });
  const buildStarted = performance.now();
  await built.keeper.rebuild();
  const buildMs = performance.now() - buildStarted;
  await built.stop();
  const lists = await openLists({ sql: await openPglite(listDir), projects, source: projects.source(), keeper: { pollMs: 60_000 } });
  const app = createApp({
    projects: lists.projects,
    lists: lists.keeper,
    identities,
    health: async () => ({ temporal: true, workerPolling: true }),
    log: servedLog(served),
    pages: { calendar: new Calendar(loadConfig(process.env).calendar.years), warmCharts: true },
  });
  const { agent, timed: timedPage } = await timedSession(app, served, 'weishan.bigdata', tokens.get('weishan.bigdata'));
  const first = await timedPage('/tasks');
  const rows = Number(/共 (\d+) 项待办/.exec((await agent.get('/tasks')).text)?.[1] ?? 0);
  const tasks: number[] = [];
  for (let i = 0; i < samples; i++) tasks.push(await timedPage('/tasks'));
  const project: number[] = [];
  for (let i = 0; i < samples; i++) project.push(await timedPage(`/projects/${projectIds[(i * 7919) % projectIds.length]}`));
  const listMs: number[] = [];
  for (let i = 0; i < samples; i++) listMs.push(await timedPage(['/projects?sort=project', '/done', '/tasks?due=soon', '/projects?q=平台'][i % 4]!));
  await lists.stop();
  rmSync(listDir, { recursive: true, force: true });
  return {
    projects: projectIds.length,
    taskRows: rows,
    taskListFirstMs: first,
    taskListMs: summary(tasks),
    projectPageMs: summary(project),
    listPageMs: summary(listMs),
    readModelBuildMs: buildMs,
  };
}

/**
 * Transitions per second of each chart as a pure reducer, along its path to operation, beside
 * xstate's floor (bench/chart-speed.ts), each figure in a fresh process of its own; the path is
 * checked first to be taken step by step, by the chart and its floor alike. When charts were
 * stepped by xstate's `transition()`, a process's figure depended on whether V8 pretenured its
 * short-lived objects (two processes could differ by far more than one run's noise), so a full run
 * takes three processes of each, chart and floor in turn, and reports the median with the range.
 */
function chartSpeed(quick: boolean) {
  const out: Record<string, ChartSpeed> = {};
  const example = JSON.parse(readFileSync(path.join(root, 'docs', 'what-if.example.json'), 'utf8'));
  const ms = quick ? 300 : 2_000;
  const processes = quick ? 1 : 3;
  const measure = (job: SpeedJob) =>
    (
      JSON.parse(
        execFileSync(process.execPath, [...process.execArgv, path.join(root, 'bench', 'chart-speed.ts')], {
          cwd: root,
          input: JSON.stringify(job),
          encoding: 'utf8',
        }),
      ) as { perSecond: number }
    ).perSecond;
  for (const def of Object.values(jurisdictions)) {
    const application = intakeOf(def.id).applicationSchema.parse({ ...example.application, ...example.overrides[def.id] });
    const best = forwardPath(def, application, new Date().toISOString());
    if (!best) throw new Error(`${def.id}: no path to operation`);
    const chartPath = { jurisdiction: def.id, application, events: best.steps.slice(1).map((s) => s.event) };
    checkPath(chartPath);
    const chart: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < processes; i++) {
      chart.push(measure({ ...chartPath, role: 'product', ms }));
      floor.push(measure({ ...chartPath, role: 'floor', ms }));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const range = (xs: number[]): [number, number] => [Math.min(...xs), Math.max(...xs)];
    out[def.id] = {
      transitionsPerSecond: median(chart),
      xstateFloorPerSecond: median(floor),
      ranges: { chart: range(chart), floor: range(floor) },
      processes,
      pathLength: chartPath.events.length,
    };
  }
  const runs = quick ? 5 : 20;
  const t = performance.now();
  for (let i = 0; i < runs; i++) whatIfAll(Object.values(jurisdictions), example.application, example.overrides, '2026-11-23');
  return { charts: out, whatIfAllFiveMs: round((performance.now() - t) / runs) };
}

/** Runs the benchmark and writes its results; returns the file written (bench/results/latest.json or quick.json). */
export async function runBench(params: BenchParams, command: string): Promise<string> {
  const { quick } = params;
  const started = new Date();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gov-bench-'));
  const dbFile = path.join(dir, 'bench.sqlite');
  const cli = ensure('cli');
  console.log(`[bench] ${quick ? 'quick' : 'full'} run`, params);
  if (!cli) throw new Error('the Temporal CLI is missing: run npx tsx scripts/toolchain.ts (needs python3 and pip)');
  const server = await startDevServer({ executable: cli, ip: '127.0.0.1', port: 0, dbFile, namespace: 'default', searchAttributes: allSearchAttributes });
  const address = server.address;
  const connection = await Connection.connect({ address });
  const env = { client: new Client({ connection }), teardown: async () => (await connection.close(), await server.stop()) };
  const taskQueue = `bench-${Date.now()}`;
  const bundle = await bundleWorkflowCode({
    workflowsPath: path.join(root, 'bench', 'workflows.ts'),
    logger: quiet,
    ...bundlerOptions({ bench: signer.publicKey }),
  });
  const bundlePath = path.join(dir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  let worker = await startWorker(address, taskQueue, bundlePath);
  const baselineRss = await workerRss(worker);
  // Thousands of starts leave the worker behind (a start does not wait for it), and an action on a new project waits for its first task: a generous deadline.
  const config = loadConfig(process.env);
  const projects = new ProjectService({
    client: env.client,
    taskQueue,
    historyEventLimit: config.historyEventLimit,
    signer,
    deadlineMs: 120_000,
    dueTimes: configuredDueTimes(config),
  });
  const client = env.client;
  const results: Record<string, unknown> = {};
  try {
    // What actions are timed on, in turn: the product, bare Temporal, and the two references
    // (bench/baseline.ts). Each starts its own workflows and acts on one of them.
    const contestants: Array<{
      name: string;
      start: (n: number, concurrency: number) => Promise<string[]>;
      act: (id: string, turn: number) => Promise<unknown>;
    }> = [
      { name: 'product', start: (n, c) => startProjects(projects, n, c), act: (id, t) => act(projects, id, t) },
      { name: 'bare', start: (n, c) => startBare(client, taskQueue, n, c), act: (id, t) => actBare(client, id, t) },
      {
        name: 'bareWithListAttributes',
        start: (n, c) => startBare(client, taskQueue, n, c, undefined, 'bareListedWorkflow'),
        act: (id, t) => actBare(client, id, t),
      },
      {
        name: 'designFloor',
        start: (n, c) => startBare(client, taskQueue, n, c, undefined, 'bareSignedListedWorkflow'),
        act: (id, t) => actSigned(client, id, t),
      },
    ];
    const startAll = async (n: number, concurrency: number) => {
      const ids: Record<string, string[]> = {};
      for (const c of contestants) ids[c.name] = await c.start(n, concurrency);
      return ids;
    };
    const turns = new Map<string, number>();
    const turn = (id: string) => {
      const t = turns.get(id) ?? 0;
      turns.set(id, t + 1);
      return t;
    };

    // 1. Action latency, all four interleaved on the same server.
    const latencyIds = await startAll(10, 10);
    // The floor is only a floor if it checks: an unsigned command must be refused, as unsigned.
    const unsigned = await actBare(client, latencyIds.designFloor![0]!, 0).then(
      () => 'accepted',
      (err: Error) => (err.cause instanceof Error ? err.cause.message : err.message),
    );
    if (!unsigned.includes('未经签名')) throw new Error(`the design floor did not refuse an unsigned command as unsigned: ${unsigned}`);
    const samples: Record<string, number[]> = Object.fromEntries(contestants.map((c) => [c.name, []]));
    for (let i = -20; i < params.latencySamples; i++) {
      for (const c of contestants) {
        const id = latencyIds[c.name]![(i + 20) % 10]!;
        const ms = await timed(() => c.act(id, turn(id)));
        // The first 20 rounds warm the workflows up and are not counted.
        if (i >= 0) samples[c.name]!.push(ms);
      }
    }
    const lp = summary(samples.product!);
    const lb = summary(samples.bare!);
    results.latencyMs = {
      product: lp,
      bare: lb,
      ratio: { p50: round(lp.p50 / lb.p50), p95: round(lp.p95 / lb.p95), p99: round(lp.p99 / lb.p99) },
      bareWithListAttributes: summary(samples.bareWithListAttributes!),
      designFloor: summary(samples.designFloor!),
    };
    console.log('[bench] latency', results.latencyMs);

    // 2. Throughput: N concurrent workflows of each acting back to back for the duration, one after the other.
    // Where each action's CPU goes: the dev server (with its children), the worker process, and this
    // process as the client (the API's part for the product: payload check, signing, completing the view).
    const rates: Record<string, number> = {};
    const cpuPerAction: Record<string, { server?: number; worker?: number; client: number }> = {};
    const cpuNow = () => ({ server: cpuSeconds(server.pid), worker: worker.pid === undefined ? undefined : cpuSeconds(worker.pid) });
    const throughputIds = await startAll(params.concurrentProjects, 32);
    for (const c of contestants) {
      let done = 0;
      const before = cpuNow();
      const c0 = process.cpuUsage();
      const end = performance.now() + params.throughputSeconds * 1000;
      await Promise.all(
        throughputIds[c.name]!.map(async (id) => {
          while (performance.now() < end) {
            await c.act(id, turn(id));
            done++;
          }
        }),
      );
      const used = process.cpuUsage(c0);
      const after = cpuNow();
      const perAction = (seconds: number) => round((seconds * 1000) / done);
      rates[c.name] = round(done / params.throughputSeconds, 1);
      cpuPerAction[c.name] = {
        ...(before.server !== undefined && after.server !== undefined ? { server: perAction(after.server - before.server) } : {}),
        ...(before.worker !== undefined && after.worker !== undefined ? { worker: perAction(after.worker - before.worker) } : {}),
        client: perAction((used.user + used.system) / 1e6),
      };
    }
    // Starts: the product's (a plain start; the API answers the first view it computed) and a bare start of an input of the same size.
    const t0 = performance.now();
    const startedIds = await startProjects(projects, params.startedProjects, 32);
    const startsPerSecond = round(params.startedProjects / ((performance.now() - t0) / 1000), 1);
    const t0b = performance.now();
    await startBare(client, taskQueue, params.startedProjects, 32, projectSizedInput());
    const bareStartsPerSecond = round(params.startedProjects / ((performance.now() - t0b) / 1000), 1);
    results.throughput = {
      actionsPerSecond: {
        product: rates.product,
        bare: rates.bare,
        ratio: round(rates.product! / rates.bare!),
        bareWithListAttributes: rates.bareWithListAttributes,
        designFloor: rates.designFloor,
      },
      cpuMsPerAction: cpuPerAction,
      projectsStartedPerSecond: startsPerSecond,
      startsPerSecond: { product: startsPerSecond, bare: bareStartsPerSecond, ratio: round(startsPerSecond / bareStartsPerSecond) },
    };
    console.log('[bench] throughput', results.throughput);

    // 2b. The workspace's pages with a thousand projects in the namespace.
    const pageIds = [...latencyIds.product!, ...throughputIds.product!, ...startedIds];
    if (pageIds.length < params.pageProjects) pageIds.push(...(await startProjects(projects, params.pageProjects - pageIds.length, 32)));
    results.pages = await pageSpeed(projects, pageIds, params.pageSamples);
    console.log('[bench] pages', results.pages);
    // 2b'. The read model at 10,000 projects (copies of a real project's view awaiting 县大数据局).
    results.readModel = await readModelSpeed(await projects.view(pageIds[0]!), params.quick ? 2_000 : 10_000, params.pageSamples);
    console.log('[bench] read model', results.readModel);

    // 2c. Documents: a 20 MB upload beside a plain copy on the same disk, and a project page with 30 documents.
    results.documents = await documentSpeed(projects, params.pageSamples);
    console.log('[bench] documents', results.documents);

    // 2d. Notices: into the in-product channel, and through SMTP to a local server (issue 24).
    results.notices = await noticeSpeed(params.quick ? 200 : 1_000);
    console.log('[bench] notices', results.notices);

    // 3. Scale: idle projects held by one worker, its memory and the database size.
    const t1 = performance.now();
    const idleIds = await startProjects(projects, params.idleProjects, 64);
    const idleStartSeconds = round((performance.now() - t1) / 1000, 1);
    // A start does not wait for the project's first workflow task, so the worker may still be behind:
    // measure it once it has run the last projects started (the queue is served about in order).
    await firstTasksRun(client, idleIds.slice(-20));
    const idleInWorkerSeconds = round((performance.now() - t1) / 1000, 1);
    await new Promise((r) => setTimeout(r, 3_000));
    const rss = await workerRss(worker);
    const dbBytes = ['', '-wal', '-shm'].reduce((sum, ext) => {
      try {
        return sum + statSync(`${dbFile}${ext}`).size;
      } catch {
        return sum;
      }
    }, 0);

    // 4. Replay after eviction: first action on short and long projects after a worker restart,
    // once the new worker is warm (a few other projects served first), median of three each.
    const shortIds = await startProjects(projects, 3, 3);
    for (const id of shortIds) await act(projects, id, turn(id));
    const longIds = await startProjects(projects, 3, 3);
    await pool(longIds, 3, async (id) => {
      for (let i = 0; i < params.longProjectActions; i++) await act(projects, id, turn(id));
    });
    const longHistory = (await client.workflow.getHandle(longIds[0]!).fetchHistory()).events?.length ?? 0;
    const warmIds = await startProjects(projects, 3, 3);
    await stopWorker(worker);
    worker = await startWorker(address, taskQueue, bundlePath);
    for (const id of warmIds) await act(projects, id, turn(id));
    const median = (xs: number[]) => percentile(xs, 50);
    const firstShort: number[] = [];
    for (const id of shortIds) firstShort.push(await timed(() => act(projects, id, turn(id))));
    const firstLong: number[] = [];
    for (const id of longIds) firstLong.push(await timed(() => act(projects, id, turn(id))));
    const cached: number[] = [];
    for (const id of longIds) cached.push(await timed(() => act(projects, id, turn(id))));
    results.scale = {
      idleProjects: params.idleProjects,
      idleStartSeconds,
      idleInWorkerSeconds,
      workerRssMiB: round(rss / 2 ** 20, 1),
      workerRssAtStartMiB: round(baselineRss / 2 ** 20, 1),
      databaseMiB: round(dbBytes / 2 ** 20, 1),
      firstActionAfterEvictionMs: {
        short: round(median(firstShort)),
        long: round(median(firstLong)),
        sameLongCached: round(median(cached)),
        longHistoryEvents: longHistory,
      },
    };
    console.log('[bench] scale', results.scale);
  } finally {
    await stopWorker(worker).catch(() => undefined);
    await env.teardown();
    rmSync(dir, { recursive: true, force: true });
  }

  // 5. Pure chart speed.
  results.pureCharts = chartSpeed(quick);
  console.log('[bench] pure charts', results.pureCharts);

  // 6. The peer engine on the same machine in the same sitting, after ours has stopped.
  if (params.peers) {
    results.peer = await runFlowable(params);
    console.log('[bench] peer', results.peer);
  }

  const report: BenchReport = {
    date: started.toISOString(),
    command,
    ...commitOf(root),
    machine: machineOf(),
    versions: {
      node: process.version,
      temporalCli: JSON.parse(readFileSync(path.join(root, 'node_modules/@temporalio/worker/package.json'), 'utf8')).version,
      xstate: JSON.parse(readFileSync(path.join(root, 'node_modules/xstate/package.json'), 'utf8')).version,
    },
    params,
    results: results as BenchReport['results'],
  };
  const out = path.join(root, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${quick ? 'quick' : 'latest'}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`[bench] wrote ${path.relative(root, file)}`);
  return file;
}
