/**
 * The product unchanged on a real Temporal cluster (the pinned Temporal server on PostgreSQL, with
 * SQL visibility), as two worker and two API processes on one data folder. `npm run test:cluster`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, startDeployment, type Deployment } from '../../bench/cluster/deployment.js';
import { workloads, type Workload } from '../../bench/cluster/workload.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gov-cluster-test-'));
let deployment: Deployment;
const loads = workloads();

const reviewerOf = (w: Workload, department = w.first.department) => `${w.jurisdiction}.${department.toLowerCase()}`;

const submit = (w: Workload, via?: number): Promise<ProjectView> => deployment.submit(w, via);

function act(w: Workload, projectId: string, key: string, via?: number): Promise<ProjectView> {
  return deployment.api.call<ProjectView>('POST', `/v1/projects/${projectId}/tasks/${w.first.task}/actions`, reviewerOf(w), {
    body: { action: w.first.action },
    headers: { 'Idempotency-Key': key },
    ...(via === undefined ? {} : { via }),
  });
}

/** Visibility is written after the workflow task: ask again for a few seconds until the list shows it. */
async function eventually<T>(fn: () => Promise<T>, ok: (t: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const t = await fn();
    if (ok(t) || Date.now() > end) return t;
    await new Promise((r) => setTimeout(r, 500));
  }
}

const timings: Record<string, number> = {};
const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round((Date.now() - t) / 100) / 10;
  }
};

beforeAll(async () => {
  deployment = await timed('cluster and four product processes up (s)', () => startDeployment({ dir, workers: 2, apis: 2, log: () => undefined }));
});

afterAll(async () => {
  await deployment?.stop();
  rmSync(dir, { recursive: true, force: true });
  console.log('[cluster test] timings', timings);
});

describe('the product on a Temporal cluster with PostgreSQL', () => {
  const created: Array<{ w: Workload; id: string }> = [];

  it('takes 50 projects across the five jurisdictions through two API processes, acts once on each, and lists them', async () => {
    await timed('50 projects started (s)', async () => {
      const views = await Promise.all(Array.from({ length: 50 }, (_, i) => submit(loads[i % 5]!, i % 2)));
      views.forEach((v, i) => created.push({ w: loads[i % 5]!, id: v.projectId }));
    });
    expect(new Set(created.map((c) => c.w.jurisdiction)).size).toBe(5);

    const acted = await timed('50 actions (s)', () => Promise.all(created.map((c, i) => act(c.w, c.id, `smoke-${i}-${randomUUID()}`, (i + 1) % 2))));
    for (const [i, view] of acted.entries()) {
      expect(
        view.history.some((h) => h.kind === 'action' && h.task === created[i]!.w.first.task),
        view.projectId,
      ).toBe(true);
      expect(view.tasks.some((t) => t.task === created[i]!.w.first.task && t.department === created[i]!.w.first.department)).toBe(false);
    }

    // 微山's supervisor lists what now awaits the department after the first review, page by page
    // across both API processes (a page token from one opens on the other).
    const weishan = loads.find((w) => w.jurisdiction === 'weishan')!;
    const next = acted[created.findIndex((c) => c.w === weishan)]!.tasks[0]!.department;
    const query = `/v1/projects?awaiting=${next}&pageSize=4`;
    type Page = { projects: Array<{ projectId: string; awaitingDepartments: string[] }>; nextPageToken?: string };
    const first = await timed('list query, first page (s)', () =>
      eventually(
        () => deployment.api.call<Page>('GET', query, 'weishan.supervisor', { via: 0 }),
        (p) => p.projects.length === 4,
      ),
    );
    const ids = first.projects.map((p) => p.projectId);
    let token = first.nextPageToken;
    while (token) {
      const page: Page = await deployment.api.call<Page>('GET', `${query}&pageToken=${encodeURIComponent(token)}`, 'weishan.supervisor', { via: 1 });
      ids.push(...page.projects.map((p) => p.projectId));
      token = page.nextPageToken;
    }
    expect(ids.sort()).toEqual(
      created
        .filter((c) => c.w === weishan)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('applies every action once when a worker is killed under load, and the other worker carries on', async () => {
    const batch = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submit(loads[i % 5]!).then((v) => ({ w: loads[i % 5]!, id: v.projectId, key: `kill-${i}-${randomUUID()}` }))),
    );
    const victim = deployment.workers[0]!;
    // A client that loses its answer sends the same request again with the same key, as a browser retry would.
    const sendUntilAnswered = async (b: (typeof batch)[number], i: number) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const view = await act(b.w, b.id, b.key, i % 2);
          return { view, answeredAt: Date.now(), attempts: attempt };
        } catch (err) {
          if ((err instanceof ApiError && err.status < 500) || attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 1_000));
        }
      }
    };
    const { results, killedAt } = await timed('20 actions across a worker kill (s)', async () => {
      const pending = batch.map((b, i) => sendUntilAnswered(b, i));
      // The kill comes as the first answer arrives, with the other requests in flight.
      await Promise.race(pending);
      await victim.kill();
      const at = Date.now();
      return { results: await Promise.all(pending), killedAt: at };
    });
    expect(await victim.exited).toBe('SIGKILL');
    expect(results.filter((r) => r.answeredAt > killedAt).length).toBeGreaterThan(0);

    for (const [i, b] of batch.entries()) {
      const trail = await deployment.api.call<HistoryEntry[]>('GET', `/v1/projects/${b.id}/audit`, reviewerOf(b.w));
      expect(
        trail.filter((h) => h.kind === 'action' && h.requestId === b.key),
        `${b.id} (${results[i]!.attempts} attempts)`,
      ).toHaveLength(1);
      expect(trail.filter((h) => h.kind === 'action' && h.task === b.w.first.task)).toHaveLength(1);
    }

    // With only the other worker left, a new project still goes from submission to its first action.
    const w = loads[0]!;
    const fresh = await timed('submission and action on the remaining worker (s)', async () => {
      const v = await submit(w);
      return act(w, v.projectId, `after-kill-${randomUUID()}`);
    });
    expect(fresh.history.some((h) => h.kind === 'action' && h.task === w.first.task)).toBe(true);
  });

  it('keeps every project when the cluster is stopped and started again on its folder', async () => {
    const address = deployment.cluster.address;
    await timed('cluster stop and start on the same folder (s)', () => deployment.restartCluster());
    expect(deployment.cluster.address).toBe(address);
    // The product processes were left running through the outage and reconnect on their own.
    for (const { w, id } of created.slice(0, 5)) {
      const view = await eventually(
        () => deployment.api.call<ProjectView>('GET', `/v1/projects/${id}`, `${w.jurisdiction}.supervisor`).catch(() => undefined),
        (v) => v !== undefined,
        60_000,
      );
      expect(view?.history.some((h) => h.kind === 'action' && h.task === w.first.task)).toBe(true);
    }
    // The lists' read model lives in the same PostgreSQL: a project submitted after the restart through
    // one API process appears in the other's list.
    const w = loads[0]!;
    const fresh = await submit(w, 0);
    type Page = { projects: Array<{ projectId: string }> };
    const listed = await eventually(
      () => deployment.api.call<Page>('GET', `/v1/projects?awaiting=${w.first.department}&pageSize=100`, `${w.jurisdiction}.supervisor`, { via: 1 }),
      (p) => p.projects.some((x) => x.projectId === fresh.projectId),
    );
    expect(listed.projects.map((x) => x.projectId)).toContain(fresh.projectId);
  });
});
