import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears } from '../../machines/shared/dates.js';
import { chinaDate } from '../../machines/shared/events.js';
import { ProjectService } from '../../server/projects.js';
import { activitiesFor } from '../../worker/index.js';
import { technicalMaterials, weishanApplication, weishanPayloadsOn } from '../fixtures/weishan.js';
import { startTestClock } from '../helpers/clock.js';
import { identityFor, testConfig, testSigner, timeSkippingEnv, workflowBundle } from '../helpers/temporal.js';
import { fixtures } from '../fixtures/index.js';

const HISTORY_BOUND = 120;

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let projects: ProjectService;

beforeAll(async () => {
  env = await timeSkippingEnv();
  await startTestClock(env);
  // Its calendar holds test years up to eight years past the clock (test/helpers/clock.ts).
  const config = testConfig();
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
    const started = await today();
    const payloads = weishanPayloadsOn(started);
    const { projectId } = await projects.submit('weishan', weishanApplication({}, started), { actor: '王五' }, new Date(await env.currentTimeMs()));
    const handle = env.client.workflow.getHandle(projectId);
    const steps: Array<[string, string, string, Record<string, unknown>?]> = [
      ['requirementsReview', 'approve', 'bigData'],
      ['technicalMaterials', 'submit', 'applicant', technicalMaterials(1_000_000)],
      ['technicalReview', 'approve', 'bigData'],
      ['budget', 'approve', 'finance', payloads['budget.approve']],
      ['responsibilityFiling', 'submit', 'applicant', payloads['responsibilityFiling.submit']],
      ['procurement', 'submit', 'applicant', { signedOn: await today(), contract: { ref: 'HT-5Y' }, amount: 900_000 }],
      ['contractFiling', 'submit', 'applicant', payloads['contractFiling.submit']],
      ['acceptance', 'pass', 'applicant', { acceptedOn: await today(), report: { ref: '验收报告' } }],
      ['acceptanceFiling', 'submit', 'applicant', payloads['acceptanceFiling.submit']],
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
    // Accepted on the day it started; the fifth yearly evaluation falls on its fifth anniversary or just after.
    expect((await today()) >= addYears(started, 5)).toBe(true);
  }, 120_000);
});
