import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../helpers/app.js';
import { testIdentities } from '../../helpers/identities.js';
import { SavedViews } from '../../../server/saved-views.js';
import { SessionStore } from '../../../server/sessions.js';
import { loadConfig } from '../../../temporal.config.js';

// The session time limits and the per-account lockout of the sign-in page (issue 20 item 7,
// 等保 2.0 三级 身份鉴别: 登录失败处理, 登录连接超时自动退出), counted by an injected clock.
function setup(pages: Record<string, unknown> = {}) {
  const ids = testIdentities();
  let t = Date.parse('2027-03-01T01:00:00Z');
  const lines: Array<Record<string, unknown>> = [];
  const app = testApp({
    identities: ids.identities,
    now: () => new Date(t),
    log: (l) => void lines.push(l),
    anonymousRateLimitPerMinute: 1_000,
    pages: { sessions: new SessionStore(), savedViews: SavedViews.open(), ...pages },
  });
  const token = (u: string) => ids.bearer(u).replace(/^Bearer /, '');
  return { app, token, lines, advance: (minutes: number) => (t += minutes * 60_000) };
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function attempt(agent: ReturnType<typeof request.agent>, account: string, token: string) {
  const form = await agent.get('/signin');
  return agent
    .post('/signin')
    .type('form')
    .send({ _csrf: csrfOf(form.text), account, token, next: '/charts' });
}

describe('page sessions end by their time limits', () => {
  it('signs out a session idle past 30 minutes, saying why, and keeps one in use', async () => {
    const s = setup();
    const agent = request.agent(s.app);
    expect((await attempt(agent, 'weishan.bigdata', s.token('weishan.bigdata'))).status).toBe(303);
    // In use every 20 minutes: an hour later still signed in.
    for (let i = 0; i < 3; i++) {
      s.advance(20);
      expect((await agent.get('/charts')).status).toBe(200);
    }
    s.advance(31);
    const res = await agent.get('/charts');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
    const signin = await agent.get('/signin');
    expect(signin.text).toContain('您已 30 分钟未操作，登录已超时，请重新登录');
    expect(s.lines.some((l) => l.msg === 'session ended by its time limit' && l.reason === 'idle' && l.userId === 'weishan.bigdata')).toBe(true);
  });

  it('signs out any session 8 hours after sign-in, however busy', async () => {
    const s = setup();
    const agent = request.agent(s.app);
    expect((await attempt(agent, 'weishan.bigdata', s.token('weishan.bigdata'))).status).toBe(303);
    for (let minutes = 0; minutes < 8 * 60 - 20; minutes += 20) {
      s.advance(20);
      expect((await agent.get('/charts')).status).toBe(200);
    }
    s.advance(25);
    expect((await agent.get('/charts')).status).toBe(303);
    expect((await agent.get('/signin')).text).toContain('登录已满 8 小时，请重新登录');
  });

  it('takes both limits from the configuration', async () => {
    const config = loadConfig({ API_SESSION_IDLE_MINUTES: '10', API_TRUST_PROXY: '1' });
    expect(config.api.sessionIdleMinutes).toBe(10);
    expect(config.api.sessionAbsoluteHours).toBe(8);
    expect(config.api.trustProxy).toBe(1);
    expect(loadConfig({}).api.signInLockout).toEqual({ maxFailures: 5, windowMinutes: 15, lockMinutes: 15 });
    const s = setup({ sessionIdleMs: 10 * 60_000 });
    const agent = request.agent(s.app);
    await attempt(agent, 'weishan.bigdata', s.token('weishan.bigdata'));
    s.advance(11);
    expect((await agent.get('/charts')).status).toBe(303);
  });
});

describe('repeated failed sign-ins lock the account', () => {
  it('locks an account after 5 failures in 15 minutes, refuses even its right token, logs an audit line, and unlocks after 15 minutes', async () => {
    const s = setup();
    const agent = request.agent(s.app);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(agent, 'weishan.bigdata', `gov_guess${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await attempt(agent, 'weishan.bigdata', s.token('weishan.bigdata'));
    expect(locked.status).toBe(429);
    expect(locked.text).toContain('已锁定至 09:15（北京时间）');
    expect(Number(locked.headers['retry-after'])).toBe(900);
    const audit = s.lines.filter((l) => l.audit === 'sign-in-lockout');
    expect(audit).toEqual([expect.objectContaining({ account: 'weishan.bigdata', until: '2027-03-01T01:15:00.000Z' })]);
    // The token guessed is never logged.
    expect(JSON.stringify(s.lines)).not.toContain('gov_guess');
    // Another account is not affected.
    expect((await attempt(request.agent(s.app), 'weishan.finance', s.token('weishan.finance'))).status).toBe(303);
    s.advance(15);
    expect((await attempt(agent, 'weishan.bigdata', s.token('weishan.bigdata'))).status).toBe(303);
  });

  it("counts another user's valid token as a failure of the named account, and forgets failures outside the window", async () => {
    const s = setup();
    const agent = request.agent(s.app);
    const wrong = await attempt(agent, 'weishan.bigdata', s.token('weishan.finance'));
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('账号或身份凭证无效');
    for (let i = 0; i < 3; i++) expect((await attempt(agent, 'weishan.bigdata', `gov_guess${i}`)).status).toBe(401);
    // Four failures, then the window moves past the first ones: the next failure does not lock.
    s.advance(16);
    expect((await attempt(agent, 'weishan.bigdata', 'gov_guess-late')).status).toBe(401);
    expect((await attempt(agent, 'weishan.bigdata', s.token('weishan.bigdata'))).status).toBe(303);
  });

  it('asks for the account by name, keeping what was typed', async () => {
    const s = setup();
    const agent = request.agent(s.app);
    const empty = await attempt(agent, '', s.token('weishan.bigdata'));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('请填写账号');
    const wrong = await attempt(agent, 'weishan.bigdata', 'gov_nope');
    expect(wrong.text).toContain('value="weishan.bigdata"');
  });
});
