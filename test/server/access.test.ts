import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { listScope, openProject, reachOf } from '../../server/access.js';
import type { User } from '../../server/identity.js';
import { testApp } from '../helpers/app.js';
import { entry as trailEntry, FakeProjects, projectView, signedIn, step } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';

/** A user of a jurisdiction's department with roles (and a unit for applying units). */
const user = (jurisdiction: string, department: string, roles: User['roles'], unit?: string): User => ({
  id: `${jurisdiction}.${department}.${roles.join('-')}`,
  name: '测试用户',
  jurisdiction,
  department,
  roles,
  ...(unit ? { unit } : {}),
});

const entry = (kind: HistoryEntry['kind'], department: string, seq = 2): HistoryEntry => ({
  seq,
  at: '2026-03-02T01:00:00.000Z',
  kind,
  message: kind,
  department,
});

/** A project view with an awaited step for `awaiting` (if any) and the given trail. */
const viewOf = (opts: { jurisdiction?: string; awaiting?: string; unit?: string; history?: HistoryEntry[]; historyTotal?: number }): ProjectView => {
  const history = opts.history ?? [];
  return {
    projectId: `${opts.jurisdiction ?? 'weishan'}-20260302-0a0b0c0d`,
    jurisdiction: opts.jurisdiction ?? 'weishan',
    jurisdictionName: '微山县',
    chartVersion: 1,
    title: '智慧城管平台',
    application: { title: '智慧城管平台', applicantUnit: '微山县城市管理局' },
    applicantUnit: opts.unit ?? '微山县城市管理局',
    status: 'under_review',
    statusLabel: '评审中',
    final: false,
    tasks: opts.awaiting
      ? [
          {
            task: 'review',
            title: '审核',
            department: opts.awaiting,
            departmentName: opts.awaiting,
            article: '微山 第六条',
            actions: ['approve'],
            overdue: false,
            escalationLevel: 0,
          },
        ]
      : [],
    offers: [],
    escalations: [],
    activeStates: [],
    history,
    historyTotal: opts.historyTotal ?? history.length,
    submittedAt: '2026-03-02T00:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
  };
};

describe('who sees what (server/access.ts reachOf)', () => {
  it('lets the applying unit read its own project and no other unit read it, even when the applying side is reminded', () => {
    const reminded = viewOf({ history: [entry('reminder', 'applicant')] });
    expect(reachOf(user('weishan', 'applicant', ['applicant'], '微山县城市管理局'), reminded)).toBe('read');
    expect(reachOf(user('weishan', 'applicant', ['applicant'], '微山县教育局'), reminded)).toBe('none');
  });

  it('lets the applying unit act on its own project when its step is open, and no other unit', () => {
    const awaiting = viewOf({ awaiting: 'applicant' });
    expect(reachOf(user('weishan', 'applicant', ['applicant'], '微山县城市管理局'), awaiting)).toBe('act');
    expect(reachOf(user('weishan', 'applicant', ['applicant'], '微山县教育局'), awaiting)).toBe('none');
  });

  it('lets the awaited department act, and a department that acted read', () => {
    expect(reachOf(user('weishan', 'bigData', ['reviewer']), viewOf({ awaiting: 'bigData' }))).toBe('act');
    expect(reachOf(user('weishan', 'finance', ['reviewer']), viewOf({ awaiting: 'bigData', history: [entry('action', 'finance')] }))).toBe('read');
    expect(reachOf(user('weishan', 'finance', ['reviewer']), viewOf({ awaiting: 'bigData' }))).toBe('none');
  });

  it('lets a department that was notified (微山 第十六、二十一条 抄送), reminded or escalated to read the project', () => {
    expect(reachOf(user('weishan', 'bigData', ['reviewer']), viewOf({ history: [entry('notification', 'bigData')] }))).toBe('read');
    expect(reachOf(user('weishan', 'finance', ['reviewer']), viewOf({ history: [entry('reminder', 'finance')] }))).toBe('read');
    expect(reachOf(user('weishan', 'countyGovernment', ['reviewer']), viewOf({ history: [entry('escalation', 'countyGovernment')] }))).toBe('read');
    expect(reachOf(user('weishan', 'countyGovernment', ['reviewer']), viewOf({ history: [entry('escalation', 'bigData')] }))).toBe('none');
  });

  it("lets 莱州's 运营公司 act on the 市场运营类 step it builds and read the project after acting", () => {
    const operator = user('laizhou', 'operator', ['applicant'], '莱州运营公司');
    expect(reachOf(operator, viewOf({ jurisdiction: 'laizhou', awaiting: 'operator' }))).toBe('act');
    expect(reachOf(operator, viewOf({ jurisdiction: 'laizhou', awaiting: 'bigData', history: [entry('action', 'operator')] }))).toBe('read');
    expect(reachOf(operator, viewOf({ jurisdiction: 'laizhou', awaiting: 'bigData' }))).toBe('none');
  });

  it('lets supervisors and administrators read every project of their jurisdiction, act on none, and nobody reach another jurisdiction', () => {
    const awaitingTheirs = viewOf({ awaiting: 'bigData' });
    expect(reachOf(user('weishan', 'bigData', ['supervisor']), awaitingTheirs)).toBe('read');
    expect(reachOf(user('weishan', 'bigData', ['administrator']), viewOf({}))).toBe('read');
    expect(reachOf(user('jingle', 'bigData', ['administrator']), viewOf({}))).toBe('none');
    expect(reachOf(user('jingle', 'bigData', ['reviewer']), awaitingTheirs)).toBe('none');
  });
});

describe('opening a project (server/access.ts openProject)', () => {
  const older = [entry('escalation', 'countyGovernment', 1)];
  const projects = (view: ProjectView, trail: HistoryEntry[]) => {
    const asked: string[] = [];
    return {
      asked,
      view: async (id: string) => (asked.push(`view ${id}`), view),
      audit: async (id: string) => (asked.push(`audit ${id}`), trail),
    };
  };

  it('reads the whole trail when an entry older than the view holds could grant sight', async () => {
    const view = viewOf({ awaiting: 'bigData', history: [entry('action', 'applicant', 60)], historyTotal: 60 });
    const p = projects(view, older);
    await expect(openProject(p, user('weishan', 'countyGovernment', ['reviewer']), view.projectId)).resolves.toMatchObject({ reach: 'read' });
    expect(p.asked).toEqual([`view ${view.projectId}`, `audit ${view.projectId}`]);
  });

  it('refuses another jurisdiction with 403 before asking for the project, and says why', async () => {
    const view = viewOf({});
    const p = projects(view, []);
    await expect(openProject(p, user('jingle', 'bigData', ['administrator']), view.projectId)).rejects.toMatchObject({
      status: 403,
      message: '该项目不属于您所在的辖区',
    });
    expect(p.asked).toEqual([]);
    await expect(openProject(p, user('weishan', 'finance', ['reviewer']), view.projectId)).rejects.toMatchObject({ status: 403 });
  });
});

describe('what lists hold (server/access.ts listScope)', () => {
  it('scopes lists by the same rule: the unit, the department, or the whole jurisdiction', () => {
    expect(listScope(user('weishan', 'bigData', ['supervisor']))).toEqual({ jurisdiction: 'weishan' });
    expect(listScope(user('weishan', 'finance', ['reviewer']))).toEqual({ jurisdiction: 'weishan', of: { department: 'finance' } });
    expect(listScope(user('weishan', 'applicant', ['applicant'], '微山县城市管理局'))).toEqual({
      jurisdiction: 'weishan',
      of: { applicantUnit: '微山县城市管理局' },
    });
    // 运营公司 finds the projects it builds in its lists, and those it applied for.
    expect(listScope(user('laizhou', 'operator', ['applicant'], '莱州运营公司'))).toEqual({
      jurisdiction: 'laizhou',
      of: { applicantUnit: '莱州运营公司', department: 'operator' },
    });
  });
});

describe('the API and the pages answer alike (in process, over a fake project service)', () => {
  const { identities, bearer } = testIdentities();
  const projects = new FakeProjects();
  const app = testApp({ projects, identities });
  const tokenOf = (userId: string) => bearer(userId).slice('Bearer '.length);
  const sessions = new Map<string, ReturnType<typeof signedIn>>();
  const session = (userId: string) => sessions.get(userId) ?? sessions.set(userId, signedIn(app, tokenOf(userId), userId)).get(userId)!;

  // 微山: the 示例单位's project awaiting 县大数据局; 县委、县政府 had it escalated to them, and 县财政局
  // acted on it long ago (beyond the latest entries a view carries).
  const older = Array.from({ length: 60 }, (_, i) => trailEntry(i + 2, 'system'));
  const weishanProject = projects.add(
    projectView({
      projectId: 'weishan-20260302-00000a01',
      jurisdiction: 'weishan',
      applicantUnit: '微山县示例单位',
      tasks: [step('weishan', 'requirementsReview', 'bigData')],
    }),
    [trailEntry(1, 'action', 'finance'), ...older, trailEntry(62, 'escalation', 'countyGovernment')],
  );
  // 莱州: a 市场运营类 project of another unit awaiting 运营公司's procurement (第八条第三项, 第二十条).
  const marketProject = projects.add(
    projectView({
      projectId: 'laizhou-20260302-00000b01',
      jurisdiction: 'laizhou',
      applicantUnit: '莱州市文化和旅游局',
      title: '智慧文旅运营平台',
      tasks: [step('laizhou', 'procurement', 'operator', ['submit'])],
    }),
    [trailEntry(1, 'submitted', 'applicant'), trailEntry(2, 'notification', 'bigData')],
  );

  const cases: Array<[user: string, project: ProjectView, status: 200 | 403, who: string]> = [
    ['weishan.applicant', weishanProject, 200, 'the applying unit'],
    ['weishan.fixture-applicant', weishanProject, 403, 'another applying unit'],
    ['weishan.bigdata', weishanProject, 200, 'the awaited department'],
    ['weishan.finance', weishanProject, 200, 'a department that acted (before the latest entries)'],
    ['weishan.countygovernment', weishanProject, 200, 'the department it was escalated to'],
    ['weishan.audit', weishanProject, 403, 'an uninvolved department'],
    ['weishan.supervisor', weishanProject, 200, 'the supervisor'],
    ['weishan.admin', weishanProject, 200, 'the administrator'],
    ['jingle.admin', weishanProject, 403, "another jurisdiction's administrator"],
    ['laizhou.operator', marketProject, 200, '运营公司 for the project it builds'],
    ['laizhou.bigdata', marketProject, 200, 'the department notified of it (第九条 备案)'],
    ['laizhou.finance', marketProject, 403, 'an uninvolved department'],
  ];

  it.each(cases.map(([userId, project, status, who]) => ({ userId, project, status, who, id: project.projectId })))(
    '$userId on $id: $status on the API and the pages ($who)',
    async ({ userId, project, status }) => {
      const api = await request(app).get(`/v1/projects/${project.projectId}`).set('Authorization', bearer(userId));
      const { agent } = await session(userId);
      const page = await agent.get(`/projects/${project.projectId}/audit.csv`);
      expect([api.status, page.status]).toEqual([status, status]);
      if (status === 403) expect(api.body.error.issues[0]).toMatchObject({ field: 'authorization', rule: 'scope' });
    },
  );

  it('lists 运营公司 the 市场运营类 project it builds, on the API, in 待办 and in 全部项目', async () => {
    const api = await request(app).get('/v1/projects').set('Authorization', bearer('laizhou.operator'));
    expect(api.body.projects.map((p: { projectId: string }) => p.projectId)).toEqual([marketProject.projectId]);
    const { agent } = await session('laizhou.operator');
    expect((await agent.get('/tasks')).text).toContain(`/projects/${marketProject.projectId}`);
    expect((await agent.get('/projects')).text).toContain(`/projects/${marketProject.projectId}`);
  });

  it('lists a project for the department it was escalated to, on the API and in 全部项目 (the read model holds who was addressed; issue 24 item 5)', async () => {
    const api = await request(app).get('/v1/projects').set('Authorization', bearer('weishan.countygovernment'));
    expect(api.status).toBe(200);
    expect(api.body.projects.map((p: { projectId: string }) => p.projectId)).toEqual([weishanProject.projectId]);
    const { agent } = await session('weishan.countygovernment');
    expect((await agent.get('/projects')).text).toContain(weishanProject.projectId);
    // Another department it never addressed still finds nothing.
    const { agent: other } = await session('weishan.audit');
    expect((await other.get('/projects')).text).not.toContain(weishanProject.projectId);
  });

  it('lists the applying unit its own projects only, and a reviewer what awaits or involved its department', async () => {
    const mine = await request(app).get('/v1/projects').set('Authorization', bearer('weishan.applicant'));
    expect(mine.body.projects.map((p: { projectId: string }) => p.projectId)).toEqual([weishanProject.projectId]);
    const other = await request(app).get('/v1/projects').set('Authorization', bearer('weishan.fixture-applicant'));
    expect(other.body.projects).toEqual([]);
    const finance = await request(app).get('/v1/projects').set('Authorization', bearer('weishan.finance'));
    expect(finance.body.projects.map((p: { projectId: string }) => p.projectId)).toEqual([weishanProject.projectId]);
  });
});
