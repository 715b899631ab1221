import { describe, expect, it } from 'vitest';
import { chartDriver } from '../helpers/chart.js';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { awaitingTasks, publicStatus, sanctionLevel } from '../../machines/status.js';
import { applicationSchema } from '../../machines/weishan/application.js';
import { weishan } from '../../machines/weishan/index.js';
import { samplePayloads, technicalMaterials, weishanApplication } from '../fixtures/weishan.js';

const at = '2026-11-23T02:00:00.000Z';
const { act, refused } = chartDriver(weishan, samplePayloads, at);

function start(overrides: Parameters<typeof weishanApplication>[0] = {}) {
  const application = applicationSchema.parse(weishanApplication(overrides));
  return initialTransition(weishan.machine, { projectId: 'p1', application })[0];
}

const toLibrary = (s: AnyMachineSnapshot, budget: number) =>
  act(act(act(s, 'requirementsReview', 'approve'), 'technicalMaterials', 'submit', technicalMaterials(budget)), 'technicalReview', 'approve');

describe('微山 intake (第二、八、十六、十九条)', () => {
  it('refuses an application without the party-committee resolution, citing 第八条', () => {
    const result = applicationSchema.safeParse(weishanApplication({ partyCommitteeResolution: undefined }));
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0] as { path: string[]; params?: { article?: string } };
    expect(issue.path).toEqual(['partyCommitteeResolution']);
    expect(issue.params?.article).toBe('微山 第八条');
  });

  it('refuses classified projects (第二条)', () => {
    const result = applicationSchema.safeParse(weishanApplication({ classified: true }));
    expect(result.success).toBe(false);
    expect((result.error!.issues[0] as { params?: { article?: string } }).params?.article).toBe('微山 第二条');
  });

  it('starts with 需求评审 by 县大数据局', () => {
    const s = start();
    expect(publicStatus(s)).toBe('under_review');
    expect(awaitingTasks(s).map((t) => [t.id, t.assignee])).toEqual([['requirementsReview', 'bigData']]);
  });

  it('sends urgent projects to the county decision and then straight to technical materials (第十七条)', () => {
    const s = act(start({ track: 'urgent' }), 'countyDecision', 'approve');
    expect(awaitingTasks(s)[0]?.id).toBe('technicalMaterials');
  });

  it('files upper-level programmes with 县大数据局 into the library (第十九条)', () => {
    const s = act(start({ track: 'upperLevel', organisedBy: '山东省大数据局', partyCommitteeResolution: undefined }), 'upperLevelFiling', 'approve');
    expect(publicStatus(s)).toBe('budgeting');
  });
});

describe('微山 review (第六、七、十八、三十六条)', () => {
  it('refuses a 4.9% security budget at technical review, citing 第三十六条', () => {
    const s = act(start({ totalBudget: 3_000_000 }), 'requirementsReview', 'approve');
    const r = refused(s, 'technicalMaterials', 'submit', technicalMaterials(3_000_000, 4.9), 'applicant');
    expect(r.kind).toBe('invalid');
    expect(r.issues).toEqual([expect.objectContaining({ field: 'data.securityBudget', article: '微山 第三十六条' })]);
  });

  it('accepts exactly 5% security budget', () => {
    const s = act(act(start({ totalBudget: 3_000_000 }), 'requirementsReview', 'approve'), 'technicalMaterials', 'submit', technicalMaterials(3_000_000, 5));
    expect(awaitingTasks(s)[0]?.id).toBe('technicalReview');
  });

  it('requires a feasibility study from 5,000,000 yuan inclusive (第六条)', () => {
    const s = act(start({ totalBudget: 5_000_000 }), 'requirementsReview', 'approve');
    const { feasibilityStudy: _omit, ...materials } = technicalMaterials(5_000_000);
    const r = refused(s, 'technicalMaterials', 'submit', materials, 'applicant');
    expect(r.issues.map((i) => i.article)).toEqual(['微山 第六条']);
  });

  it('requires the cryptography plan and the product security statement (第六、七条)', () => {
    const s = act(start(), 'requirementsReview', 'approve');
    const r = refused(s, 'technicalMaterials', 'submit', { constructionPlan: { ref: 'x' }, securityBudget: 50_000 }, 'applicant');
    expect(r.issues.map((i) => i.field)).toEqual(['data.cryptoPlan', 'data.securityStatement']);
  });

  it('keeps a 3,000,000-yuan project out of the library until the upper-level review (第十八条)', () => {
    const s = toLibrary(start({ totalBudget: 3_000_000 }), 3_000_000);
    expect(awaitingTasks(s).map((t) => [t.id, t.assignee])).toEqual([['upperLevelReview', 'upperBigData']]);
    expect(refused(s, 'budget', 'approve', samplePayloads['budget.approve'], 'finance').kind).toBe('conflict');
    expect(publicStatus(act(s, 'upperLevelReview', 'approve'))).toBe('budgeting');
  });

  it('treats 2,000,000 yuan as needing the upper-level review (200万元（含）以上)', () => {
    expect(awaitingTasks(toLibrary(start({ totalBudget: 2_000_000 }), 2_000_000))[0]?.id).toBe('upperLevelReview');
    expect(publicStatus(toLibrary(start({ totalBudget: 1_999_999 }), 1_999_999))).toBe('budgeting');
  });

  it('refuses a review by a department other than the one awaited', () => {
    const r = refused(start(), 'requirementsReview', 'approve', {}, 'finance');
    expect(r.kind).toBe('forbidden');
    expect(r.message).toContain('县大数据局');
  });
});

describe('微山 after 立项', () => {
  const inProcurement = () => act(act(toLibrary(start(), 1_000_000), 'budget', 'approve'), 'responsibilityFiling', 'submit');

  it('waits for the contract filing with a 10-working-day deadline from signing (第二十七条)', () => {
    const s = act(inProcurement(), 'procurement', 'submit');
    const t = awaitingTasks(s).find((x) => x.id === 'contractFiling');
    expect(t?.deadline).toMatchObject({ id: 'contractFiling', period: { unit: 'workingDays', count: 10 }, article: '微山 第二十七条' });
  });

  it('escalates a missed contract filing and orders rectification (第二十七、四十条)', () => {
    const s = act(inProcurement(), 'procurement', 'submit');
    const [next, actions] = transition(weishan.machine, s, { type: 'deadline.contractFiling', at });
    expect(sanctionLevel(next)).toBe('rectification_ordered');
    expect(actions.map((a) => a.type)).toContain('escalate');
    expect(
      awaitingTasks(next)
        .map((t) => t.id)
        .sort(),
    ).toEqual(['contractFiling', 'rectification']);
  });

  it('walks the supervision chain when rectification is not done (第四十条)', () => {
    let s = act(inProcurement(), 'supervision', 'order', samplePayloads['supervision.order'], 'finance');
    const levels = [sanctionLevel(s)];
    for (const deadline of ['deadline.rectification', 'deadline.sanction', 'deadline.sanction']) {
      s = transition(weishan.machine, s, { type: deadline as `deadline.${string}`, at })[0];
      levels.push(sanctionLevel(s));
    }
    expect(levels).toEqual(['rectification_ordered', 'criticized', 'funds_suspended', 'project_suspended']);
    expect(publicStatus(act(s, 'supervision', 'terminate', {}, 'bigData'))).toBe('terminated');
  });

  it('returns to compliance when 县大数据局 accepts the rectification', () => {
    let s = act(inProcurement(), 'supervision', 'order', samplePayloads['supervision.order'], 'bigData');
    s = act(act(s, 'rectification', 'submit'), 'rectificationCheck', 'approve');
    expect(sanctionLevel(s)).toBeUndefined();
  });

  it('refuses ops funding after a poor self-evaluation (第二十四条)', () => {
    let s = act(act(inProcurement(), 'procurement', 'submit'), 'contractFiling', 'submit');
    s = act(act(s, 'acceptance', 'pass'), 'acceptanceFiling', 'submit');
    expect(publicStatus(s)).toBe('in_operation');
    s = act(s, 'selfEvaluation', 'submit', { report: { ref: '自评' }, rating: 'poor' });
    const r = refused(s, 'opsFunding', 'submit', samplePayloads['opsFunding.submit'], 'applicant');
    expect(r.issues).toEqual([expect.objectContaining({ field: 'operation.lastEvaluationRating', article: '微山 第二十四条' })]);
  });

  it('opens the next self-evaluation year after each report (第三十五条)', () => {
    let s = act(act(inProcurement(), 'procurement', 'submit'), 'contractFiling', 'submit');
    s = act(act(s, 'acceptance', 'pass'), 'acceptanceFiling', 'submit');
    expect(s.context.operation.periodStart).toBe('2027-06-20');
    s = act(s, 'selfEvaluation', 'submit');
    expect(s.context.operation.periodStart).toBe('2028-06-20');
  });
});
