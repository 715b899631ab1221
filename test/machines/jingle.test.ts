import { describe, expect, it } from 'vitest';
import { chartDriver } from '../helpers/chart.js';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { awaitingTasks, publicStatus, sanctionLevel } from '../../machines/status.js';
import { applicationSchema } from '../../machines/jingle/application.js';
import { jingle, jingleV1 } from '../../machines/jingle/index.js';
import { jingleApplication, jinglePayloads } from '../fixtures/jingle.js';

const at = '2026-11-23T02:00:00.000Z';
const { act, refused } = chartDriver(jingle, jinglePayloads, at);

const start = (overrides: Record<string, unknown> = {}) =>
  initialTransition(jingle.machine, { projectId: 'p', application: applicationSchema.parse(jingleApplication(overrides)) })[0];

const articleOf = (overrides: Record<string, unknown>) => {
  const r = applicationSchema.safeParse(jingleApplication(overrides));
  return r.success ? undefined : r.error.issues.map((i) => (i as { params?: { article?: string } }).params?.article);
};

describe('静乐 intake', () => {
  it('requires the information-resource catalogue (第九条)', () => expect(articleOf({ resourceCatalogue: undefined })).toEqual(['静乐 第九条']));
  it('refuses systems not in the system catalogue (第十条)', () => expect(articleOf({ systemsInCatalogue: false })).toEqual(['静乐 第十条']));
  it('refuses systems that do not interconnect and share (第十一条)', () => expect(articleOf({ interconnected: false })).toEqual(['静乐 第十一条']));
  it('requires yearly budgets that add up to the total (第八条)', () =>
    expect(
      articleOf({
        yearlyBudgets: [
          { year: 2026, amount: 500_000 },
          { year: 2027, amount: 600_000 },
        ],
      }),
    ).toEqual(['静乐 第八条']));
});

describe('静乐 review and approval (第十一条)', () => {
  it('reviews planned projects and sends them to the county government', () => {
    const s = act(start(), 'review', 'approve');
    expect(awaitingTasks(s).map((t) => [t.id, t.assignee])).toEqual([['countyApproval', 'countyGovernment']]);
  });

  it('pre-reviews unplanned projects and those of new departments', () => {
    expect(awaitingTasks(start({ inAnnualPlan: false }))[0]?.id).toBe('preReview');
    expect(awaitingTasks(start({ newDepartment: true }))[0]?.id).toBe('preReview');
  });
});

const inProcurement = () => act(act(act(act(start(), 'review', 'approve'), 'countyApproval', 'approve'), 'budget', 'approve'), 'publicity', 'approve');

/** The notices a transition sends, as [department, message]. */
const notices = (actions: ReadonlyArray<{ type: string; params?: unknown }>) =>
  actions.filter((a) => a.type === 'notify').map((a) => [(a.params as { to: string }).to, (a.params as { message: string }).message]);

describe('静乐 after approval', () => {
  it('publishes the allocation plan after the budget (第十三、十四条)', () => {
    const s = act(act(act(start(), 'review', 'approve'), 'countyApproval', 'approve'), 'budget', 'approve');
    expect(awaitingTasks(s)[0]).toMatchObject({ id: 'publicity', assignee: 'infoBureau', article: '静乐 第十四条' });
  });

  it('requires the vendor to be chosen by open competition (第十六条)', () => {
    const r = refused(inProcurement(), 'procurement', 'submit', { ...jinglePayloads['procurement.submit'], selectedByOpenCompetition: false });
    expect(r.issues).toEqual([expect.objectContaining({ article: '静乐 第十六条' })]);
  });

  it('gives the contract filing 5 working days (第十八条)', () => {
    const s = act(inProcurement(), 'procurement', 'submit');
    expect(awaitingTasks(s)[0]?.deadline).toMatchObject({ period: { unit: 'workingDays', count: 5 }, article: '静乐 第十八条' });
  });

  it('withholds funds and orders rectification when the contract filing is late (第十八、二十五、二十八条)', () => {
    const s = act(inProcurement(), 'procurement', 'submit');
    const [late, actions] = transition(jingle.machine, s, { type: 'deadline.contractFiling', at });
    expect(sanctionLevel(late)).toBe('funds_withheld');
    expect(awaitingTasks(late).map((t) => t.id)).toEqual(['contractFiling', 'rectification']);
    expect(notices(actions)).toEqual([['finance', '合同逾期未备案：暂不拨付后续建设资金和运行维护经费']]);
  });

  it('accepts only with the catalogue in the sharing platform and secure, controllable products (第二十三、二十四条)', () => {
    let s = act(act(act(inProcurement(), 'procurement', 'submit'), 'contractFiling', 'submit'), 'supervisorFiling', 'submit');
    const r = refused(s, 'acceptance', 'pass', { ...jinglePayloads['acceptance.pass'], catalogueInSharingPlatform: false, secureControllableProducts: false });
    expect(r.issues.map((i) => i.article)).toEqual(['静乐 第二十三条', '静乐 第二十四条']);
    s = act(s, 'acceptance', 'pass');
    expect(awaitingTasks(s)[0]?.deadline).toMatchObject({ period: { unit: 'workingDays', count: 30 }, article: '静乐 第二十五条' });
    s = act(s, 'acceptanceFiling', 'submit');
    expect(publicStatus(s)).toBe('in_operation');
    expect(s.context.operation).toEqual({ budgetYearEnd: '2027-12-31' });
  });

  it('stops funds and then lets 县政务信息管理局 terminate a project that is not rectified (第二十八条)', () => {
    let s = act(inProcurement(), 'supervision', 'order', jinglePayloads['supervision.order'], 'infoBureau');
    s = transition(jingle.machine, s, { type: 'deadline.rectification', at })[0];
    expect(sanctionLevel(s)).toBe('funds_suspended');
    expect(publicStatus(act(s, 'supervision', 'terminate', {}, 'infoBureau'))).toBe('terminated');
  });
});

// Issue 12, corrections: 第二十五条 names three filings — 建设合同、项目监理单位、验收报告 — and withholds
// 后续建设资金和运行维护经费 from a project that has not made them. Chart v2; v1 stays for running projects.
describe('静乐 第二十五条: funds withheld while a filing is missing (chart v2)', () => {
  const contractFiled = () => act(act(inProcurement(), 'procurement', 'submit'), 'contractFiling', 'submit');

  it('withholds funds while the supervision unit is not filed, which has no time limit (第二十一、二十五条)', () => {
    const [s, actions] = transition(jingle.machine, act(inProcurement(), 'procurement', 'submit'), {
      type: 'contractFiling.submit',
      department: 'applicant',
      actor: '经办人',
      data: jinglePayloads['contractFiling.submit'],
      at,
    });
    expect(awaitingTasks(s)).toEqual([expect.objectContaining({ id: 'supervisorFiling', article: '静乐 第二十一条' })]);
    expect(awaitingTasks(s)[0]?.deadline).toBeUndefined();
    expect(sanctionLevel(s)).toBe('funds_withheld');
    expect(notices(actions)).toEqual([['finance', '项目监理单位尚未备案：暂不拨付后续建设资金和运行维护经费']]);
  });

  it('releases the hold once the supervision unit is filed and tells 县财政局 (第二十五条)', () => {
    const [s, actions] = transition(jingle.machine, contractFiled(), {
      type: 'supervisorFiling.submit',
      department: 'applicant',
      actor: '经办人',
      data: jinglePayloads['supervisorFiling.submit'],
      at,
    });
    expect(publicStatus(s)).toBe('in_construction');
    expect(sanctionLevel(s)).toBeUndefined();
    expect(notices(actions)).toEqual([['finance', '项目监理单位已备案']]);
  });

  it('keeps funds withheld above the rectification order until a late contract filing arrives (第二十五、二十八条)', () => {
    const late = transition(jingle.machine, act(inProcurement(), 'procurement', 'submit'), { type: 'deadline.contractFiling', at })[0];
    const [filed, actions] = transition(jingle.machine, late, {
      type: 'contractFiling.submit',
      department: 'applicant',
      actor: '经办人',
      data: jinglePayloads['contractFiling.submit'],
      at,
    });
    expect(notices(actions)).toEqual([
      ['finance', '建设合同已补办备案'],
      ['finance', '项目监理单位尚未备案：暂不拨付后续建设资金和运行维护经费'],
    ]);
    expect(sanctionLevel(act(filed, 'supervisorFiling', 'submit'))).toBe('rectification_ordered');
  });

  it('withholds operation funds while a late acceptance report is not filed (第二十五条)', () => {
    const accepted = act(act(contractFiled(), 'supervisorFiling', 'submit'), 'acceptance', 'pass');
    const [late, actions] = transition(jingle.machine, accepted, { type: 'deadline.acceptanceFiling', at });
    expect(sanctionLevel(late)).toBe('funds_withheld');
    expect(notices(actions)).toEqual([['finance', '验收报告逾期未备案：暂不拨付后续建设资金和运行维护经费']]);
    expect(publicStatus(act(late, 'acceptanceFiling', 'submit'))).toBe('in_operation');
  });

  it('leaves projects on chart v1 as they were: no hold for the supervision unit, 限期整改 for a late filing', () => {
    const startV1 = initialTransition(jingleV1.machine, { projectId: 'p', application: applicationSchema.parse(jingleApplication()) })[0];
    const step = (s: AnyMachineSnapshot, type: string) =>
      transition(jingleV1.machine, s, { type, department: awaitingTasks(s)[0]!.assignee, actor: '经办人', data: jinglePayloads[type] ?? {}, at })[0];
    const procurement = ['review.approve', 'countyApproval.approve', 'budget.approve', 'publicity.approve', 'procurement.submit'].reduce(step, startV1);
    const late = transition(jingleV1.machine, procurement, { type: 'deadline.contractFiling', at })[0];
    expect(sanctionLevel(late)).toBe('rectification_ordered');
    const supervisor = step(late, 'contractFiling.submit');
    expect(awaitingTasks(supervisor).map((t) => t.id)).toContain('supervisorFiling');
    expect(sanctionLevel(step(procurement, 'contractFiling.submit'))).toBeUndefined();
  });
});
