import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { awaitingTasks, isRefusal, publicStatus, sanctionLevel, type Refusal } from '../../machines/inspect.js';
import { checkRequest } from '../../machines/intake.js';
import { applicationSchema } from '../../machines/jingle/application.js';
import { jingle } from '../../machines/jingle/index.js';
import { jingleApplication, jinglePayloads } from '../fixtures/jingle.js';

const at = '2026-11-23T02:00:00.000Z';

const start = (overrides: Record<string, unknown> = {}) =>
  initialTransition(jingle.machine, { projectId: 'p', application: applicationSchema.parse(jingleApplication(overrides)) })[0];

function act(s: AnyMachineSnapshot, task: string, action: string, data?: Record<string, unknown>, department?: string) {
  const assignee = department ?? [...awaitingTasks(s)].find((t) => t.id === task)?.assignee ?? 'applicant';
  const r = checkRequest(jingle, s, { task, action: action as never, department: assignee, actor: '经办人', data: data ?? jinglePayloads[`${task}.${action}`] ?? {} }, at);
  if (isRefusal(r)) throw new Error(r.message);
  return transition(jingle.machine, s, r)[0];
}

function refused(s: AnyMachineSnapshot, task: string, action: string, data: Record<string, unknown>): Refusal {
  const r = checkRequest(jingle, s, { task, action: action as never, department: 'applicant', actor: '经办人', data }, at);
  if (!isRefusal(r)) throw new Error('expected a refusal');
  return r;
}

const articleOf = (overrides: Record<string, unknown>) => {
  const r = applicationSchema.safeParse(jingleApplication(overrides));
  return r.success ? undefined : r.error.issues.map((i) => (i as { params?: { article?: string } }).params?.article);
};

describe('静乐 intake', () => {
  it('requires the information-resource catalogue (第九条)', () => expect(articleOf({ resourceCatalogue: undefined })).toEqual(['静乐 第九条']));
  it('refuses systems not in the system catalogue (第十条)', () => expect(articleOf({ systemsInCatalogue: false })).toEqual(['静乐 第十条']));
  it('refuses systems that do not interconnect and share (第十一条)', () => expect(articleOf({ interconnected: false })).toEqual(['静乐 第十一条']));
  it('requires yearly budgets that add up to the total (第八条)', () =>
    expect(articleOf({ yearlyBudgets: [{ year: 2026, amount: 500_000 }, { year: 2027, amount: 600_000 }] })).toEqual(['静乐 第八条']));
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

describe('静乐 after approval', () => {
  const inProcurement = () => act(act(act(act(start(), 'review', 'approve'), 'countyApproval', 'approve'), 'budget', 'approve'), 'publicity', 'approve');

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

  it('blocks funds and orders rectification when the contract filing is late (第十八、二十五、二十八条)', () => {
    const s = act(inProcurement(), 'procurement', 'submit');
    const [late, actions] = transition(jingle.machine, s, { type: 'deadline.contractFiling', at });
    expect(sanctionLevel(late)).toBe('rectification_ordered');
    const effects = actions as ReadonlyArray<{ type: string; params?: { to?: string } }>;
    expect(effects.filter((a) => a.type === 'notify').map((a) => a.params?.to)).toEqual(['finance']);
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
