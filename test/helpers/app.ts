import { createApp, type AppDeps } from '../../server/app.js';
import type { Projects } from '../../server/projects-api.js';
import { ReadModelKeeper, Recording, type ProjectSource } from '../../server/read-model/keeper.js';
import { memoryPglite } from '../../server/read-model/sql.js';
import { ReadModel } from '../../server/read-model/store.js';
import { FakeProjects } from './fake-projects.js';
import { testIdentities } from './identities.js';

/** One read model per project service in a test process: two apps over the same projects share it, as API processes share a store. */
const listsOf = new WeakMap<Projects, { keeper: ReadModelKeeper; projects: Projects }>();
/** Keepers running in the background of this test file, stopped before its Temporal goes away (stopTestLists). */
const running: ReadModelKeeper[] = [];

/** Stop every test app's keeper, so none asks a Temporal server or connection the file is about to close. */
export async function stopTestLists(): Promise<void> {
  await Promise.all(running.splice(0).map((k) => k.stop()));
}

/**
 * The read model of a test app, in memory (a real PGlite): over a fake project service it holds
 * every project the fake holds; over the real service it is kept as `npm start` keeps it (commands
 * write it, the keeper looks at visibility for what ended outside the product).
 */
export function testLists(projects: Projects, opts: { dataDir?: string } = {}): { keeper: ReadModelKeeper; projects: Projects } {
  const known = listsOf.get(projects);
  if (known) return known;
  const model = ReadModel.lazy(memoryPglite());
  const withSource = projects as Projects & { source?: () => ProjectSource };
  const source: ProjectSource = withSource.source
    ? withSource.source()
    : { view: (id) => projects.view(id), audit: (id) => projects.audit(id), allProjectIds: async function* () {}, startedSince: async () => [] };
  const keeper = new ReadModelKeeper(model, source, { pollMs: 200, log: () => undefined, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  if (projects instanceof FakeProjects) projects.watch((view, trail) => keeper.record(view, trail));
  else {
    running.push(keeper);
    void keeper.start();
  }
  const out = { keeper, projects: new Recording(projects, keeper) };
  listsOf.set(projects, out);
  return out;
}

/**
 * The API in process, as every HTTP test builds it: the test identities, a healthy Temporal and a
 * silent log unless the test says otherwise. Tests that never reach a project leave `projects` out;
 * given projects, the lists read a read model of their own (testLists) unless the test gives one.
 */
export function testApp(deps: Partial<AppDeps> & { dataDir?: string } = {}) {
  const { dataDir, ...rest } = deps;
  const lists = deps.projects && !deps.lists ? testLists(deps.projects, dataDir ? { dataDir } : {}) : undefined;
  return createApp({
    projects: undefined as never,
    lists: undefined as never,
    identities: testIdentities().identities,
    health: async () => ({ temporal: true, workerPolling: true }),
    log: () => undefined,
    ...rest,
    ...(lists ? { projects: lists.projects, lists: lists.keeper } : {}),
  });
}
