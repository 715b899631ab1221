import { testApp } from '../helpers/app.js';
import { eventually } from '../helpers/eventually.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import request from 'supertest';
import { Validator } from '@cfworker/json-schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectService } from '../../server/projects.js';
import { laizhouApplication } from '../fixtures/laizhou.js';
import { technicalMaterials, weishanApplication as weishanFixture } from '../fixtures/weishan.js';
import { serverToday } from '../helpers/clock.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';
import { testIdentities } from '../helpers/identities.js';
import { awaits, stepsTo } from '../fixtures/paths.js';
import { weishan } from '../../machines/weishan/index.js';
import { jurisdictionIds } from '../../machines/index.js';

let env: TestWorkflowEnvironment;
let stack: DevStack;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  stack = await startDevStack();
  env = stack.env;
  app = testApp({
    projects: new ProjectService({ client: env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() }),
    dataDir: stack.dataDir,
    identities: ids.identities,
  });
});
afterAll(async () => {
  await stack?.stop();
});

const ids = testIdentities();
/** A 微山 application dated around today on the dev server's (real) clock, which its workflows run on. */
const weishanApplication = (overrides: Record<string, unknown> = {}) => weishanFixture(overrides, serverToday());
const admin = () => ids.bearer('weishan.admin');
/** The test user of a 微山 department: the fixture applicant or the seeded reviewer. */
const tokenOf = (department: string) => ids.bearer(department === 'applicant' ? 'weishan.fixture-applicant' : `weishan.${department.toLowerCase()}`);
const get = (url: string) => request(app).get(url).set('Authorization', admin());

const submit = (application = weishanApplication()) =>
  request(app).post('/v1/projects').set('Authorization', tokenOf('applicant')).send({ jurisdiction: 'weishan', application });

/** Act as the department named in the body (the credential decides; the body carries no department). */
const act = (id: string, task: string, body: Record<string, unknown>, key?: string) => {
  const { department, actor: _actor, ...rest } = body;
  const r = request(app)
    .post(`/v1/projects/${id}/tasks/${task}/actions`)
    .set('Authorization', tokenOf(String(department)));
  return (key ? r.set('Idempotency-Key', key) : r).send(rest);
};

describe('POST /v1/projects', () => {
  it('starts a project and answers 201 with its public view', async () => {
    const res = await submit();
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/v1/projects/${res.body.projectId}`);
    expect(res.body).toMatchObject({ status: 'under_review', statusLabel: '评审中', jurisdictionName: '微山县' });
    expect(res.body.tasks[0]).toMatchObject({ task: 'requirementsReview', departmentName: '县大数据局', article: '微山 第六条' });
  });

  it('answers 400 naming the field and 第八条 when the party-committee resolution is missing', async () => {
    const res = await submit(weishanApplication({ partyCommitteeResolution: undefined }));
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([expect.objectContaining({ field: 'application.partyCommitteeResolution', article: '微山 第八条' })]);
  });

  it('refuses unknown fields, naming them', async () => {
    const res = await submit({ ...weishanApplication(), approvedByMayor: true });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.issues)).toContain('approvedByMayor');
  });

  it('refuses new 莱州 applications after its trial regulation expired on 2024-09-28', async () => {
    const res = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer('laizhou.fixture-applicant'))
      .send({ jurisdiction: 'laizhou', application: laizhouApplication() });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'regulation_not_in_force', message: expect.stringContaining('2024-09-28') });
  });

  it('answers 400 for malformed JSON without internals', async () => {
    const res = await request(app)
      .post('/v1/projects')
      .set('Authorization', tokenOf('applicant'))
      .set('content-type', 'application/json')
      .send('{"jurisdiction":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
    expect(JSON.stringify(res.body)).not.toContain('at ');
  });
});

describe('acting on tasks', () => {
  it('answers 404 for an unknown project', async () => {
    expect((await act('weishan-20260101-deadbeef', 'requirementsReview', { action: 'approve', department: 'bigData', actor: 'x' })).status).toBe(404);
    expect((await get('/v1/projects/nonsense')).status).toBe(404);
  });

  it('answers 403 to the wrong department, 409 to a step not open, and 400 citing 第三十六条', async () => {
    const id = (await submit(weishanApplication({ totalBudget: 3_000_000 }))).body.projectId as string;
    const wrong = await act(id, 'requirementsReview', { action: 'approve', department: 'finance', actor: '赵六' });
    expect(wrong.status).toBe(403);
    // Acting has the scope of reading: a department the project neither awaits nor involved is refused before any command.
    expect(wrong.body.error.message).toContain('无权查看');
    expect((await act(id, 'budget', { action: 'approve', department: 'bigData', actor: '赵六', data: { amount: 1, documentRef: 'x' } })).status).toBe(409);
    expect((await act(id, 'requirementsReview', { action: 'approve', department: 'bigData', actor: '李四', comment: '必要性充分' })).status).toBe(200);
    const low = await act(id, 'technicalMaterials', { action: 'submit', department: 'applicant', actor: '王五', data: technicalMaterials(3_000_000, 4.9) });
    expect(low.status).toBe(400);
    expect(low.body.error.issues).toEqual([expect.objectContaining({ field: 'data.securityBudget', article: '微山 第三十六条' })]);
    const audit = await get(`/v1/projects/${id}/audit`);
    expect(audit.body.map((h: { kind: string }) => h.kind)).toEqual(['submitted', 'action']);
    expect(audit.body[1]).toMatchObject({ actor: '县大数据局审核人', userId: 'weishan.bigdata', department: 'bigData', comment: '必要性充分' });
  });

  it('acts once for a repeated Idempotency-Key', async () => {
    const id = (await submit()).body.projectId as string;
    const body = { action: 'approve', department: 'bigData', actor: '李四' };
    const first = await act(id, 'requirementsReview', body, 'req-0001-abcdef');
    const again = await act(id, 'requirementsReview', body, 'req-0001-abcdef');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    const audit = await get(`/v1/projects/${id}/audit`);
    expect(audit.body.filter((h: { kind: string }) => h.kind === 'action')).toHaveLength(1);
  });
});

describe('GET /v1/projects/:id (issue 21: the case file)', () => {
  it('carries the whole application and each step’s data, as the OpenAPI document describes the view', async () => {
    const id = (await submit(weishanApplication({ totalBudget: '1299999.99' }))).body.projectId as string;
    await act(id, 'requirementsReview', { action: 'approve', department: 'bigData', comment: '需求合理' });
    const answer = await act(id, 'technicalMaterials', { action: 'submit', department: 'applicant', data: technicalMaterials(1_300_000) });
    expect(answer.status).toBe(200);
    const res = await request(app).get(`/v1/projects/${id}`).set('Authorization', tokenOf('bigData'));
    expect(res.status).toBe(200);
    const view = res.body;
    expect(view.application).toMatchObject({
      title: '微山县智慧政务服务平台',
      track: 'standard',
      totalBudget: { fen: 129_999_999 },
      partyCommitteeResolution: { minutesRef: '微人社党组〔2026〕3号' },
    });
    const sent = view.history.find((h: { task?: string; action?: string }) => h.task === 'technicalMaterials' && h.action === 'submit');
    expect(sent.data).toEqual({
      constructionPlan: { ref: '建设方案-2026-01' },
      cryptoPlan: { ref: '密码应用方案-2026-01' },
      securityStatement: { ref: '安全可靠说明-2026-01' },
      securityBudget: { fen: 6_500_000 },
    });
    // The signature stays in the audit trail.
    expect(sent.command).toBeUndefined();
    expect((await get(`/v1/projects/${id}/audit`)).body.find((h: { seq: number }) => h.seq === sent.seq).command).toBeDefined();
    // The action's answer is the same whole view.
    expect(answer.body.application).toEqual(view.application);
    const doc = (await request(app).get('/openapi.json')).body;
    const validator = new Validator(doc.components.schemas.ProjectView, '2020-12', false);
    expect(validator.validate(view).errors).toEqual([]);
    const { application: _application, ...withoutApplication } = view;
    expect(validator.validate(withoutApplication).valid).toBe(false);
    expect(doc.paths['/v1/projects/{id}'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ProjectView' });
  });
});

describe('GET /v1/projects', () => {
  it('filters by jurisdiction, status and awaiting department through visibility', async () => {
    const id = (await submit(weishanApplication({ title: '微山县民政综合管理平台' }))).body.projectId as string;
    const listed = await eventually(
      () => get('/v1/projects').query({ jurisdiction: 'weishan', status: 'under_review', awaiting: 'bigData', pageSize: 200 }),
      (r) => r.body.projects?.some((p: { projectId: string }) => p.projectId === id),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.projects.find((p: { projectId: string }) => p.projectId === id)).toMatchObject({
      applicantUnit: '微山县人力资源和社会保障局',
      awaitingDepartments: ['bigData'],
    });
    const other = await get('/v1/projects').query({ awaiting: 'finance', pageSize: 200 });
    expect(other.body.projects.some((p: { projectId: string }) => p.projectId === id)).toBe(false);
  });

  it('lists overdue projects and those due within N days, by department', async () => {
    const application = weishanApplication();
    const id = (await submit(application)).body.projectId as string;
    for (const e of stepsTo(weishan, application, new Date().toISOString(), awaits('procurement'))) {
      const [task, action] = e.type.split('.') as [string, string];
      expect((await act(id, task, { action, department: e.department, ...(e.data ? { data: e.data } : {}) })).status).toBe(200);
    }
    // Signed before 国庆 and reported now: the 10-working-day filing period has run out (第二十七条).
    const contract = { signedOn: '2026-09-29', contract: { ref: 'HT-1' }, amount: 900_000 };
    expect((await act(id, 'procurement', { action: 'submit', department: 'applicant', data: contract })).status).toBe(200);
    const overdue = await eventually(
      () => get('/v1/projects').query({ overdue: 'true', jurisdiction: 'weishan', pageSize: 200 }),
      // Overdue at once (the action's answer); the sanction the workflow orders on its own follows through the outbox.
      (r) => r.body.projects?.some((p: { projectId: string; sanction?: string }) => p.projectId === id && p.sanction),
    );
    expect(overdue.body.projects.find((p: { projectId: string }) => p.projectId === id)).toMatchObject({ sanction: 'rectification_ordered' });
    const fresh = (await submit()).body.projectId as string;
    const dueSoon = await eventually(
      () => get('/v1/projects').query({ dueWithinDays: 30, awaiting: 'bigData', pageSize: 200 }),
      (r) => r.body.projects?.some((p: { projectId: string }) => p.projectId === fresh),
    );
    expect(dueSoon.body.projects.some((p: { projectId: string }) => p.projectId === fresh)).toBe(true);
    const notYet = await get('/v1/projects').query({ dueWithinDays: 1, awaiting: 'bigData', pageSize: 200 });
    expect(notYet.body.projects.some((p: { projectId: string }) => p.projectId === fresh)).toBe(false);
  });

  it('answers 400 for a filter value that is not allowed', async () => {
    const res = await get('/v1/projects').query({ status: "x' OR 1=1" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toBe('query.status');
  });
});

describe('identities and access', () => {
  it('answers 401 without a valid credential, with a request id and security headers', async () => {
    const res = await request(app).get('/v1/projects').set('X-Request-Id', 'trace-12345678');
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    expect(res.body.error.requestId).toBe('trace-12345678');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await request(app).get('/v1/projects').set('Authorization', 'Bearer gov_not-a-real-token')).status).toBe(401);
  });

  it('takes the acting department from the credential and refuses one in the body', async () => {
    const id = (await submit()).body.projectId as string;
    const forged = await request(app)
      .post(`/v1/projects/${id}/tasks/requirementsReview/actions`)
      .set('Authorization', tokenOf('applicant'))
      .send({ action: 'approve', department: 'bigData' });
    expect(forged.status).toBe(400);
    expect(JSON.stringify(forged.body.error.issues)).toContain('department');
    const asApplicant = await request(app)
      .post(`/v1/projects/${id}/tasks/requirementsReview/actions`)
      .set('Authorization', tokenOf('applicant'))
      .send({ action: 'approve' });
    expect(asApplicant.status).toBe(403);
    expect((await get(`/v1/projects/${id}/audit`)).body.filter((h: { kind: string }) => h.kind === 'action')).toEqual([]);
  });

  it('shows applicants their own unit’s projects only and reviewers what involves their department', async () => {
    const id = (await submit()).body.projectId as string;
    const other = ids.bearer('weishan.applicant'); // 微山县示例单位, another unit
    expect((await request(app).get(`/v1/projects/${id}`).set('Authorization', other)).status).toBe(403);
    expect((await request(app).get(`/v1/projects/${id}`).set('Authorization', tokenOf('applicant'))).status).toBe(200);
    expect((await request(app).get(`/v1/projects/${id}`).set('Authorization', tokenOf('bigData'))).status).toBe(200);
    expect((await request(app).get(`/v1/projects/${id}`).set('Authorization', tokenOf('finance'))).status).toBe(403);
    expect((await request(app).get(`/v1/projects/${id}`).set('Authorization', ids.bearer('jingle.admin'))).status).toBe(403);
    const mine = await eventually(
      () => request(app).get('/v1/projects').set('Authorization', other).query({ pageSize: 200 }),
      (r) => r.status === 200,
    );
    expect(mine.body.projects.some((p: { projectId: string }) => p.projectId === id)).toBe(false);
    expect((await request(app).get('/v1/projects').set('Authorization', other).query({ jurisdiction: 'jingle' })).status).toBe(403);
  });

  it('exports the audit trail as CSV, in Beijing time, with the application and every payload in columns of their own', async () => {
    const id = (await submit(weishanApplication({ totalBudget: '1234567.89' }))).body.projectId as string;
    await act(id, 'requirementsReview', { action: 'approve', department: 'bigData' });
    await act(id, 'technicalMaterials', { action: 'submit', department: 'applicant', data: { ...technicalMaterials(1_300_000), securityBudget: '65000.5' } });
    await act(id, 'technicalReview', { action: 'return', department: 'bigData', comment: '=HYPERLINK("x"), 请补充建设依据' }, 'csv-export-0001');
    const res = await get(`/v1/projects/${id}/audit?format=csv`);
    expect(res.headers['content-type']).toContain('text/csv');
    const trail = (await get(`/v1/projects/${id}/audit`)).body as Array<{ kind: string; at: string; action?: string }>;
    const [header, ...rows] = res.text.trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns.slice(0, 19)).toEqual(
      'seq,at,kind,task,action,department,actor,userId,comment,article,message,fromStatus,toStatus,requestId,bodyHash,keyId,issuedAt,signature,hash'.split(','),
    );
    const cell = (row: number, column: string) => rows[row]!.split(',')[columns.indexOf(column)];
    const submitted = trail.findIndex((h) => h.kind === 'submitted');
    expect(cell(submitted, 'application.totalBudget')).toBe('1234567.89');
    expect(cell(submitted, 'application.partyCommitteeResolution.minutesRef')).toBe('微人社党组〔2026〕3号');
    const materials = trail.findIndex((h) => h.action === 'submit');
    expect(cell(materials, 'data.securityBudget')).toBe('65000.50');
    expect(cell(materials, 'data.constructionPlan.ref')).toBe('建设方案-2026-01');
    // The same instant as the trail's UTC, written as the pages read it.
    const at = cell(materials, 'at')!;
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
    expect(Date.parse(at)).toBe(Date.parse(trail[materials]!.at));
    const returned = rows[trail.findIndex((h) => h.action === 'return')]!;
    expect(returned).toContain('weishan.bigdata');
    expect(returned).toContain(`"'=HYPERLINK(""x""), 请补充建设依据"`);
    expect(returned).toContain('csv-export-0001');
  });

  it('limits the rate of requests per credential', async () => {
    const limited = testApp({ identities: ids.identities, rateLimitPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await request(limited).get('/v1/projects/nonsense').set('Authorization', tokenOf('bigData'))).status);
    expect(codes).toEqual([404, 404, 404, 429, 429]);
  });
});

describe('POST /v1/what-if', () => {
  it('answers for every jurisdiction in one response without starting workflows', async () => {
    const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/what-if.example.json'), 'utf8'));
    const res = await request(app)
      .post('/v1/what-if')
      .set('Authorization', admin())
      .send({ ...example, date: '2026-11-23' });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { jurisdiction: string; accepted: boolean }) => [r.jurisdiction, r.accepted])).toEqual(
      jurisdictionIds.map((id) => [id, true]),
    );
  });

  it('answers 400 naming an unknown jurisdiction in overrides', async () => {
    const res = await request(app)
      .post('/v1/what-if')
      .set('Authorization', admin())
      .send({ application: {}, overrides: { atlantis: {} } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].field).toContain('overrides');
  });
});

describe('charts', () => {
  it('serves the chart as JSON and as Stately-importable code', async () => {
    const json = await request(app).get('/v1/jurisdictions/weishan/chart');
    expect(json.body.chart.states.upperLevelReview.description).toContain('第十八条');
    const code = await request(app).get('/v1/jurisdictions/weishan/chart.stately.ts');
    expect(code.text).toContain("import { createMachine } from 'xstate';");
    expect(code.text).toContain('提级审核');
  });

  it('lists jurisdictions with their regulation', async () => {
    const res = await request(app).get('/v1/jurisdictions');
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'weishan', inForce: true, regulation: expect.objectContaining({ document: '微政字〔2025〕16号' }) }),
      ]),
    );
  });
});

describe('GET /healthz', () => {
  it('answers 503 when no worker polls', async () => {
    const down = testApp({ identities: ids.identities, health: async () => ({ temporal: true, workerPolling: false }) });
    expect((await request(down).get('/healthz')).status).toBe(503);
  });
});
