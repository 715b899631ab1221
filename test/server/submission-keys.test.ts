// Issue 20 item 6 above the service: the API and the apply form send the submission's idempotency
// key, and a 503 keeps the form with its key and says truthfully that the project may exist.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { TemporalUnavailable } from '../../server/projects.js';
import { testApp } from '../helpers/app.js';
import { FakeProjects, signedIn } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';
import { weishanApplication } from '../fixtures/weishan.js';

const { identities, bearer } = testIdentities();
const projects = new FakeProjects();
const app = testApp({ projects, identities });
const applicant = 'weishan.fixture-applicant';

/** The apply form's fields filled from the fixture, as a browser sends them. */
async function applyForm(agent: ReturnType<typeof request.agent>) {
  const page = await agent.get('/apply/weishan');
  const names = [...page.text.matchAll(/name="(application\.[^"]+)"/g)].map((m) => m[1]!);
  const app = weishanApplication();
  const fields = Object.fromEntries(
    [...new Set(names)].map((n) => {
      const v = app[n.slice('application.'.length)];
      return [n, typeof v === 'boolean' ? (v ? 'true' : 'false') : v === undefined ? '' : String(v)];
    }),
  );
  const key = /name="requestId" value="([^"]+)"/.exec(page.text)?.[1];
  return { fields, key };
}

describe('submission keys', () => {
  it('the API passes the Idempotency-Key header to the service, and names the header when it is malformed', async () => {
    const ok = await request(app)
      .post('/v1/projects')
      .set('Authorization', bearer(applicant))
      .set('Idempotency-Key', 'api-submission-0001')
      .send({ jurisdiction: 'weishan', application: weishanApplication() });
    expect(ok.status).toBe(201);
    expect(projects.calls.at(-1)).toMatchObject({ method: 'submit', idempotencyKey: 'api-submission-0001' });
    const calls = projects.calls.length;
    const bad = await request(app)
      .post('/v1/projects')
      .set('Authorization', bearer(applicant))
      .set('Idempotency-Key', 'no spaces allowed')
      .send({ jurisdiction: 'weishan', application: weishanApplication() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('header.Idempotency-Key');
    expect(projects.calls.length).toBe(calls);
  });

  it("the API's 503 for a submission names the project and the key, and never says not to resubmit", async () => {
    projects.failNext(
      'submit',
      new TemporalUnavailable({ mayStillApply: true, submission: true, projectId: 'weishan-20261204-0a0b0c0d', idempotencyKey: 'api-submission-0002' }),
    );
    const res = await request(app)
      .post('/v1/projects')
      .set('Authorization', bearer(applicant))
      .set('Idempotency-Key', 'api-submission-0002')
      .send({ jurisdiction: 'weishan', application: weishanApplication() });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ mayStillApply: true, projectId: 'weishan-20261204-0a0b0c0d', idempotencyKey: 'api-submission-0002' });
    expect(res.body.error.message).toContain('申报可能已创建（项目 weishan-20261204-0a0b0c0d），也可能未创建');
    expect(res.body.error.message).toContain('同一 Idempotency-Key（api-submission-0002）');
    expect(res.body.error.message).not.toContain('不要重复申报');
    // Without a key the answer still says it may exist, where to look, and that a key makes a retry safe.
    const unkeyed = new TemporalUnavailable({ mayStillApply: true, submission: true, projectId: 'weishan-20261204-0e0f0a0b' });
    expect(unkeyed.message).toContain('也可能未创建');
    expect(unkeyed.message).toContain('我的申报');
    expect(unkeyed.message).not.toContain('不要重复申报');
  });

  it('the apply form sends its key; after a 503 it comes back with the same key and the truthful message, so sending it again is safe', async () => {
    const { agent, csrf } = await signedIn(app, bearer(applicant).slice('Bearer '.length), applicant);
    const { fields, key } = await applyForm(agent);
    expect(key).toMatch(/^web-[0-9a-f-]{36}$/);
    projects.failNext(
      'submit',
      new TemporalUnavailable({ mayStillApply: true, submission: true, projectId: 'weishan-20261204-01020304', idempotencyKey: key! }),
    );
    const stalled = await agent
      .post('/apply/weishan')
      .type('form')
      .send({ _csrf: await csrf('/apply/weishan'), requestId: key, ...fields });
    expect(stalled.status).toBe(503);
    expect(projects.calls.at(-1)).toMatchObject({ method: 'submit', idempotencyKey: key });
    expect(stalled.text).toContain('申报可能已创建（项目 weishan-20261204-01020304）');
    expect(stalled.text).not.toContain('不要重复申报');
    expect(/name="requestId" value="([^"]+)"/.exec(stalled.text)?.[1]).toBe(key);
    // Sent again as it came back: the same key reaches the service.
    const again = await agent
      .post('/apply/weishan')
      .type('form')
      .send({ _csrf: /name="_csrf" value="([^"]+)"/.exec(stalled.text)![1], requestId: key, ...fields });
    expect(again.status).toBe(303);
    expect(projects.calls.at(-1)).toMatchObject({ method: 'submit', idempotencyKey: key });
  });
});
