import { createApp, type AppDeps } from '../../server/app.js';
import { testIdentities } from './identities.js';

/**
 * The API in process, as every HTTP test builds it: the test identities, a healthy Temporal and a
 * silent log unless the test says otherwise. Tests that never reach a project leave `projects` out.
 */
export function testApp(deps: Partial<AppDeps> = {}) {
  return createApp({
    projects: undefined as never,
    lists: undefined as never,
    identities: testIdentities().identities,
    health: async () => ({ temporal: true, workerPolling: true }),
    log: () => undefined,
    ...deps,
  });
}
