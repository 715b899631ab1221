import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectView } from '../../contracts/messages.js';
import { chinaDate } from '../../machines/shared/events.js';
import { ProjectService } from '../../server/projects.js';
import { ViewMemory } from '../../server/view-memory.js';
import { weishanApplication, weishanPayloadsOn } from '../fixtures/weishan.js';
import { actingAs as as, startTimeSkippingStack, testSigner, type TimeSkippingStack } from '../helpers/temporal.js';

// The API's answers to actions: the workflow answers with only the entries after the
// view the API process holds (server/view-memory.ts), and the API completes it into the whole view.
let env: TestWorkflowEnvironment;
let taskQueue: string;
let stack: TimeSkippingStack;

beforeAll(async () => {
  stack = await startTimeSkippingStack();
  ({ env, taskQueue } = stack);
});
afterAll(async () => {
  await stack?.stop();
});

const now = async () => new Date(await env.currentTimeMs());
const today = async () => chinaDate(await env.currentTimeMs());

describe('ProjectService answering actions', () => {
  it('answers an action with only the entries the API lacks, and the API still answers the whole view', async () => {
    const service = (views?: ViewMemory) =>
      new ProjectService({
        // No opinion documents on the time-skipping server: it was seen to lose an action's update sent while an opinion's activity was in flight (docs/testing.md, "Opinions and the time-skipping server"); the dev-server tests issue them.
        opinions: false,
        client: env.client,
        taskQueue,
        historyEventLimit: 120,
        signer: testSigner(() => env.currentTimeMs()),
        ...(views ? { viewMemory: views } : {}),
      });
    // One API process all along, and for the last action another that holds nothing of this project.
    const held = new ViewMemory();
    const api = service(held);
    const { projectId } = await api.submit('weishan', weishanApplication({}, await today()), { actor: '王五' }, await now());
    const payloads = weishanPayloadsOn(await today());
    const turn = (i: number) =>
      i % 2 === 0
        ? ({ task: 'requirementsReview', action: 'return', ...as('bigData'), comment: `第${i / 2 + 1}次退回` } as const)
        : ({ task: 'requirementsRevision', action: 'submit', ...as('applicant'), data: payloads['requirementsRevision.submit'] } as const);
    const handle = env.client.workflow.getHandle(projectId);
    const firstRun = (await handle.describe()).runId;
    let answered: ProjectView | undefined;
    for (let i = 0; i < 60; i++) {
      answered = await api.act(projectId, turn(i));
      // Across continue-as-new too (a bound of 120 events): what the API answers is what the project holds.
      if (i % 15 === 14) expect(answered).toEqual(await service().view(projectId));
    }
    // Every answer was completed from the view held, none asked for again.
    expect(held.misses).toBe(0);
    expect(answered!.historyTotal).toBe(61);
    expect(answered!.history.map((h) => h.seq)).toEqual(Array.from({ length: 50 }, (_, k) => 12 + k));
    expect((await handle.describe()).runId).not.toBe(firstRun);
    const cold = new ViewMemory();
    const last = await service(cold).act(projectId, turn(60));
    expect(cold.misses).toBe(0);
    expect(last).toEqual(await api.view(projectId));
    expect(last.history.at(-1)).toMatchObject({ seq: 62, task: 'requirementsReview', action: 'return' });

    // What the answers wrote into the run's history: the entries after what the API held, except
    // for the API that held nothing, which got the latest 50 (each about 370 bytes).
    const sizes: number[] = [];
    // Every run, the latest first (each names the run it continued).
    for (let runId: string | null | undefined = (await handle.describe()).runId; runId;) {
      const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await env.client.workflow.getHandle(projectId, runId).fetchHistory();
      const events = history.events ?? [];
      const answers = events.flatMap((e) => e.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads?.[0]?.data ?? []);
      sizes.unshift(...answers.map((d) => d.length));
      runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    }
    expect(sizes).toHaveLength(61);
    expect(Math.max(...sizes.slice(0, -1))).toBeLessThan(2_000);
    expect(sizes.at(-1)).toBeGreaterThan(15_000);
  });
});
