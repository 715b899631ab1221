import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../core/chain.js';
import { addYears } from '../../machines/shared/dates.js';
import { chinaDate } from '../../machines/shared/events.js';
import { startWorkflowStack, type ProjectClient, type WorkflowStack } from './client.js';
import { weishanApplication, weishanPayloadsOn } from '../fixtures/weishan.js';
import { actingAs } from '../helpers/temporal.js';
import { fixtures } from '../fixtures/index.js';
import { awaits, stepsTo } from '../fixtures/paths.js';
import { weishan } from '../../machines/weishan/index.js';
import type { TaskAction } from '../../machines/shared/meta.js';

const HISTORY_BOUND = 120;

let env: TestWorkflowEnvironment;
let projects: ProjectClient;
let stack: WorkflowStack;

beforeAll(async () => {
  // Its calendar holds test years up to eight years past the clock (test/helpers/clock.ts).
  stack = await startWorkflowStack({ historyEventLimit: HISTORY_BOUND });
  ({ env, projects } = stack);
});
afterAll(async () => {
  await stack?.stop();
});

const as = (department: string) => actingAs(department);
const today = async () => chinaDate(await env.currentTimeMs());

describe('a project living for years', () => {
  it('runs five years of operation with yearly self-evaluations, continuing as new with small histories', async () => {
    const started = await today();
    const payloads = weishanPayloadsOn(started);
    const application = weishanApplication({}, started);
    const { projectId } = await projects.submit('weishan', application, { actor: '王五' }, new Date(await env.currentTimeMs()));
    const handle = env.client.workflow.getHandle(projectId);
    for (const e of stepsTo(weishan, application, new Date(await env.currentTimeMs()).toISOString(), awaits('procurement'))) {
      const [task, action] = e.type.split('.') as [string, TaskAction];
      await projects.act(projectId, { task, action, ...as(e.department), ...(e.data ? { data: e.data } : {}) });
    }
    const steps: Array<[string, string, string, Record<string, unknown>?]> = [
      ['procurement', 'submit', 'applicant', { signedOn: await today(), contract: { ref: 'HT-5Y' }, amount: 900_000 }],
      ['contractFiling', 'submit', 'applicant', payloads['contractFiling.submit']],
      ['acceptance', 'pass', 'applicant', { acceptedOn: await today(), report: { ref: '验收报告' } }],
      ['acceptanceFiling', 'submit', 'applicant', payloads['acceptanceFiling.submit']],
    ];
    for (const [task, action, department, data] of steps)
      await projects.act(projectId, { task, action: action as never, ...as(department), ...(data ? { data } : {}) });

    const runs = new Set<string>();
    const historySizes: number[] = [];
    for (let year = 1; year <= 5; year++) {
      const view = await projects.view(projectId);
      expect(view.status).toBe('in_operation');
      const evaluation = view.tasks.find((t) => t.task === 'selfEvaluation')!;
      expect(evaluation.deadline?.dueAt).toBeDefined();
      // On the last day of the year the unit reports, after the reminder (催办) has gone out.
      await env.sleep(Date.parse(evaluation.deadline!.dueAt!) - (await env.currentTimeMs()) - 86_400_000 + 60_000);
      await projects.act(projectId, {
        task: 'selfEvaluation',
        action: 'submit',
        ...as('applicant'),
        data: { report: { ref: `自评价-${year}` }, rating: 'good' },
      });
      const description = await handle.describe();
      runs.add(description.runId);
      historySizes.push((await handle.fetchHistory()).events?.length ?? 0);
    }

    const audit = await projects.audit(projectId);
    expect(audit.filter((h) => h.task === 'selfEvaluation' && h.kind === 'action')).toHaveLength(5);
    expect(audit.filter((h) => h.kind === 'reminder').length).toBeGreaterThanOrEqual(5);
    expect(audit.filter((h) => h.kind === 'escalation')).toEqual([]);
    expect(runs.size).toBeGreaterThan(1);
    // The audit hash chain crosses every continue-as-new, every entry hashed and every action signed (issue 20 item 2).
    expect(verifyChain(projectId, audit)).toMatchObject({ intact: true, beforeChain: 0, entries: audit.length, head: audit.at(-1)!.hash });
    expect(audit.filter((h) => h.kind === 'action').every((h) => h.command?.signature)).toBe(true);
    // Every run stays far below the server's suggestion of 4,096 events.
    expect(Math.max(...historySizes)).toBeLessThan(HISTORY_BOUND + 60);
    // Accepted on the day it started; the fifth yearly evaluation falls on its fifth anniversary or just after.
    expect((await today()) >= addYears(started, 5)).toBe(true);
  }, 120_000);
});
