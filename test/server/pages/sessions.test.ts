import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../helpers/app.js';
import { SavedViews } from '../../../server/saved-views.js';
import { SESSION_COOKIE, SessionStore } from '../../../server/sessions.js';
import { testIdentities } from '../../helpers/identities.js';

// Sessions, CSRF and revocation on pages that need no Temporal (charts, forms); the project
// service is never called here, so none is given.
function setup(sessionIdleMs?: number) {
  const ids = testIdentities();
  const sessions = new SessionStore();
  const savedViews = SavedViews.open();
  const pages = { sessions, savedViews, ...(sessionIdleMs ? { sessionIdleMs } : {}) };
  const app = testApp({ identities: ids.identities, pages });
  return { app, ids, sessions, savedViews, token: (u: string) => ids.bearer(u).replace(/^Bearer /, '') };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function signedIn(s: ReturnType<typeof setup>, userId: string) {
  const agent = request.agent(s.app);
  const form = await agent.get('/signin');
  const res = await agent
    .post('/signin')
    .type('form')
    .send({ _csrf: csrfOf(form.text), account: userId, token: s.token(userId), next: '/charts' });
  expect(res.status).toBe(303);
  return { agent, res };
}

describe('web sessions', () => {
  it('sends a person without a session to sign in, remembering where they were going', async () => {
    const res = await request(setup().app).get('/charts/weishan');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fcharts%2Fweishan');
  });

  it('keeps the session in an httpOnly, SameSite=Strict cookie with an expiry, renewed on sign-in', async () => {
    const s = setup();
    const agent = request.agent(s.app);
    const form = await agent.get('/signin');
    const before = String(form.headers['set-cookie']);
    const res = await agent
      .post('/signin')
      .type('form')
      .send({ _csrf: csrfOf(form.text), account: 'weishan.bigdata', token: s.token('weishan.bigdata'), next: '/charts' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/charts');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${SESSION_COOKIE.replace('.', '\\.')}=`));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toMatch(/Expires=/);
    // A fresh session id at sign-in: one fixed before sign-in is worth nothing after it.
    expect(cookie.split(';')[0]).not.toBe(before.split(';')[0]);
    const page = await agent.get('/charts');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="zh-CN">');
    expect(page.text).toContain('县大数据局审核人');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses a wrong token on the sign-in page', async () => {
    const s = setup();
    const agent = request.agent(s.app);
    const form = await agent.get('/signin');
    const res = await agent
      .post('/signin')
      .type('form')
      .send({ _csrf: csrfOf(form.text), account: 'weishan.bigdata', token: 'gov_not-a-token' });
    expect(res.status).toBe(401);
    expect(res.text).toContain('账号或身份凭证无效');
  });

  it('refuses a form without its CSRF token, even from a signed-in person', async () => {
    const s = setup();
    const noToken = await request
      .agent(s.app)
      .post('/signin')
      .type('form')
      .send({ token: s.token('weishan.bigdata') });
    expect(noToken.status).toBe(403);
    const { agent } = await signedIn(s, 'weishan.supervisor');
    const res = await agent.post('/views').type('form').send({ page: 'tasks', query: 'due=overdue', name: '超期' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('CSRF');
    expect(s.savedViews.list('weishan.supervisor')).toEqual([]);
  });

  it('ends every session of a token when the token is revoked', async () => {
    const s = setup();
    const one = await signedIn(s, 'weishan.finance');
    const two = await signedIn(s, 'weishan.finance');
    expect((await one.agent.get('/charts')).status).toBe(200);
    expect(s.ids.identities.revokeTokens('weishan.finance')).toBe(1);
    for (const { agent } of [one, two]) {
      const res = await agent.get('/charts');
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/signin/);
    }
    // Ended, not just refused: a new token does not bring the old session back.
    s.ids.identities.issueToken('weishan.finance', 'new');
    expect((await one.agent.get('/charts')).status).toBe(303);
  });

  it('ends a session left idle past its limit, and renews one in use', async () => {
    // Cookie expiry has a resolution of a second: the limit is a few of them.
    const s = setup(2_500);
    const { agent } = await signedIn(s, 'weishan.bigdata');
    let cookie = '';
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1_000));
      const page = await agent.get('/charts');
      expect(page.status).toBe(200);
      cookie = String(page.headers['set-cookie']).split(';')[0]!;
    }
    await new Promise((r) => setTimeout(r, 3_500));
    // The server forgets the session too: the old cookie, sent anyway, signs no one in.
    const res = await request(s.app).get('/charts').set('Cookie', cookie);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });

  it('signs out', async () => {
    const s = setup();
    const { agent } = await signedIn(s, 'weishan.bigdata');
    const page = await agent.get('/charts');
    const out = await agent
      .post('/signout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(out.status).toBe(303);
    expect((await agent.get('/charts')).status).toBe(303);
  });

  it('keeps saved views on the server per user', async () => {
    const s = setup();
    const { agent } = await signedIn(s, 'weishan.supervisor');
    const page = await agent.get('/charts');
    const saved = await agent
      .post('/views')
      .type('form')
      .send({ _csrf: csrfOf(page.text), page: 'supervise', query: 'due=overdue&sort=due', name: '本周超期' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe('/supervise?due=overdue&sort=due');
    expect(s.savedViews.list('weishan.supervisor').map((v) => [v.name, v.page, v.query])).toEqual([['本周超期', 'supervise', 'due=overdue&sort=due']]);
    expect(s.savedViews.list('weishan.bigdata')).toEqual([]);
    // A filter its page would not accept is not kept.
    const bad = await agent
      .post('/views')
      .type('form')
      .send({ _csrf: csrfOf(page.text), page: 'supervise', query: 'due=someday', name: '坏的' });
    expect(bad.status).toBe(400);
    expect(s.savedViews.list('weishan.supervisor')).toHaveLength(1);
    const id = s.savedViews.list('weishan.supervisor')[0]!.id;
    const removed = await agent
      .post(`/views/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfOf(page.text) });
    expect(removed.headers.location).toBe('/supervise');
    expect(s.savedViews.list('weishan.supervisor')).toEqual([]);
  });

  it('limits sign-in attempts per address, while page views count against their session, not the address', async () => {
    const ids = testIdentities();
    const app = testApp({ identities: ids.identities, anonymousRateLimitPerMinute: 2, pages: { sessions: new SessionStore(), savedViews: SavedViews.open() } });
    const agent = request.agent(app);
    const csrfToken = csrfOf((await agent.get('/signin')).text);
    const attempts = [];
    for (let i = 0; i < 3; i++)
      attempts.push(
        (
          await agent
            .post('/signin')
            .type('form')
            .send({ _csrf: csrfToken, account: `someone${i}`, token: `gov_wrong${i}` })
        ).status,
      );
    expect(attempts.slice(0, 2)).not.toContain(429);
    expect(attempts[2]).toBe(429);
    // Page views from the same address go on: they count against their session, not the address.
    const other = request.agent(app);
    const before = await other.get('/signin');
    expect(before.status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await other.get('/signin')).status).toBe(200);
  });

  it('leaves the API to bearer tokens: no session, no CSRF, JSON errors', async () => {
    const s = setup();
    // The API takes its bearer token, sets no session cookie and asks for no CSRF token.
    const whatIf = await request(s.app)
      .post('/v1/what-if')
      .set('Authorization', s.ids.bearer('weishan.applicant'))
      .send({ application: { title: '测试' } });
    expect(whatIf.status).toBe(200);
    expect(whatIf.headers['set-cookie']).toBeUndefined();
    const unknown = await request(s.app).post('/v1/nothing').send({});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });
});
