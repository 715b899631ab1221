import { describe, expect, it } from 'vitest';
import { chartDriver } from '../helpers/chart.js';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { awaitingTasks, offeredActions, publicStatus } from '../../machines/status.js';
import { applicationSchema } from '../../machines/laizhou/application.js';
import { laizhou, laizhouV1 } from '../../machines/laizhou/index.js';
import { regulationStatus } from '../../machines/shared/definition.js';
import { laizhouApplication, laizhouPayloads } from '../fixtures/laizhou.js';

const at = '2026-11-23T02:00:00.000Z';
const { act, refused } = chartDriver(laizhou, laizhouPayloads, at);
const start = (overrides: Record<string, unknown> = {}) =>
  initialTransition(laizhou.machine, { projectId: 'p', application: applicationSchema.parse(laizhouApplication(overrides)) })[0];

const tasks = (s: AnyMachineSnapshot) => awaitingTasks(s).map((t) => [t.id, t.assignee]);
const articles = (overrides: Record<string, unknown>) => {
  const r = applicationSchema.safeParse(laizhouApplication(overrides));
  return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), (i as { params?: { article?: string } }).params?.article]);
};

describe('莱州 validity and intake', () => {
  it('applies only from 2022-09-29 to 2024-09-28 (第四十二条)', () => {
    expect(regulationStatus(laizhou.regulation, '2024-09-28').inForce).toBe(true);
    expect(regulationStatus(laizhou.regulation, '2026-11-23')).toEqual({ inForce: false, notice: '已于 2024-09-28 期满失效，新申报不适用（莱州 第四十二条）' });
  });
  it('leaves out office equipment, new media and cultural products (第二条)', () =>
    expect(articles({ category: 'newMedia' })).toEqual([['category', '莱州 第二条']]));
  it('requires the material sequence, shortened for planned and urgent projects (第十条)', () => {
    const none = { proposal: undefined, feasibilityStudy: { ref: 'f' }, preliminaryDesign: { ref: 'd' }, investmentEstimate: { ref: 'e' } };
    expect(articles({ materials: none })).toEqual([['materials.proposal', '莱州 第十条']]);
    expect(articles({ materials: none, inPlan: true })).toEqual([]);
    expect(articles({ materials: { feasibilityStudy: { ref: 'f' } }, urgent: true })).toEqual([
      ['materials.preliminaryDesign', '莱州 第十条'],
      ['materials.investmentEstimate', '莱州 第十条'],
    ]);
  });
  it('requires the resource-usage list and the security statement (第十三、十四条)', () =>
    expect(articles({ resourceUsageList: undefined, securityStatement: undefined })).toEqual([
      ['resourceUsageList', '莱州 第十三条'],
      ['securityStatement', '莱州 第十四条'],
    ]));
});

describe('莱州 three classes (第八、九条)', () => {
  it('reviews 政务治理类 jointly by 大数据局 and 财政局 in parallel; the requesting unit builds', () => {
    const s = start();
    expect(tasks(s)).toEqual([
      ['bigDataReview', 'bigData'],
      ['financeReview', 'finance'],
    ]);
    const half = act(s, 'financeReview', 'approve');
    expect(tasks(half)).toEqual([['bigDataReview', 'bigData']]);
    expect(tasks(act(half, 'bigDataReview', 'approve'))).toEqual([['budget', 'finance']]);
  });

  it('reviews 公共服务类 with 发展改革局 too, then 行政审批服务局 approves; the operating company builds', () => {
    let s = start({ projectClass: 'publicService' });
    expect(tasks(s).map(([t]) => t)).toEqual(['bigDataReview', 'financeReview', 'ndrcReview']);
    s = ['bigDataReview', 'financeReview', 'ndrcReview'].reduce((x, t) => act(x, t, 'approve'), s);
    expect(tasks(s)).toEqual([['adminApproval', 'adminApproval']]);
    s = act(act(act(s, 'adminApproval', 'approve'), 'budget', 'approve'), 'procurement', 'submit');
    expect(tasks(s)).toEqual([['performanceReport', 'operator']]);
  });

  it('lets any one reviewer’s rejection decide', () => {
    expect(publicStatus(act(act(start({ projectClass: 'publicService' }), 'bigDataReview', 'approve'), 'ndrcReview', 'reject'))).toBe('rejected');
  });

  it('核准 市场运营类, files it locally and lets the operating company build without a budget', () => {
    let s = ['bigDataReview', 'financeReview'].reduce((x, t) => act(x, t, 'approve'), start({ projectClass: 'market', proposedBy: 'operator' }));
    expect(tasks(s)).toEqual([['localFiling', 'localApproval']]);
    s = act(s, 'localFiling', 'approve');
    expect(tasks(s)).toEqual([['procurement', 'operator']]);
  });

  it('sends a returned package back to its proposer', () => {
    expect(tasks(act(start({ projectClass: 'market', proposedBy: 'operator' }), 'financeReview', 'return'))).toEqual([['revision', 'operator']]);
  });
});

describe('莱州 budget, procurement and construction', () => {
  const funded = (overrides: Record<string, unknown> = {}) =>
    act(
      ['bigDataReview', 'financeReview'].reduce((x, t) => act(x, t, 'approve'), start(overrides)),
      'budget',
      'approve',
    );

  it('budgets on a third-party cost evaluation (第十条)', () => {
    const s = ['bigDataReview', 'financeReview'].reduce((x, t) => act(x, t, 'approve'), start());
    expect(refused(s, 'budget', 'approve', { amount: 1, documentRef: 'x' }, 'finance').issues[0]).toMatchObject({ article: '莱州 第十条' });
  });

  it('allows adjustments only before procurement and within 15% (第十九条)', () => {
    const s = funded();
    expect(refused(s, 'adjustment', 'submit', { ...laizhouPayloads['adjustment.submit'], increase: 900_001 }, 'applicant').issues[0]).toMatchObject({
      article: '莱州 第十九条',
    });
    expect(tasks(act(s, 'adjustment', 'submit'))).toEqual([['adjustmentReview', 'bigData']]);
    const contracted = act(s, 'procurement', 'submit');
    expect(refused(contracted, 'adjustment', 'submit', laizhouPayloads['adjustment.submit']!, 'applicant').kind).toBe('conflict');
  });

  // Issue 12, corrections: "不符合上述情形的，应当按照有关规定履行项目申报和预算调整手续" (第十九条).
  it('says what 第十九条 requires instead when an adjustment exceeds 15%', () => {
    const r = refused(funded(), 'adjustment', 'submit', { ...laizhouPayloads['adjustment.submit'], increase: 900_001 }, 'applicant');
    expect(r.issues).toEqual([
      expect.objectContaining({
        field: 'data.increase',
        article: '莱州 第十九条',
        message: expect.stringContaining('不符合的，应当按照有关规定履行项目申报和预算调整手续'),
      }),
    ]);
  });

  it('offers that route before procurement: 市大数据局 reviews the re-application, 市财政局 adjusts the budget (第十九条, chart v2)', () => {
    const s = funded();
    expect(offeredActions(s).find((t) => t.id === 'reapplication')).toMatchObject({ assignee: 'applicant', article: '莱州 第十九条' });
    const declared = act(s, 'reapplication', 'submit');
    expect(tasks(declared)).toEqual([['reapplicationReview', 'bigData']]);
    const reviewed = act(declared, 'reapplicationReview', 'approve');
    expect(tasks(reviewed)).toEqual([['budgetAdjustment', 'finance']]);
    const adjusted = act(reviewed, 'budgetAdjustment', 'approve');
    expect(tasks(adjusted)).toEqual([['procurement', 'applicant']]);
    expect(adjusted.context.records.budgetAdjustment).toMatchObject({ amount: { fen: 750_000_000 }, department: 'finance' });
  });

  it('leaves the project as approved when the re-application is refused, and skips the budget for 市场运营类 (第八、十九条)', () => {
    expect(tasks(act(act(funded(), 'reapplication', 'submit'), 'reapplicationReview', 'reject'))).toEqual([['procurement', 'applicant']]);
    const market = ['bigDataReview', 'financeReview', 'localFiling'].reduce(
      (x, t) => act(x, t, 'approve'),
      start({ projectClass: 'market', proposedBy: 'operator' }),
    );
    expect(tasks(act(act(market, 'reapplication', 'submit'), 'reapplicationReview', 'approve'))).toEqual([['procurement', 'operator']]);
  });

  it('leaves projects on chart v1 as they were: no re-application route', () => {
    const v1 = ['bigDataReview.approve', 'financeReview.approve', 'budget.approve'].reduce(
      (s, type) =>
        transition(laizhouV1.machine, s, { type, department: awaitingTasks(s)[0]!.assignee, actor: '经办人', data: laizhouPayloads[type] ?? {}, at })[0],
      initialTransition(laizhouV1.machine, { projectId: 'p', application: applicationSchema.parse(laizhouApplication()) })[0],
    );
    expect(tasks(v1)).toEqual([['procurement', 'applicant']]);
    expect(offeredActions(v1).map((t) => t.id)).not.toContain('reapplication');
  });

  it('requires supervision from 5,000,000 yuan (第二十三条)', () => {
    const { supervisor: _none, ...without } = laizhouPayloads['procurement.submit']!;
    expect(refused(funded(), 'procurement', 'submit', without, 'applicant').issues[0]).toMatchObject({ article: '莱州 第二十三条' });
    expect(() => act(funded({ totalBudget: 4_999_999 }), 'procurement', 'submit', without)).not.toThrow();
  });

  it('asks for a year-end performance report each construction year (第二十四条)', () => {
    const s = act(funded(), 'procurement', 'submit');
    expect(awaitingTasks(s)[0]?.deadline).toMatchObject({ id: 'performanceReport', start: 'construction.reportDue' });
    expect(s.context.construction).toEqual({ reportDue: '2023-12-31' });
    expect(act(s, 'performanceReport', 'submit').context.construction).toEqual({ reportDue: '2024-12-31' });
  });

  it('gives acceptance half a year, with an extension on request, and requires the software test report (第二十三条)', () => {
    const s = act(act(funded(), 'procurement', 'submit'), 'completion', 'submit');
    expect(awaitingTasks(s)[0]?.deadline).toMatchObject({ period: { unit: 'months', count: 6 } });
    expect(refused(s, 'acceptance', 'pass', { acceptedOn: '2023-06-01', report: { ref: 'r' } }, 'applicant').issues[0]).toMatchObject({
      article: '莱州 第二十三条',
    });
    const extended = act(act(s, 'extension', 'submit'), 'extensionReview', 'approve');
    expect(awaitingTasks(extended)[0]?.deadline).toMatchObject({ id: 'extendedAcceptance', start: 'records.extensionRequest.acceptBy' });
  });
});

describe('莱州 operation', () => {
  const operating = (overrides: Record<string, unknown> = {}) =>
    act(
      act(
        act(
          act(
            ['bigDataReview', 'financeReview'].reduce((x, t) => act(x, t, 'approve'), start(overrides)),
            'budget',
            'approve',
          ),
          'procurement',
          'submit',
        ),
        'completion',
        'submit',
      ),
      'acceptance',
      'pass',
    );

  it('requires a standard within a year of acceptance from 5,000,000 yuan (第十五条) and a self-evaluation within 12 months (第三十四条)', () => {
    const ids = awaitingTasks(operating()).map((t) => [t.id, t.deadline?.period]);
    expect(ids).toEqual([
      ['selfEvaluation', { unit: 'months', count: 12 }],
      ['standard', { unit: 'years', count: 1 }],
    ]);
    expect(awaitingTasks(operating({ totalBudget: 4_000_000 })).map((t) => t.id)).toEqual(['selfEvaluation']);
  });

  it('caps the 政务治理类 ops fee at 10% a year after three free years, through the leading group (第二十九条)', () => {
    const s = operating();
    expect(refused(s, 'opsFee', 'submit', { ...laizhouPayloads['opsFee.submit'], amount: 600_001 }, 'applicant').issues[0]).toMatchObject({
      field: 'data.amount',
      article: '莱州 第二十九条',
    });
    expect(refused(s, 'opsFee', 'submit', { ...laizhouPayloads['opsFee.submit'], dataShared: false }, 'applicant').issues[0]).toMatchObject({
      article: '莱州 第二十六条第（一）项',
    });
    const reviewed = act(act(s, 'opsFee', 'submit'), 'opsFeeReview', 'approve');
    expect(tasks(reviewed)).toContainEqual(['opsFeeApproval', 'leadingGroup']);
  });

  it('decommissions with a plan and a filing (第三十八条)', () => {
    expect(publicStatus(act(act(operating(), 'decommission', 'submit'), 'decommissionFiling', 'approve'))).toBe('decommissioned');
  });
});
