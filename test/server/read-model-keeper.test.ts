/**
 * The read model kept beside a real Temporal dev server (issue 23, "Faults and bad input"): the
 * store refuses every write during 100 actions, the actions still succeed and the lists say they are
 * behind, and once it accepts writes again every row catches up; a rebuild from Temporal restores a
 * deleted read model; an intent a dead process left is made good by the next keeper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../machines/shared/events.js';
import { weishan } from '../../machines/weishan/index.js';
import { ProjectService } from '../../server/projects.js';
import { ReadModelKeeper, Recording } from '../../server/read-model/keeper.js';
import { openMemoryPglite, type Sql } from '../../server/read-model/sql.js';
import { ReadModel } from '../../server/read-model/store.js';
import { awaits, stepsTo } from '../fixtures/paths.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { eventually } from '../helpers/eventually.js';
import { actingAs, startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';

let stack: DevStack;
let service: ProjectService;
let sql: Sql;
let model: ReadModel;
let keeper: ReadModelKeeper;
let projects: Recording;
/** While set, the store refuses every write, as a full disk or a stopped database does. */
let refusing = false;

beforeAll(async () => {
  stack = await startDevStack();
  service = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
  const real = await openMemoryPglite();
  const refuse = (text: string) => {
    if (refusing && /^\s*(insert|update|delete)/i.test(text)) throw new Error('could not extend file: No space left on device');
  };
  sql = {
    label: real.label,
    query: async (text, params) => (refuse(text), real.query(text, params)),
    transaction: (fn) => real.transaction((tx) => fn({ query: async (text, params) => (refuse(text), tx.query(text, params)) })),
    close: () => real.close(),
  };
  model = await ReadModel.open(sql);
  keeper = await new ReadModelKeeper(model, service.source(), { dataDir: stack.dataDir, pollMs: 200, log: () => undefined }).start();
  projects = new Recording(service, keeper);
}, 120_000);
afterAll(async () => {
  await keeper?.stop();
  await model?.close();
  await stack?.stop();
});

/** Every row matches its project in Temporal: version, status and the tasks awaited. */
async function rowsMatchTemporal(ids: readonly string[]) {
  for (const id of ids) {
    const view = await service.view(id);
    const page = await model.projects({ scope: { jurisdiction: 'weishan' }, q: id, sort: 'due', limit: 5 });
    expect(page.rows, id).toHaveLength(1);
    const row = page.rows[0]!;
    expect([row.historyTotal, row.status, row.tasks.map((t) => t.task).sort()]).toEqual([view.historyTotal, view.status, view.tasks.map((t) => t.task).sort()]);
  }
}

describe('the read model beside Temporal', () => {
  const ids: string[] = [];

  it('answers 100 actions while the store refuses every write, says the lists are behind, and catches up once it accepts them', async () => {
    const today = chinaDate(Date.now());
    const application = weishanApplication({}, today);
    const steps = stepsTo(weishan, application, new Date().toISOString(), awaits('procurement'));
    const perProject = Math.min(steps.length, 5);
    const count = Math.ceil(100 / perProject);
    for (let i = 0; i < count; i++)
      ids.push((await projects.submit('weishan', weishanApplication({ title: `读模型故障测试项目${i}` }, today), { actor: '王五' })).projectId);
    await keeper.settled();
    expect(await model.size()).toBe(count);

    refusing = true;
    let answered = 0;
    for (const [n, id] of ids.entries()) {
      for (const [k, e] of steps.slice(0, perProject).entries()) {
        const [task, action] = e.type.split('.') as [string, string];
        const view = await projects.act(id, { task, action: action as never, ...actingAs(e.department), ...(e.data ? { data: e.data } : {}) }, `rm-${n}-${k}`);
        // Answered with the project as the action left it.
        expect(view.history.some((h) => h.kind === 'action' && h.task === task)).toBe(true);
        answered++;
      }
    }
    expect(answered).toBeGreaterThanOrEqual(100);
    expect(keeper.stale()).toBe(true);
    expect(keeper.state()).toMatchObject({ available: false, behind: ids.length });

    refusing = false;
    await eventually(
      async () => keeper.state(),
      (s) => s.available && s.behind === 0,
      { ms: 30_000, every: 200, what: 'the read model caught up' },
    );
    // What the workflow adds on its own after an answer (an opinion issued) follows within seconds.
    await eventually(
      () =>
        rowsMatchTemporal(ids).then(
          () => true,
          () => false,
        ),
      (ok) => ok,
      { ms: 30_000, every: 500, what: 'every row matching Temporal' },
    );
    await rowsMatchTemporal(ids);
  }, 240_000);

  it('is rebuilt from Temporal when its rows are deleted', async () => {
    await model.clear();
    expect(await model.size()).toBe(0);
    const r = await keeper.rebuild();
    expect(r.projects).toBeGreaterThanOrEqual(ids.length);
    await rowsMatchTemporal(ids);
  }, 120_000);

  it('answers a rebuild asked for while the build at start runs, with one build and no failure', async () => {
    await model.clear();
    const logged: Array<Record<string, unknown>> = [];
    // An empty store: start() builds in the background; the operator's rebuild meanwhile joins it.
    const next = await new ReadModelKeeper(model, service.source(), { pollMs: 60_000, log: (e) => void logged.push(e) }).start();
    try {
      expect(next.state().rebuilding).toBeDefined();
      const [a, b] = await Promise.all([next.rebuild(), next.rebuild()]);
      expect(a.projects).toBeGreaterThanOrEqual(ids.length);
      expect(b).toEqual(a);
      await next.stop();
      expect(logged.filter((e) => e.level === 'error')).toEqual([]);
      expect(next.state().rebuilding).toBeUndefined();
      await rowsMatchTemporal(ids);
    } finally {
      await next.stop();
    }
  }, 120_000);

  it('refreshes at start a project whose command a dead process left with only its intent', async () => {
    const id = ids[0]!;
    await sql.query('delete from read_projects where project_id = $1', [id]);
    await model.intend(id, new Date());
    const next = await new ReadModelKeeper(model, service.source(), { pollMs: 200, log: () => undefined }).start();
    try {
      await eventually(
        () => model.versionOf(id),
        (v) => v !== undefined,
        { ms: 20_000, every: 200, what: 'the intended project refreshed' },
      );
      expect(await model.intents()).not.toContain(id);
      await rowsMatchTemporal([id]);
    } finally {
      await next.stop();
    }
  }, 60_000);
});
