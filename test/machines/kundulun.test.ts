import { describe, expect, it } from 'vitest';
import { chartDriver } from '../helpers/chart.js';
import { initialTransition, transition } from 'xstate';
import { awaitingTasks, offeredActions, sanctionLevel } from '../../machines/status.js';
import { applicationSchema } from '../../machines/kundulun/application.js';
import { kundulun } from '../../machines/kundulun/index.js';
import { regulationStatus } from '../../machines/shared/definition.js';
import { kundulunApplication, kundulunPayloads } from '../fixtures/kundulun.js';

const at = '2026-11-23T02:00:00.000Z';
const { act, refused } = chartDriver(kundulun, kundulunPayloads, at);

const start = (overrides: Record<string, unknown> = {}) =>
  initialTransition(kundulun.machine, { projectId: 'p', application: applicationSchema.parse(kundulunApplication(overrides)) })[0];

const issuesOf = (overrides: Record<string, unknown>) => {
  const r = applicationSchema.safeParse(kundulunApplication(overrides));
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), (i as { params?: { article?: string } }).params?.article]);
};

const approved = (overrides: Record<string, unknown> = {}) =>
  act(act(act(start(overrides), 'proposalReview', 'approve'), 'feasibilityReview', 'approve'), 'designReview', 'approve');

describe('昆都仑 intake', () => {
  it('refuses township projects (第二十八条)', () => expect(issuesOf({ applicantKind: 'township' })).toEqual([['applicantKind', '昆都仑 第二十八条']]));
  it('requires the applicant 第六条 names for the kind of project', () =>
    expect(issuesOf({ projectKind: 'basicPublic', applicantKind: 'department' })).toEqual([['applicantKind', '昆都仑 第六条']]));
  it('requires the project library and the annual plan for district funds (第五、八条)', () =>
    expect(issuesOf({ inProjectLibrary: false, inAnnualPlan: false })).toEqual([
      ['inProjectLibrary', '昆都仑 第五条'],
      ['inAnnualPlan', '昆都仑 第八条'],
    ]));
  it('checks the conditions of 第九条', () =>
    expect(issuesOf({ conditions: { meetsDigitalGovernmentPlan: true, clearAndReliable: false, sharingAndIntensive: true } })).toEqual([
      ['conditions.clearAndReliable', '昆都仑 第九条'],
    ]));
  it('names the item of the negative list (第十条)', () => {
    const list = { ...(kundulunApplication().negativeList as Record<string, boolean>), notOnGovernmentCloud: true, idleSystemUpgrade: true };
    expect(issuesOf({ negativeList: list })).toEqual([
      ['negativeList.notOnGovernmentCloud', '昆都仑 第十条第（三）项'],
      ['negativeList.idleSystemUpgrade', '昆都仑 第十条第（六）项'],
    ]);
  });
  it('warns that the trial regulation runs out at the end of 2026', () => {
    expect(regulationStatus(kundulun.regulation, '2026-11-22')).toMatchObject({ inForce: true, notice: expect.stringContaining('2026-12-27') });
    expect(regulationStatus(kundulun.regulation, '2026-12-28').inForce).toBe(false);
  });
});

describe('昆都仑 approval (第十一、十二条)', () => {
  it('files special, free and self-raised projects instead of approving them', () => {
    expect(awaitingTasks(start({ fundingSource: 'selfRaised', inProjectLibrary: false, inAnnualPlan: false }))[0]).toMatchObject({
      id: 'filing',
      article: '昆都仑 第十二条',
    });
  });
  it('goes through proposal, feasibility and design in order', () => {
    const s = act(start(), 'proposalReview', 'approve');
    expect(awaitingTasks(s)[0]?.id).toBe('feasibilityReview');
    expect(awaitingTasks(act(s, 'feasibilityReview', 'return'))[0]?.id).toBe('feasibilityRevision');
  });
  it('starts at the design stage where the procedure may be simplified', () =>
    expect(awaitingTasks(start({ simplifiedProcedure: true }))[0]?.id).toBe('designReview'));
});

describe('昆都仑 construction', () => {
  const inConstruction = (overrides: Record<string, unknown> = {}) => act(act(approved(overrides), 'budget', 'approve'), 'procurement', 'submit');

  it('requires a supervisor from 2,000,000 yuan (第十九条)', () => {
    const s = act(approved({ totalBudget: 2_000_000 }), 'budget', 'approve');
    const { supervisor: _none, ...withoutSupervisor } = kundulunPayloads['procurement.submit']!;
    expect(refused(s, 'procurement', 'submit', withoutSupervisor).issues[0]).toMatchObject({ article: '昆都仑 第十九条' });
    expect(awaitingTasks(act(act(approved({ totalBudget: 1_999_999 }), 'budget', 'approve'), 'procurement', 'submit', withoutSupervisor))[0]?.id).toBe(
      'preAcceptance',
    );
  });

  it('lets the unit adjust within 15%, counting the larger change and leaving tender savings out (第二十一条)', () => {
    const s = inConstruction(); // total 1,500,000: 15% = 225,000
    const base = kundulunPayloads['adjustment.submit']!;
    expect(() => act(s, 'adjustment', 'submit', { ...base, increase: 225_000, newContent: 0 })).not.toThrow();
    expect(refused(s, 'adjustment', 'submit', { ...base, increase: 225_001, newContent: 0 }).issues.map((i) => i.field)).toEqual(['data.increase']);
    expect(() => act(s, 'adjustment', 'submit', { ...base, increase: 0, decrease: 400_000, tenderSavings: 200_000, newContent: 0 })).not.toThrow();
  });

  // Issue 12, corrections: "不符合上述情形的，应当按照有关规定履行相应手续" (第二十一条).
  it('says what 第二十一条 requires instead when an adjustment exceeds its limits', () => {
    const r = refused(inConstruction(), 'adjustment', 'submit', { ...kundulunPayloads['adjustment.submit']!, increase: 225_001, newContent: 0 });
    expect(r.message).toContain('不符合的，应当按照有关规定履行相应手续（昆都仑 第二十一条）');
  });

  it('caps new content at 5% of the total and 2,000,000 yuan (第二十一条)', () => {
    const base = kundulunPayloads['adjustment.submit']!;
    expect(refused(inConstruction(), 'adjustment', 'submit', { ...base, newContent: 75_001 }).issues.map((i) => i.field)).toEqual(['data.newContent']);
    const big = inConstruction({ totalBudget: 60_000_000 });
    expect(refused(big, 'adjustment', 'submit', { ...base, increase: 2_000_001, newContent: 2_000_001 }).issues.map((i) => i.field)).toEqual([
      'data.newContent',
    ]);
  });

  it('allows acceptance only after the pre-acceptance review by 区政数局 (第二十二条)', () => {
    const s = inConstruction();
    expect(refused(s, 'acceptance', 'pass', kundulunPayloads['acceptance.pass']!).kind).toBe('conflict');
    const reviewed = act(act(s, 'preAcceptance', 'submit'), 'preAcceptanceReview', 'approve');
    expect(awaitingTasks(reviewed)[0]?.id).toBe('acceptance');
  });

  it('takes the self-evaluation only one to two years after operation (第二十三条)', () => {
    const s = act(act(act(inConstruction(), 'preAcceptance', 'submit'), 'preAcceptanceReview', 'approve'), 'acceptance', 'pass', {
      acceptedOn: '2026-06-01',
      report: { ref: 'r' },
    });
    expect(awaitingTasks(s)[0]?.deadline).toMatchObject({ period: { unit: 'years', count: 2 } });
    expect(refused(s, 'selfEvaluation', 'submit', kundulunPayloads['selfEvaluation.submit']!).issues[0]).toMatchObject({ article: '昆都仑 第二十三条' });
    expect(awaitingTasks(act(s, 'selfEvaluation', 'submit', undefined, undefined, '2027-06-02T02:00:00.000Z'))).toEqual([]);
  });

  it('walks the chain of 第二十五条 to suspension and offers no termination', () => {
    let s = act(inConstruction(), 'supervision', 'order', kundulunPayloads['supervision.order'], 'secrecy');
    for (const d of ['deadline.rectification', 'deadline.sanction', 'deadline.sanction'])
      s = transition(kundulun.machine, s, { type: d as `deadline.${string}`, at })[0];
    expect(sanctionLevel(s)).toBe('project_suspended');
    expect(offeredActions(s).filter((o) => o.actions.includes('terminate'))).toEqual([]);
  });
});
