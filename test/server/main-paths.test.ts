import { testApp } from '../helpers/app.js';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictions } from '../../machines/index.js';
import { ProjectService } from '../../server/projects.js';
import { fixturesOn } from '../fixtures/index.js';
import { mainPath } from '../fixtures/paths.js';
import { morningOf, serverToday, submissionDay } from '../helpers/clock.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';
import { testIdentities } from '../helpers/identities.js';

let env: TestWorkflowEnvironment;
let stack: DevStack;
let app: ReturnType<typeof testApp>;
let submittedAt = new Date();
const ids = testIdentities();
/** The test user who acts for a department: the fixture applicant, the operating company or a seeded reviewer. */
const userFor = (jurisdiction: string, department: string) =>
  department === 'applicant' ? `${jurisdiction}.fixture-applicant` : `${jurisdiction}.${department.toLowerCase()}`;

beforeAll(async () => {
  stack = await startDevStack();
  env = stack.env;
  app = testApp({
    projects: new ProjectService({ client: env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() }),
    dataDir: stack.dataDir,
    identities: ids.identities,
    now: () => submittedAt,
  });
});
afterAll(async () => {
  await stack?.stop();
});

describe.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))('%s main path through the HTTP API on the dev server', (name, def) => {
  it(`takes a ${name} project from application to operation`, async () => {
    // Submitted today, or on its regulation's last day where it has run out (莱州's ended 2024-09-28):
    // the project goes on today, on the dev server's real clock.
    const day = submissionDay(def.regulation, serverToday());
    const application = fixturesOn(day)[def.id]!.variants[0]!;
    submittedAt = morningOf(day);
    const created = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer(userFor(def.id, 'applicant')))
      .send({ jurisdiction: def.id, application });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.projectId as string;
    const steps = mainPath(def, application, new Date().toISOString());
    expect(steps.length).toBeGreaterThan(5);
    let last = created.body;
    for (const e of steps) {
      const [task, action] = e.type.split('.') as [string, string];
      const res = await request(app)
        .post(`/v1/projects/${id}/tasks/${task}/actions`)
        .set('Authorization', ids.bearer(userFor(def.id, e.department)))
        .send({ action, ...(e.data && Object.keys(e.data).length ? { data: e.data } : {}) });
      expect(res.status, `${e.type}: ${JSON.stringify(res.body)}`).toBe(200);
      last = res.body;
    }
    expect(last.status).toBe('in_operation');
    const audit = await request(app)
      .get(`/v1/projects/${id}/audit`)
      .set('Authorization', ids.bearer(`${def.id}.admin`));
    expect(audit.body.filter((h: { kind: string }) => h.kind === 'action')).toHaveLength(steps.length);
  });
});
