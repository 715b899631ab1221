/**
 * The read model at 10,000 projects (issue 23): rows written through the keeper's own path (rowOf,
 * the version-guarded write) into PGlite in a temporary folder, then list pages served by the app
 * over it, server time from the app's request log. Rows are copies of one real project's view with
 * their own ids, titles, units, years and due times, so every index and filter has work to do.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Calendar } from '../activities/calendar.js';
import type { ProjectView } from '../contracts/messages.js';
import { createApp } from '../server/app.js';
import { Identities, seedDevelopmentUsers } from '../server/identity.js';
import type { Projects } from '../server/projects-api.js';
import { ReadModelKeeper } from '../server/read-model/keeper.js';
import { rowOf } from '../server/read-model/row.js';
import { openPglite } from '../server/read-model/sql.js';
import { ReadModel } from '../server/read-model/store.js';
import { servedLog, timedSession, type Served } from './session.js';

interface Summary {
  p50: number;
  p95: number;
}

export interface ReadModelSpeed {
  projects: number;
  /** One row written (its project row and task rows, in one transaction): mean ms. */
  writeMs: number;
  /** Resident memory the store added with its rows (MiB). */
  rssMiB: number;
  /** Size of the store's folder (MiB). */
  diskMiB: number;
  /** Opening the store again, as an API process does at start (ms). */
  reopenMs: number;
  /** The first 待办 after that start (server time, ms). */
  firstTaskListMs: number;
  listPageMs: Summary;
  samples: number;
}

const summary = (xs: number[]): Summary => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0) * 10) / 10;
  return { p50: at(0.5), p95: at(0.95) };
};

const UNITS = ['县教育和体育局', '县卫生健康局', '县公安局', '县人力资源和社会保障局', '县自然资源和规划局', '县交通运输局', '县水务局', '县农业农村局'];

/** `count` copies of `template` (a 微山 project awaiting 县大数据局), each its own project. */
function copies(template: ProjectView, count: number, now: number): ProjectView[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${template.jurisdiction}-20260101-${i.toString(16).padStart(8, '0')}`;
    const unit = `${template.jurisdictionName.replace(/县$/, '')}${UNITS[i % UNITS.length]}`;
    const dueAt = new Date(now + ((i % 60) - 10) * 86_400_000).toISOString();
    return {
      ...template,
      projectId: id,
      title: `${unit.slice(-6)}智慧平台建设项目${i}`,
      applicantUnit: unit,
      application: {
        ...(template.application ?? {}),
        title: `项目${i}`,
        applicantUnit: unit,
        planYear: 2024 + (i % 3),
        totalBudget: { fen: 1_000_000 + i * 137 },
      },
      tasks: template.tasks.map((t, k) => ({ ...t, department: k === 0 && i % 4 !== 0 ? 'bigData' : t.department, dueAt, overdue: Date.parse(dueAt) <= now })),
      history: template.history.map((h) => (h.kind === 'action' && h.department ? { ...h, department: i % 3 === 0 ? 'bigData' : h.department } : h)),
    };
  });
}

export async function readModelSpeed(template: ProjectView, count: number, samples: number): Promise<ReadModelSpeed> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-read-model-'));
  const store = path.join(dir, 'read-model');
  try {
    const now = Date.parse('2026-06-15T02:00:00Z');
    const views = copies(template, count, now);
    const rssBefore = process.memoryUsage().rss;
    let model = await ReadModel.open(await openPglite(store));
    const t0 = performance.now();
    for (const v of views) await model.write([rowOf(v)]);
    const writeMs = (performance.now() - t0) / count;
    const rssMiB = (process.memoryUsage().rss - rssBefore) / 1024 ** 2;
    await model.close();
    const t1 = performance.now();
    model = await ReadModel.open(await openPglite(store));
    const reopenMs = performance.now() - t1;

    const identities = Identities.open();
    const tokens = new Map(seedDevelopmentUsers(identities).map(({ user, token }) => [user.id, token]));
    const none = async () => {
      throw new Error('not used: lists read the read model');
    };
    const projects = { view: none, audit: none } as unknown as Projects;
    const keeper = new ReadModelKeeper(model, { view: none, audit: none, allProjectIds: async function* () {}, startedSince: async () => [] });
    const served: Served = [];
    const app = createApp({
      projects,
      lists: keeper,
      identities,
      now: () => new Date(now),
      health: async () => ({ temporal: true, workerPolling: true }),
      log: servedLog(served),
      pages: { calendar: new Calendar() },
    });
    const account = `${template.jurisdiction}.bigdata`;
    const { timed } = await timedSession(app, served, account, tokens.get(account));
    const firstTaskListMs = await timed('/tasks');
    const pages = [
      '/tasks',
      '/tasks?due=soon',
      '/tasks?sort=project',
      '/projects',
      '/projects?sort=project',
      '/projects?q=%E5%B9%B3%E5%8F%B0%E5%BB%BA%E8%AE%BE%E9%A1%B9%E7%9B%AE12',
      '/projects?year=2025',
      '/done',
    ];
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) ms.push(await timed(pages[i % pages.length]!));
    await model.close();
    const size = (d: string): number =>
      readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? size(path.join(d, e.name)) : statSync(path.join(d, e.name)).size), 0);
    return {
      projects: count,
      writeMs: Math.round(writeMs * 100) / 100,
      rssMiB: Math.round(rssMiB),
      diskMiB: Math.round(size(store) / 1024 ** 2),
      reopenMs: Math.round(reopenMs),
      firstTaskListMs: Math.round(firstTaskListMs * 10) / 10,
      listPageMs: summary(ms),
      samples,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
