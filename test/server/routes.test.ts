import { generateKeyPairSync } from 'node:crypto';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ProjectView } from '../../contracts/messages.js';
import type { Refusal } from '../../machines/shared/errors.js';
import { ActionRefused, ApplicationInvalid, ProjectService, RegulationNotInForce, TemporalUnavailable } from '../../server/projects.js';
import { CommandSigner } from '../../server/signing.js';
import { testApp } from '../helpers/app.js';
import { entry, FakeProjects, projectView, signedIn, step } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';

/** A Temporal client that answers from memory and counts what it is asked. */
function fakeClient(view: ProjectView) {
  const asked = { lists: 0, queries: 0, updates: 0 };
  const client = {
    options: { namespace: 'default' },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
    workflowService: {
      listWorkflowExecutions: async () => {
        asked.lists++;
        return { executions: [{ execution: { workflowId: view.projectId }, status: 1, searchAttributes: { indexedFields: {} } }] };
      },
    },
    workflow: {
      getHandle: () => ({
        query: async () => (asked.queries++, view),
        describe: async () => ({ status: { name: 'RUNNING' } }),
        executeUpdate: async () => (asked.updates++, view),
      }),
    },
  };
  return { asked, client: client as unknown as Client };
}

const weishanView = {
  projectId: 'weishan-20260302-0a0b0c0d',
  jurisdiction: 'weishan',
  tasks: [],
  offers: [],
  history: [],
  historyTotal: 0,
} as unknown as ProjectView;

describe('the API over a fake project service: error mapping and bad input (no Temporal)', () => {
  const { identities, bearer } = testIdentities();
  const projects = new FakeProjects();
  const app = testApp({ projects, identities });
  const project = projects.add(
    projectView({
      projectId: 'weishan-20260302-00000c01',
      jurisdiction: 'weishan',
      applicantUnit: '微山县示例单位',
      tasks: [step('weishan', 'requirementsReview', 'bigData')],
    }),
    [entry(1, 'submitted', 'applicant')],
  );
  const actAs = (userId: string, body: Record<string, unknown>, opts: { task?: string; key?: string; id?: string } = {}) => {
    const r = request(app)
      .post(`/v1/projects/${opts.id ?? project.projectId}/tasks/${opts.task ?? 'requirementsReview'}/actions`)
      .set('Authorization', bearer(userId));
    return (opts.key ? r.set('Idempotency-Key', opts.key) : r).send(body);
  };
  const commands = () => projects.calls.length;

  const refusals: Array<[kind: Refusal['kind'], status: number, code: string]> = [
    ['invalid', 400, 'invalid_request'],
    ['forbidden', 403, 'forbidden'],
    ['conflict', 409, 'conflict'],
    ['reused', 422, 'idempotency_key_reused'],
  ];
  it.each(refusals)('answers a refusal of kind %s with %i %s, its issues naming the field and the article', async (kind, status, code) => {
    const issue = { field: 'data.costEvaluation', rule: 'required', message: '应附造价评估报告', article: '微山 第十条' };
    projects.failNext('act', new ActionRefused({ kind, message: '应附造价评估报告（微山 第十条）', issues: [issue] }));
    const res = await actAs('weishan.bigdata', { action: 'approve' }, { key: `refused-${kind}-0001` });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, message: '应附造价评估报告（微山 第十条）', issues: [issue] });
  });

  it('answers the service’s other domain errors with 4xx, naming the field and the article', async () => {
    projects.failNext(
      'submit',
      new ApplicationInvalid('申报材料不符合要求', [
        { field: 'application.partyCommitteeResolution', rule: 'required', message: '应附县委常委会议决议', article: '微山 第八条' },
      ]),
    );
    const invalid = await request(app)
      .post('/v1/projects')
      .set('Authorization', bearer('weishan.applicant'))
      .send({ jurisdiction: 'weishan', application: { applicantUnit: '微山县示例单位' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues[0]).toMatchObject({ field: 'application.partyCommitteeResolution', article: '微山 第八条' });

    projects.failNext('submit', new RegulationNotInForce('莱州市政务信息化项目管理办法（试行）已于 2024-09-28 失效'));
    const expired = await request(app)
      .post('/v1/projects')
      .set('Authorization', bearer('laizhou.applicant'))
      .send({ jurisdiction: 'laizhou', application: { applicantUnit: '莱州市示例单位' } });
    expect([expired.status, expired.body.error.code]).toEqual([409, 'regulation_not_in_force']);

    const missing = await request(app).get('/v1/projects/weishan-20260302-0000ffff').set('Authorization', bearer('weishan.admin'));
    expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);

    // A page token the read model never issued (keyset cursors; issue 23).
    const page = await request(app)
      .get('/v1/projects')
      .query({ pageToken: 'a'.repeat(40) })
      .set('Authorization', bearer('weishan.admin'));
    expect(page.status).toBe(404);
    expect(page.body.error.issues[0].field).toBe('query.pageToken');
  });

  it('answers 503 with Retry-After when Temporal does not, saying whether the action may still apply', async () => {
    projects.failNext('act', new TemporalUnavailable({ mayStillApply: true, idempotencyKey: 'unavailable-0001' }));
    const pending = await actAs('weishan.bigdata', { action: 'approve' }, { key: 'unavailable-0001' });
    expect([pending.status, pending.headers['retry-after'], pending.headers['idempotency-key']]).toEqual([503, '5', 'unavailable-0001']);
    expect(pending.body.error).toMatchObject({ code: 'temporal_unavailable', mayStillApply: true });
    // Unavailable before any command was sent (reading the project first): the action cannot apply.
    projects.failNext('view', new TemporalUnavailable());
    const before = await actAs('weishan.bigdata', { action: 'approve' }, { key: 'unavailable-0002' });
    expect([before.status, before.body.error.mayStillApply]).toEqual([503, false]);
  });

  it('answers an unexpected failure with 500 and a request id, never its text', async () => {
    projects.failNext('view', new Error('connection string postgres://secret'));
    const res = await request(app).get(`/v1/projects/${project.projectId}`).set('Authorization', bearer('weishan.admin'));
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: 'internal', requestId: expect.any(String) });
    expect(res.text).not.toContain('secret');
  });

  it('names the field of bad input and sends no command', async () => {
    const before = commands();
    const field = async (res: Promise<request.Response> | request.Test) => {
      const r = await res;
      expect(r.status).toBe(400);
      return (r.body.error.issues as Array<{ field: string }>).map((i) => i.field);
    };
    expect(
      await field(request(app).post('/v1/projects').set('Authorization', bearer('weishan.applicant')).send({ jurisdiction: 'atlantis', application: {} })),
    ).toContain('jurisdiction');
    expect(await field(actAs('weishan.bigdata', { action: 'fly' }))).toContain('action');
    // The acting department comes from the credential: one in the body is refused, by name.
    const forged = await actAs('weishan.bigdata', { action: 'approve', department: 'finance' });
    expect([forged.status, JSON.stringify(forged.body.error.issues)]).toEqual([400, expect.stringContaining('department')]);
    expect(await field(actAs('weishan.bigdata', { action: 'approve' }, { key: 'short' }))).toContain('header.Idempotency-Key');
    expect(await field(actAs('weishan.bigdata', { action: 'approve' }, { task: 'not-a-task' }))).toContain('task');
    expect(await field(request(app).get('/v1/projects').query({ status: "x' OR 1=1" }).set('Authorization', bearer('weishan.admin')))).toContain(
      'query.status',
    );
    expect(await field(request(app).get('/v1/projects').query({ pageSize: 0 }).set('Authorization', bearer('weishan.admin')))).toContain('query.pageSize');
    expect(
      await field(request(app).get(`/v1/projects/${project.projectId}/audit`).query({ format: 'xml' }).set('Authorization', bearer('weishan.admin'))),
    ).toContain('query.format');
    expect((await request(app).get('/v1/projects/not-an-id').set('Authorization', bearer('weishan.admin'))).status).toBe(404);
    expect(commands()).toBe(before);
  });

  it('checks who may act before any command: another department is told who acts, an uninvolved one may not see', async () => {
    const before = commands();
    const wrong = await actAs('weishan.supervisor', { action: 'approve' });
    expect([wrong.status, wrong.body.error.message]).toEqual([403, '只有审核部门的审核人员可以办理该事项']);
    const unseen = await actAs('weishan.finance', { action: 'approve' });
    expect(unseen.status).toBe(403);
    expect(commands()).toBe(before);
  });

  it('acts with the department and identity of the credential, and says when the step is not open', async () => {
    await actAs('weishan.bigdata', { action: 'approve', comment: '同意' }, { key: 'approve-0001' });
    expect(projects.calls.at(-1)).toMatchObject({
      method: 'act',
      idempotencyKey: 'approve-0001',
      taskOpen: true,
      request: { task: 'requirementsReview', action: 'approve', department: 'bigData', identity: { userId: 'weishan.bigdata', roles: ['reviewer'] } },
    });
    await actAs('weishan.bigdata', { action: 'approve' }, { key: 'approve-0001' });
    expect(projects.calls.at(-1)).toMatchObject({ method: 'act', taskOpen: false });
  });
});

describe('the pages over a fake project service', () => {
  const { identities, bearer } = testIdentities();
  const projects = new FakeProjects();
  const app = testApp({ projects, identities });
  const project = projects.add(
    projectView({
      projectId: 'weishan-20260302-00000d01',
      jurisdiction: 'weishan',
      applicantUnit: '微山县示例单位',
      tasks: [step('weishan', 'requirementsReview', 'bigData')],
    }),
    [entry(1, 'submitted', 'applicant')],
  );
  const tokenOf = (userId: string) => bearer(userId).slice('Bearer '.length);

  it('refuses an action by a department that may not see the project with the 403 page, as the API does, and sends nothing', async () => {
    const { agent, csrf } = await signedIn(app, tokenOf('weishan.finance'), 'weishan.finance');
    const res = await agent
      .post(`/projects/${project.projectId}/tasks/requirementsReview/approve`)
      .type('form')
      .send({ _csrf: await csrf('/tasks'), comment: '同意' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('您无权查看该项目');
    expect(projects.calls.filter((c) => c.method === 'act')).toEqual([]);
  });

  it('tells someone who sees the project but not the step who acts on it, with the 403 page, as the API does', async () => {
    const { agent, csrf } = await signedIn(app, tokenOf('weishan.applicant'), 'weishan.applicant');
    const res = await agent
      .post(`/projects/${project.projectId}/tasks/requirementsReview/approve`)
      .type('form')
      .send({ _csrf: await csrf('/tasks'), comment: '同意' });
    const api = await request(app)
      .post(`/v1/projects/${project.projectId}/tasks/requirementsReview/actions`)
      .set('Authorization', bearer('weishan.applicant'))
      .send({ action: 'approve' });
    expect([res.status, api.status]).toEqual([403, 403]);
    expect(res.text).toContain(api.body.error.message);
    expect(api.body.error.message).toBe('该事项由县大数据局办理');
    expect(projects.calls.filter((c) => c.method === 'act')).toEqual([]);
  });

  it('sends a supervisor’s 催办 from the project page and returns to it', async () => {
    const { agent, csrf } = await signedIn(app, tokenOf('weishan.supervisor'), 'weishan.supervisor');
    const res = await agent
      .post(`/projects/${project.projectId}/remind`)
      .type('form')
      .send({ _csrf: await csrf('/supervise'), task: 'requirementsReview', requestId: 'web-remind-000001' });
    expect([res.status, res.headers.location]).toEqual([303, `/projects/${project.projectId}`]);
    expect(projects.calls.at(-1)).toMatchObject({
      method: 'remind',
      task: 'requirementsReview',
      requestId: 'web-remind-000001',
      by: { userId: 'weishan.supervisor' },
    });
  });
});
