import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { listScope, openProject, reachOf } from '../../server/access.js';
import type { User } from '../../server/identity.js';

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
