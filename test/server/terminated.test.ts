// A project whose workflow was terminated outside the product (the Temporal Web UI, the CLI) is
// shown as 已终止, not in its last status 评审中: on its page, in the workspace's lists and in the
// API (issue 20 item 3), with no task offered, and its record still readable.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectService } from '../../server/projects.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { testApp } from '../helpers/app.js';
import { serverToday } from '../helpers/clock.js';
import { eventually } from '../helpers/eventually.js';
import { signedIn } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';

const ids = testIdentities();
const bearer = (userId: string) => ids.bearer(userId);
let stack: DevStack;
let app: ReturnType<typeof testApp>;
let projectId: string;

beforeAll(async () => {
  stack = await startDevStack();
  app = testApp({
    projects: new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() }),
    dataDir: stack.dataDir,
    identities: ids.identities,
  });
  const submitted = await request(app)
    .post('/v1/projects')
    .set('Authorization', bearer('weishan.fixture-applicant'))
    .send({ jurisdiction: 'weishan', application: weishanApplication({}, serverToday()) });
  expect(submitted.status).toBe(201);
  projectId = submitted.body.projectId;
  expect((await request(app).get(`/v1/projects/${projectId}`).set('Authorization', bearer('weishan.admin'))).body.statusLabel).toBe('评审中');
  // As anyone with the Web UI's terminate button or `temporal workflow terminate` would.
  await stack.env.client.workflow.getHandle(projectId).terminate('终止（Web UI）');
}, 120_000);
afterAll(async () => stack?.stop());

describe('a project terminated outside the product', () => {
  it('reads 已终止 in the API, final and with no task, its trail kept', async () => {
    const res = await request(app).get(`/v1/projects/${projectId}`).set('Authorization', bearer('weishan.admin'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      statusLabel: '已终止',
      final: true,
      tasks: [],
      execution: { state: 'terminated', label: '已终止', lastStatusLabel: '评审中' },
    });
    expect(Date.parse(res.body.execution.closedAt)).toBeGreaterThan(Date.parse(res.body.submittedAt));
    const audit = await request(app).get(`/v1/projects/${projectId}/audit`).set('Authorization', bearer('weishan.admin'));
    expect(audit.body[0]).toMatchObject({ kind: 'submitted' });
    const listed = await eventually(
      () => request(app).get('/v1/projects').set('Authorization', bearer('weishan.admin')).query({ pageSize: 200 }),
      (r) => r.body.projects?.some((p: { projectId: string; running: boolean }) => p.projectId === projectId && !p.running),
      { what: 'visibility to see the termination' },
    );
    expect(listed.body.projects.find((p: { projectId: string }) => p.projectId === projectId)).toMatchObject({ statusLabel: '已终止', running: false });
  });

  it('shows 已终止 and a note on its page, and 已终止 in the lists, never 评审中', async () => {
    const { agent } = await signedIn(app, bearer('weishan.admin').slice('Bearer '.length), 'weishan.admin');
    const page = await agent.get(`/projects/${projectId}`);
    expect(page.status).toBe(200);
    const head = /<div class="page-head">[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? '';
    // What the badge says (its tooltip names the status it was in).
    expect(head).toContain('>已终止</span>');
    expect(head).not.toContain('>评审中<');
    expect(page.text).toContain('data-execution="terminated"');
    expect(page.text).toContain('不再接受办理');
    expect(page.text).not.toContain(`action="/projects/${projectId}/tasks/`);

    const list = await eventually(
      () => agent.get('/projects'),
      (r) => r.text.includes(`/projects/${projectId}`) && /data-execution="terminated"/.test(r.text),
      { what: 'the list to show the termination' },
    );
    const row = list.text.split('<tr').find((r) => r.includes(`/projects/${projectId}`)) ?? '';
    expect(row).toContain('>已终止</span>');
    expect(row).not.toContain('>评审中<');
  });
});
