import { testApp } from '../helpers/app.js';
// Issue 10: the front door probed as an attacker and a careless client would (rows 1, 3, 4, 5, 7).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { eventually } from '../helpers/eventually.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Identities } from '../../server/identity.js';
import { ProjectService } from '../../server/projects.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { testIdentities } from '../helpers/identities.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';

let stack: DevStack;
let projects: ProjectService;
let app: ReturnType<typeof testApp>;
const ids = testIdentities();
const dir = mkdtempSync(path.join(tmpdir(), 'front-door-'));

beforeAll(async () => {
  stack = await startDevStack();
  projects = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
  app = testApp({ projects, identities: ids.identities, dataDir: stack.dataDir });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const submit = async () => {
  const res = await request(app)
    .post('/v1/projects')
    .set('Authorization', ids.bearer('weishan.fixture-applicant'))
    .send({ jurisdiction: 'weishan', application: weishanApplication() });
  expect(res.status).toBe(201);
  return res.body.projectId as string;
};
const act = (user: string, id: string, task: string, body: Record<string, unknown>, key?: string) => {
  const r = request(app).post(`/v1/projects/${id}/tasks/${task}/actions`).set('Authorization', ids.bearer(user));
  return (key ? r.set('Idempotency-Key', key) : r).send(body);
};
const actions = async (id: string) => (await projects.audit(id)).filter((h) => h.kind === 'action');

describe('idempotency keys belong to (project, user)', () => {
  it('gives another unit, another jurisdiction or another department nothing for a key already used', async () => {
    const id = await submit();
    expect((await act('weishan.bigdata', id, 'requirementsReview', { action: 'approve', comment: '必要性充分' }, 'review-0001')).status).toBe(200);
    const attempts = [
      await act('weishan.applicant', id, 'requirementsReview', { action: 'approve', comment: '必要性充分' }, 'review-0001'),
      await act('laizhou.bigdata', id, 'requirementsReview', { action: 'approve', comment: '必要性充分' }, 'review-0001'),
      await act('weishan.finance', id, 'budget', { action: 'approve', data: { amount: 1, documentRef: 'x' } }, 'review-0001'),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(403);
      expect(res.body.projectId).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain('微山县智慧政务服务平台');
    }
    expect(await actions(id)).toHaveLength(1);
  });

  it('answers the original result to the same user and body, and 422 to the same key with another body', async () => {
    const id = await submit();
    const first = await act('weishan.bigdata', id, 'requirementsReview', { action: 'return', comment: '请补充' }, 'review-0002');
    const again = await act('weishan.bigdata', id, 'requirementsReview', { action: 'return', comment: '请补充' }, 'review-0002');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe(first.body.status);
    const other = await act(
      'weishan.fixture-applicant',
      id,
      'requirementsRevision',
      { action: 'submit', data: { revisedPlan: { ref: '修改稿' } } },
      'review-0002',
    );
    expect(other.status).toBe(200);
    const reused = await act('weishan.bigdata', id, 'requirementsReview', { action: 'approve' }, 'review-0002');
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect((await actions(id)).map((h) => [h.task, h.action])).toEqual([
      ['requirementsReview', 'return'],
      ['requirementsRevision', 'submit'],
    ]);
  });
});

describe('a supervisor supervises', () => {
  it('sees and lists the jurisdiction’s projects but cannot approve a step of 县大数据局', async () => {
    const id = await submit();
    expect((await request(app).get(`/v1/projects/${id}`).set('Authorization', ids.bearer('weishan.supervisor'))).status).toBe(200);
    expect((await request(app).get('/v1/projects').set('Authorization', ids.bearer('weishan.supervisor'))).status).toBe(200);
    const res = await act('weishan.supervisor', id, 'requirementsReview', { action: 'approve' });
    expect(res.status).toBe(403);
    expect(await actions(id)).toEqual([]);
  });
});

describe('identity changes are live', () => {
  const file = path.join(dir, 'identities.json');
  const run = promisify(execFile);
  /** The admin command, as an operator runs it, in its own process on the same data folder. */
  const admin = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dir } });
  const within5s = async (check: () => Promise<boolean>) => {
    const started = Date.now();
    await eventually(check, Boolean, { ms: 5_000, every: 200, what: 'the change within 5 seconds' });
    return Date.now() - started;
  };

  it('honours a revocation, a new token and a changed user within 5 seconds, without restart', async () => {
    const seed = Identities.open(file);
    seed.addUser({ id: 'weishan.li', name: '李四', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'] });
    const token = seed.issueToken('weishan.li');
    // Two API processes on the same data folder, each with its own view of the store.
    const apis = [1, 2].map(() => testApp({ projects, identities: Identities.open(file), dataDir: stack.dataDir }));
    const id = await submit();
    const status = (a: (typeof apis)[number], t: string) =>
      request(a)
        .get(`/v1/projects/${id}`)
        .set('Authorization', `Bearer ${t}`)
        .then((r) => r.status);
    for (const a of apis) expect(await status(a, token)).toBe(200);

    const { stdout } = await admin('issue-token', '--user', 'weishan.li');
    const fresh = stdout.trim();
    for (const a of apis) await within5s(async () => (await status(a, fresh)) === 200);

    // Moved to 县财政局: the project awaiting 县大数据局 is no longer theirs to see.
    await admin('add-user', '--id', 'weishan.li', '--name', '李四', '--jurisdiction', 'weishan', '--department', 'finance', '--roles', 'reviewer');
    for (const a of apis) await within5s(async () => (await status(a, fresh)) === 403);

    await admin('revoke-tokens', '--user', 'weishan.li');
    for (const a of apis) {
      await within5s(async () => (await status(a, token)) === 401);
      expect(await status(a, fresh)).toBe(401);
    }
  });

  it('lets tokens expire, by default after 180 days, and lists the expiry', async () => {
    let now = Date.parse('2026-11-23T00:00:00Z');
    const store = Identities.open(undefined, { now: () => now });
    store.addUser({ id: 'weishan.zhao', name: '赵六', jurisdiction: 'weishan', department: 'finance', roles: ['reviewer'] });
    const token = store.issueToken('weishan.zhao');
    expect(store.tokens()).toEqual([expect.objectContaining({ userId: 'weishan.zhao', expiresAt: '2027-05-22T00:00:00.000Z', expired: false })]);
    now = Date.parse('2027-05-21T23:59:00Z');
    expect(store.authenticate(token)?.id).toBe('weishan.zhao');
    now = Date.parse('2027-05-22T00:00:00Z');
    expect(store.authenticate(token)).toBeUndefined();
    await admin('issue-token', '--user', 'weishan.li', '--days', '30');
    const listed = await admin('list-users');
    expect(listed.stdout).toMatch(/weishan\.li\t.*expires \d{4}-\d{2}-\d{2}/);
  });
});

describe('no 5xx from any input', () => {
  it('answers 415 to an encoding or charset it cannot read, without a credential', async () => {
    const bogus = await request(app).post('/v1/projects').set('Content-Encoding', 'bogus').set('Content-Type', 'application/json').send('{}');
    expect(bogus.status).toBe(415);
    expect(bogus.body.error.issues[0].field).toBe('header.Content-Encoding');
    const latin1 = await request(app).post('/v1/what-if').set('Content-Type', 'application/json; charset=latin1').send('{}');
    expect(latin1.status).toBe(415);
    expect(latin1.body.error.issues[0].field).toBe('header.Content-Type');
  });

  it('answers 404 for ids that name properties of every object', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect((await request(app).get(`/v1/jurisdictions/${name}/chart`)).status).toBe(404);
      expect((await request(app).get(`/v1/jurisdictions/${name}/chart.stately.ts`)).status).toBe(404);
    }
    for (const user of ['weishan.admin', 'weishan.bigdata']) {
      const res = await request(app).get('/v1/projects/constructor-20260101-deadbeef').set('Authorization', ids.bearer(user));
      expect(res.status).toBeLessThan(500);
      expect((await act(user, 'constructor-20260101-deadbeef', 'requirementsReview', { action: 'approve' })).status).toBeLessThan(500);
    }
  });

  it('echoes no more than a short prefix of what it was sent', async () => {
    const long = 'a'.repeat(5_000);
    const res = await request(app).get(`/v1/projects/${long}`).set('Authorization', ids.bearer('weishan.admin'));
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body).length).toBeLessThan(400);
    expect((await request(app).get(`/v1/jurisdictions/${long}/chart`)).text.length).toBeLessThan(400);
  });
});

describe('limits as documented', () => {
  const limitedApp = () => testApp({ projects, identities: ids.identities, rateLimitPerMinute: 3, anonymousRateLimitPerMinute: 2 });

  it('limits per credential, not per user, and answers 429 with Retry-After', async () => {
    const limited = limitedApp();
    const second = `Bearer ${ids.identities.issueToken('weishan.bigdata', 'second device')}`;
    const get = (auth: string) => request(limited).get('/v1/jurisdictions').set('Authorization', auth);
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await get(ids.bearer('weishan.bigdata'))).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    const refused = await get(ids.bearer('weishan.bigdata'));
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body.error.code).toBe('rate_limited');
    // The same user's other credential has its own allowance.
    expect((await get(second)).status).toBe(200);
  });

  it('limits requests without a credential per address', async () => {
    const limited = limitedApp();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await request(limited).get('/v1/jurisdictions')).status);
    expect(codes).toEqual([200, 200, 429]);
    expect((await request(limited).get('/v1/jurisdictions').set('Authorization', ids.bearer('weishan.admin'))).status).toBe(200);
  });

  it('answers what-if only to signed-in users', async () => {
    expect((await request(app).post('/v1/what-if').send({ application: {} })).status).toBe(401);
    expect((await request(app).post('/v1/what-if').set('Authorization', ids.bearer('weishan.applicant')).send({ application: {} })).status).toBe(200);
  });
});

describe('input hygiene', () => {
  const apply = (application: Record<string, unknown>) =>
    request(app).post('/v1/projects').set('Authorization', ids.bearer('weishan.fixture-applicant')).send({ jurisdiction: 'weishan', application });

  it('refuses NUL, lone surrogates and bidirectional controls in free text, naming the field', async () => {
    for (const title of ['\u0000\u0000\u0000', '平台\uD800建设', '平台\u202Egnp.exe', '\u2066隔离\u2069']) {
      const res = await apply(weishanApplication({ title }));
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain('application.title');
    }
    const comment = await act('weishan.bigdata', await submit(), 'requirementsReview', { action: 'approve', comment: '同意\u202E' });
    expect(comment.status).toBe(400);
    expect(comment.body.error.issues[0].field).toBe('comment');
  });

  it('refuses dates outside 1990–2100', async () => {
    const late = await apply(weishanApplication({ partyCommitteeResolution: { meetingDate: '9999-12-31', minutesRef: '纪要' } }));
    expect(late.status).toBe(400);
    expect(late.body.error.issues[0].field).toBe('application.partyCommitteeResolution.meetingDate');
    const early = await apply(weishanApplication({ plannedCompletionOn: '0001-01-01' }));
    expect(early.status).toBe(400);
    expect(early.body.error.issues[0].field).toBe('application.plannedCompletionOn');
  });

  it('accepts 角 and 分, stores 分 exactly and compares them exactly with the thresholds', async () => {
    const res = await apply(weishanApplication({ totalBudget: '1999999.99' }));
    expect(res.status).toBe(201);
    const id = res.body.projectId as string;
    const started = (await stack.env.client.workflow.getHandle(id).fetchHistory()).events![0]!.workflowExecutionStartedEventAttributes!;
    const input = JSON.parse(Buffer.from(started.input!.payloads![0]!.data!).toString());
    expect(input.application.totalBudget).toEqual({ fen: 199_999_999 });

    expect((await act('weishan.bigdata', id, 'requirementsReview', { action: 'approve' })).status).toBe(200);
    const materials = (securityBudget: unknown) => ({
      action: 'submit',
      data: { constructionPlan: { ref: '方案' }, cryptoPlan: { ref: '密码' }, securityStatement: { ref: '说明' }, securityBudget },
    });
    // 5% of 1,999,999.99 is 99,999.9995: 99,999.99 falls short by half a 厘 (第三十六条).
    const short = await act('weishan.fixture-applicant', id, 'technicalMaterials', materials(99_999.99));
    expect(short.status).toBe(400);
    expect(short.body.error.issues).toEqual([expect.objectContaining({ field: 'data.securityBudget', article: '微山 第三十六条' })]);
    expect((await act('weishan.fixture-applicant', id, 'technicalMaterials', materials('100000.00'))).status).toBe(200);
    // One 分 below 2,000,000 yuan: no upper-level review (第十八条).
    expect((await act('weishan.bigdata', id, 'technicalReview', { action: 'approve' })).body.status).toBe('budgeting');

    expect((await apply(weishanApplication({ totalBudget: 1_999_999.999 }))).status).toBe(400);
    expect((await apply(weishanApplication({ totalBudget: '1,999,999' }))).status).toBe(400);
  });
});
