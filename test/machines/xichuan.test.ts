import { describe, expect, it } from 'vitest';
import { chartDriver } from '../helpers/chart.js';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { awaitingTasks, publicStatus, sanctionLevel } from '../../machines/status.js';
import { applicationSchema, intakeDeadlineIssues, type XichuanApplication } from '../../machines/xichuan/application.js';
import { xichuan, xichuanV1 } from '../../machines/xichuan/index.js';
import { xichuanApplication, xichuanPayloads } from '../fixtures/xichuan.js';

const at = '2026-11-23T02:00:00.000Z';
const { act, refused } = chartDriver(xichuan, xichuanPayloads, at);
const parse = (overrides: Record<string, unknown> = {}) => applicationSchema.parse(xichuanApplication(overrides)) as XichuanApplication;
const start = (overrides: Record<string, unknown> = {}) => initialTransition(xichuan.machine, { projectId: 'p', application: parse(overrides) })[0];

const steps = (s: AnyMachineSnapshot, ...tasks: string[]) => tasks.reduce((x, t) => act(x, t, 'approve'), s);
const taskIds = (s: AnyMachineSnapshot) => awaitingTasks(s).map((t) => [t.id, t.assignee]);

describe('淅川 intake (第七、八、十二条)', () => {
  it('takes next year’s projects until 30 June and refuses them after, citing 第七条', () => {
    expect(intakeDeadlineIssues(parse({ planYear: 2027 }), '2026-06-30')).toEqual([]);
    expect(intakeDeadlineIssues(parse({ planYear: 2027 }), '2026-07-01')).toEqual([
      expect.objectContaining({ field: 'application.planYear', article: '淅川 第七条' }),
    ]);
    expect(intakeDeadlineIssues(parse({ planYear: 2026, temporaryAssignment: true }), '2026-11-23')).toEqual([]);
  });

  it('requires the AI large-model study for new projects (第十二条)', () => {
    const r = applicationSchema.safeParse(xichuanApplication({ aiStudy: undefined }));
    expect(r.success).toBe(false);
    expect((r.error!.issues[0] as { params?: { article?: string } }).params?.article).toBe('淅川 第十二条');
  });
});

describe('淅川 investment and service branches (第四、七、九、十一条)', () => {
  it('takes investment projects through 储备库, 项目建议书, 可研, 初步设计, 投资计划 and 实施意见', () => {
    let s = act(start(), 'infoReview', 'approve');
    const seen: unknown[] = [];
    for (const [t, action] of [
      ['reserveSubmission', 'submit'],
      ...['reserve', 'proposal', 'feasibility', 'design', 'investmentPlan', 'implementationOpinion'].map((t) => [t, 'approve']),
    ]) {
      seen.push(taskIds(s)[0]);
      s = act(s, t!, action!);
    }
    expect(seen).toEqual([
      ['reserveSubmission', 'ndrc'],
      ['reserve', 'countyGovernment'],
      ['proposal', 'ndrc'],
      ['feasibility', 'ndrc'],
      ['design', 'ndrc'],
      ['investmentPlan', 'ndrc'],
      ['implementationOpinion', 'infoBureau'],
    ]);
    expect(publicStatus(s)).toBe('budgeting');
  });

  // Issue 12, corrections (chart v2): "县发改委对审查通过的政务信息化项目，报县政府批准后列入政府投资项目储备库" (第七条).
  it('lets 县发改委 take up a reviewed investment project and submit it before 县政府 approves it into the reserve (第七条)', () => {
    const reviewed = act(start(), 'infoReview', 'approve');
    expect(awaitingTasks(reviewed)).toEqual([expect.objectContaining({ id: 'reserveSubmission', assignee: 'ndrc', article: '淅川 第七条' })]);
    expect(refused(reviewed, 'reserve', 'approve', {}, 'countyGovernment')).toMatchObject({ kind: 'conflict' });
    const submitted = act(reviewed, 'reserveSubmission', 'submit');
    expect(taskIds(submitted)).toEqual([['reserve', 'countyGovernment']]);
    expect(submitted.context.records.reserveSubmission).toMatchObject({ department: 'ndrc' });
  });

  it('leaves projects on chart v1 as they were: 县政府 approves the reserve right after the review', () => {
    const v1 = initialTransition(xichuanV1.machine, { projectId: 'p', application: parse() })[0];
    const reviewed = transition(xichuanV1.machine, v1, { type: 'infoReview.approve', department: 'infoBureau', actor: '经办人', data: {}, at })[0];
    expect(taskIds(reviewed)).toEqual([['reserve', 'countyGovernment']]);
  });

  it('implements service purchases and pure equipment purchases after the county government approves', () => {
    expect(taskIds(act(start({ projectType: 'service' }), 'infoReview', 'approve'))).toEqual([['countyApproval', 'countyGovernment']]);
    expect(taskIds(act(start({ pureEquipmentPurchase: true }), 'infoReview', 'approve'))).toEqual([['countyApproval', 'countyGovernment']]);
  });

  it('takes temporary assignments through 分管领导, technical review and 发改委 (第八条)', () => {
    const s = start({ temporaryAssignment: true });
    expect(taskIds(s)).toEqual([['leaderConsent', 'leader']]);
    expect(publicStatus(steps(s, 'leaderConsent', 'technicalReview', 'ndrcApproval'))).toBe('budgeting');
  });
});

describe('淅川 construction and acceptance', () => {
  const funded = (overrides: Record<string, unknown> = {}) =>
    act(steps(act(start({ projectType: 'service', ...overrides }), 'infoReview', 'approve'), 'countyApproval'), 'budget', 'approve');
  const built = () => act(act(funded(), 'procurement', 'submit'), 'completion', 'submit');

  it('requires supervision for investment projects (第十六条) and forbids subcontracting (第十五条)', () => {
    const inv = act(
      steps(
        act(act(start(), 'infoReview', 'approve'), 'reserveSubmission', 'submit'),
        'reserve',
        'proposal',
        'feasibility',
        'design',
        'investmentPlan',
        'implementationOpinion',
      ),
      'budget',
      'approve',
    );
    const { supervisor: _none, ...noSupervisor } = xichuanPayloads['procurement.submit']!;
    expect(refused(inv, 'procurement', 'submit', noSupervisor).issues.map((i) => i.article)).toEqual(['淅川 第十六条']);
    expect(
      refused(funded(), 'procurement', 'submit', { ...xichuanPayloads['procurement.submit'], noSubcontracting: false }).issues.map((i) => i.article),
    ).toEqual(['淅川 第十五条']);
  });

  it('gives acceptance 6 months from completion and requires its materials and the AI assessment (第十二、十八条)', () => {
    const s = built();
    expect(awaitingTasks(s)[0]?.deadline).toMatchObject({ period: { unit: 'months', count: 6 }, start: 'records.completion.completedOn' });
    const { auditReport: _a, aiEffectAssessment: _b, ...incomplete } = xichuanPayloads['acceptance.pass']!;
    expect(refused(s, 'acceptance', 'pass', incomplete).issues.map((i) => [i.field, i.article])).toEqual([
      ['data.auditReport', '淅川 第十八条'],
      ['data.aiEffectAssessment', '淅川 第十二条'],
    ]);
  });

  it('asks for a written explanation with a date when acceptance is late (第十九条)', () => {
    const late = transition(xichuan.machine, built(), { type: 'deadline.acceptance', at })[0];
    expect(taskIds(late)).toEqual([['lateExplanation', 'applicant']]);
    expect(awaitingTasks(act(late, 'lateExplanation', 'submit'))[0]?.deadline).toMatchObject({
      id: 'promisedAcceptance',
      start: 'records.lateExplanation.acceptanceDate',
    });
  });

  it('walks the supervision chain when the rectification month is missed (第十九、三十五条)', () => {
    let s = act(built(), 'acceptance', 'fail');
    expect(awaitingTasks(s).find((t) => t.id === 'reAcceptance')?.deadline).toMatchObject({ period: { unit: 'months', count: 1 } });
    s = transition(xichuan.machine, s, { type: 'deadline.rectificationMonth', at })[0];
    const levels = [sanctionLevel(s)];
    for (const d of ['deadline.rectification', 'deadline.sanction']) {
      s = transition(xichuan.machine, s, { type: d as `deadline.${string}`, at })[0];
      levels.push(sanctionLevel(s));
    }
    expect(levels).toEqual(['rectification_ordered', 'funds_suspended', 'project_suspended']);
  });

  // Issue 12, corrections: "未经规定程序批准，任何单位和个人不得擅自修改政务信息化项目的建设内容" (第十七条).
  it('says what 第十七条 requires instead when an adjustment exceeds 15%', () => {
    const s = act(funded(), 'procurement', 'submit');
    const r = refused(s, 'adjustment', 'submit', { ...xichuanPayloads['adjustment.submit'], increase: 10_000_000 });
    expect(r.issues).toEqual([
      expect.objectContaining({
        field: 'data.increase',
        article: '淅川 第十七条',
        message: expect.stringContaining('不符合的，未经规定程序批准，不得擅自修改建设内容'),
      }),
    ]);
  });

  it('needs 政务信息管理局’s opinion for a technical adjustment (第十七条)', () => {
    const s = act(funded(), 'procurement', 'submit');
    const { infoBureauOpinionRef: _none, ...withoutOpinion } = xichuanPayloads['adjustment.submit']!;
    expect(refused(s, 'adjustment', 'submit', withoutOpinion).issues.map((i) => i.article)).toEqual(['淅川 第十七条']);
    expect(() => act(s, 'adjustment', 'submit')).not.toThrow();
  });
});

describe('淅川 operation (第二十至二十三条)', () => {
  const operating = () =>
    act(
      act(
        act(act(steps(act(start({ projectType: 'service' }), 'infoReview', 'approve'), 'countyApproval'), 'budget', 'approve'), 'procurement', 'submit'),
        'completion',
        'submit',
      ),
      'acceptance',
      'pass',
    );

  it('reviews ops fees at 政务信息管理局 and then 财政局, refusing the grounds of 第二十三条', () => {
    const s = operating();
    expect(refused(s, 'opsFee', 'submit', { ...xichuanPayloads['opsFee.submit'], connectedAndSharing: false }).issues.map((i) => i.article)).toEqual([
      '淅川 第二十三条',
    ]);
    const reviewed = act(act(s, 'opsFee', 'submit'), 'opsFeeReview', 'approve');
    expect(taskIds(reviewed)).toContainEqual(['opsBudget', 'finance']);
  });

  it('shuts down an idle system after 政务信息管理局 approves (第二十条)', () => {
    expect(publicStatus(act(act(operating(), 'shutdown', 'submit'), 'shutdownReview', 'approve'))).toBe('decommissioned');
  });
});
