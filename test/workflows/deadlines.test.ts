import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../activities/index.js';
import type { YearSchedule } from '../../activities/calendar.js';
import { chinaDate } from '../../machines/shared/events.js';
import { startWorkflowStack, type ProjectClient, type WorkflowStack } from './client.js';
import { technicalMaterials, weishanApplication, weishanPayloadsOn } from '../fixtures/weishan.js';
import { fixtures } from '../fixtures/index.js';
import { morningOf, skipPast } from '../helpers/clock.js';
import { actingAs, testConfig } from '../helpers/temporal.js';

/** Every day from `from` to `to` (YYYY-MM-DD, inclusive). */
function daysFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * The State Council's 2026 schedule (国务院办公厅关于2026年部分节假日安排的通知), moved to 2037:
 * 2037's weekdays fall exactly as 2026's (both begin on a Thursday and have 365 days). Test data,
 * so every expected date below can be counted by hand from the 2026 notice, while the clock
 * (which a time-skipping server can only move forward) stays ahead of the real date for years.
 * A supplied year replaces whatever `chinese-days` ships for it.
 */
const SCHEDULE_2037: YearSchedule & { source: string } = {
  year: 2037,
  source: '测试用：国务院办公厅2026年节假日安排移至星期排列相同的2037年（非2037年通知）',
  holidays: [
    ...daysFrom('2037-01-01', '2037-01-03'), // 元旦
    ...daysFrom('2037-02-15', '2037-02-23'), // 春节
    ...daysFrom('2037-04-04', '2037-04-06'), // 清明节
    ...daysFrom('2037-05-01', '2037-05-05'), // 劳动节
    ...daysFrom('2037-06-19', '2037-06-21'), // 端午节
    ...daysFrom('2037-09-25', '2037-09-27'), // 中秋节
    ...daysFrom('2037-10-01', '2037-10-07'), // 国庆节
  ],
  // 调休上班: Sun 1/4, Sat 2/14, Sat 2/28, Sat 5/9, Sun 9/20, Sat 10/10.
  workdays: ['2037-01-04', '2037-02-14', '2037-02-28', '2037-05-09', '2037-09-20', '2037-10-10'],
};
/** Weekends only, so the time limits that follow each test's own stay computable (test data). */
const WEEKENDS_2038 = { year: 2038, source: '测试用：仅周末休息（测试数据，非国务院办公厅通知）', holidays: [], workdays: [] };

let env: TestWorkflowEnvironment;
let projects: ProjectClient;
let effects: Effect[];
let stack: WorkflowStack;

beforeAll(async () => {
  // The clock is pinned by each test in 2037, not moved to the test clock.
  stack = await startWorkflowStack({ config: { ...testConfig(), calendar: { years: [SCHEDULE_2037, WEEKENDS_2038] } }, moveToTestClock: false });
  ({ env, projects, effects } = stack);
});
afterAll(async () => {
  await stack?.stop();
});

const as = (department: string) => actingAs(department);

/**
 * Move the server's clock to 10:00 China Standard Time of `day` and submit a 微山 application
 * there. The tests below run in date order on one server, each from its own day.
 */
async function submitOn(day: string): Promise<string> {
  await skipPast(env, new Date(morningOf(day).getTime() - 1_000).toISOString());
  // A test that ran past the next one's day would make its hand-counted dates meaningless.
  expect(chinaDate(await env.currentTimeMs())).toBe(day);
  return (await projects.submit('weishan', weishanApplication({}, day), { actor: '王五' }, morningOf(day))).projectId;
}

describe('time limits on the time-skipping server, counted by hand from a known schedule', () => {
  it('reminds before a 15-working-day review service level, escalates at it and one level higher beyond it, over 春节', async () => {
    // Submitted Fri 2/6. Working days: 2/9–2/13 (1–5), Sat 2/14 调休 (6), 春节 2/15–2/23 off,
    // 2/24–2/27 (7–10), Sat 2/28 调休 (11), 3/2–3/5 (12–15): the last day is Thu 3/5.
    const projectId = await submitOn('2037-02-06');
    expect(await projects.firstDueAt(projectId)).toBe('2037-03-05T16:00:00.000Z'); // 24:00 of 3/5, China time
    const remindAt = '2037-03-02T16:00:00.000Z'; // 00:00 of 3/3, two working days before 3/5
    const secondAt = '2037-03-12T16:00:00.000Z'; // 24:00 of 3/12, five working days after 3/5 (3/6, 3/9–3/12)

    await skipPast(env, remindAt);
    const reminded = await projects.audit(projectId);
    expect(reminded.filter((h) => h.kind === 'reminder')).toEqual([expect.objectContaining({ department: 'bigData', at: remindAt })]);
    expect(reminded.filter((h) => h.kind === 'escalation')).toEqual([]);

    await skipPast(env, '2037-03-05T16:00:00.000Z');
    expect((await projects.view(projectId)).escalations).toEqual([
      expect.objectContaining({ level: 1, department: 'countyGovernment', at: '2037-03-05T16:00:00.000Z' }),
    ]);

    await skipPast(env, secondAt);
    const view = await projects.view(projectId);
    expect(view.escalations.map((e) => [e.level, e.department, e.at])).toEqual([
      [1, 'countyGovernment', '2037-03-05T16:00:00.000Z'],
      [2, 'upperBigData', secondAt],
    ]);
    expect(view.tasks[0]?.escalationLevel).toBe(2);
  });

  it('stops the escalation chain when the reviewer acts, over 劳动节 and its make-up Saturday', async () => {
    // Submitted Fri 4/24. Working days: 4/27–4/30 (1–4), 劳动节 5/1–5/5 off, 5/6–5/8 (5–7),
    // Sat 5/9 调休 (8), 5/11–5/15 (9–13), 5/18 (14), 5/19 (15): the last day is Tue 5/19.
    const projectId = await submitOn('2037-04-24');
    expect(await projects.firstDueAt(projectId)).toBe('2037-05-19T16:00:00.000Z');
    await skipPast(env, '2037-05-19T16:00:00.000Z');
    await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
    // The second level would have come at 24:00 of 5/26 (5/20–5/22, 5/25, 5/26); a day later there is still one escalation.
    await skipPast(env, '2037-05-27T16:00:00.000Z');
    const escalations = (await projects.audit(projectId)).filter((h) => h.kind === 'escalation');
    expect(escalations.map((e) => e.level)).toEqual([1]);
  });

  it('escalates a contract not filed within 10 working days exactly when the period ends, over 国庆 and its make-up Saturday (第二十七条)', async () => {
    const projectId = await submitOn('2037-09-29');
    const payloads = weishanPayloadsOn('2037-09-29');
    for (const [task, action, department, data] of [
      ['requirementsReview', 'approve', 'bigData'],
      ['technicalMaterials', 'submit', 'applicant', technicalMaterials(1_000_000)],
      ['technicalReview', 'approve', 'bigData'],
      ['budget', 'approve', 'finance', payloads['budget.approve']],
      ['responsibilityFiling', 'submit', 'applicant', payloads['responsibilityFiling.submit']],
    ] as Array<[string, string, string, Record<string, unknown>?]>) {
      await projects.act(projectId, { task, action: action as never, ...as(department), ...(data ? { data } : {}) });
    }
    // Signed Tue 9/29. Working days: 9/30 (1), 国庆 10/1–10/7 off, 10/8 (2), 10/9 (3), Sat 10/10 调休 (4),
    // 10/12–10/16 (5–9), Mon 10/19 (10).
    const view = await projects.act(projectId, {
      task: 'procurement',
      action: 'submit',
      ...as('applicant'),
      data: { signedOn: '2037-09-29', contract: { ref: 'WS-CG-2037-101' }, amount: 900_000 },
    });
    expect(view.tasks.find((t) => t.task === 'contractFiling')?.deadline).toMatchObject({
      lastDay: '2037-10-19',
      dueAt: '2037-10-19T16:00:00.000Z',
      article: '微山 第二十七条',
    });

    await skipPast(env, '2037-10-19T15:59:00.000Z');
    expect((await projects.view(projectId)).escalations).toEqual([]);

    await skipPast(env, '2037-10-19T16:01:00.000Z');
    const late = await projects.view(projectId);
    expect(late.escalations).toEqual([expect.objectContaining({ department: 'bigData', article: '微山 第二十七条' })]);
    expect(late.sanction?.level).toBe('rectification_ordered');
    expect(late.tasks.map((t) => t.task).sort()).toEqual(['contractFiling', 'rectification']);
    expect(effects.filter((e) => e.projectId === projectId).map((e) => e.type)).toContain('escalate');
  });
});
