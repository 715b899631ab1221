import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../machines/shared/events.js';
import { ProjectService } from '../../server/projects.js';
import { activitiesFor } from '../../workflows/worker.js';
import { samplePayloads, technicalMaterials, weishanApplication } from '../fixtures/weishan.js';
import { identityFor, testConfig, testSigner, timeSkippingEnv, workflowBundle } from '../helpers/temporal.js';
import { fixtures } from '../fixtures/index.js';

// Weekends-only schedules for the years ahead, supplied through configuration as an operator
// would once the State Council publishes them; test data, not the real notices.
const years = [2027, 2028, 2029, 2030, 2031, 2032].map((year) => ({ year, source: '测试用：仅周末休息', holidays: [], workdays: [] }));
const HISTORY_BOUND = 120;

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let projects: ProjectService;

beforeAll(async () => {
  env = await timeSkippingEnv();
  const base = testConfig();
  const config = { ...base, calendar: { years } };
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: activitiesFor(config, { deliver: async () => undefined }),
  });
  running = worker.run();
  projects = new ProjectService(env.client, config.temporal.taskQueue, HISTORY_BOUND, testSigner(() => env.currentTimeMs()));
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const as = (department: string) => ({
  department,
  actor: `${department}经办人`,
  identity: identityFor('weishan', department, String(fixtures.weishan!.variants[0]!.applicantUnit)),
});
const today = async () => chinaDate(await env.currentTimeMs());

describe('a project living for years', () => {
  it('runs five years of operation with yearly self-evaluations, continuing as new with small histories', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()));
    const handle = env.client.workflow.getHandle(projectId);
    const steps: Array<[string, string, string, Record<string, unknown>?]> = [
      ['requirementsReview', 'approve', 'bigData'],
      ['technicalMaterials', 'submit', 'applicant', technicalMaterials(1_000_000)],
      ['technicalReview', 'approve', 'bigData'],
      ['budget', 'approve', 'finance', samplePayloads['budget.approve']],
      ['responsibilityFiling', 'submit', 'applicant', samplePayloads['responsibilityFiling.submit']],
      ['procurement', 'submit', 'applicant', { signedOn: await today(), contract: { ref: 'HT-5Y' }, amount: 900_000 }],
      ['contractFiling', 'submit', 'applicant', samplePayloads['contractFiling.submit']],
      ['acceptance', 'pass', 'applicant', { acceptedOn: await today(), report: { ref: '验收报告' } }],
      ['acceptanceFiling', 'submit', 'applicant', samplePayloads['acceptanceFiling.submit']],
    ];
    for (const [task, action, department, data] of steps) await projects.act(projectId, { task, action: action as never, ...as(department), ...(data ? { data } : {}) });

    const runs = new Set<string>();
    const historySizes: number[] = [];
    for (let year = 1; year <= 5; year++) {
      const view = await projects.view(projectId);
      expect(view.status).toBe('in_operation');
      const evaluation = view.tasks.find((t) => t.task === 'selfEvaluation')!;
      expect(evaluation.deadline?.dueAt).toBeDefined();
      // On the last day of the year the unit reports, after the reminder (催办) has gone out.
      await env.sleep(Date.parse(evaluation.deadline!.dueAt!) - (await env.currentTimeMs()) - 86_400_000 + 60_000);
      await projects.act(projectId, { task: 'selfEvaluation', action: 'submit', ...as('applicant'), data: { report: { ref: `自评价-${year}` }, rating: 'good' } });
      const description = await handle.describe();
      runs.add(description.runId);
      historySizes.push((await handle.fetchHistory()).events?.length ?? 0);
    }

    const audit = await projects.audit(projectId);
    expect(audit.filter((h) => h.task === 'selfEvaluation' && h.kind === 'action')).toHaveLength(5);
    expect(audit.filter((h) => h.kind === 'reminder').length).toBeGreaterThanOrEqual(5);
    expect(audit.filter((h) => h.kind === 'escalation')).toEqual([]);
    expect(runs.size).toBeGreaterThan(1);
    // Every run stays far below the server's suggestion of 4,096 events.
    expect(Math.max(...historySizes)).toBeLessThan(HISTORY_BOUND + 60);
    expect((await today()) >= '2031-01-01').toBe(true);
  }, 120_000);
});
