// A long project whose opinions take their time (a slow document store, a busy 文号 series): back-to-back
// 退回/修改 on the dev server, with a short history bound, so the run continues as new again and again
// while a decision's 评审意见 is being issued. The bench's quick run found an action refused there
// ("unexpected workflow task failure"): the opinion's completion landed on the run's closing task
// (UnhandledCommand), over and over. A run now continues as new only once no opinion is in flight.
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredDueTimes } from '../../activities/index.js';
import type { OpinionRequest } from '../../contracts/messages.js';
import { chinaDate } from '../../machines/shared/events.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { actingAs, devServerEnv, recordingActivities, testConfig, testSigner, workflowBundle } from '../helpers/temporal.js';
import { ProjectClient } from './client.js';

const { EventType } = temporal.api.enums.v1;
const config = testConfig();
let env: Awaited<ReturnType<typeof devServerEnv>>;
let worker: Worker;
let running: Promise<void>;
let projects: ProjectClient;
const OPINION_MS = 1_500;

beforeAll(async () => {
  env = await devServerEnv();
  const { activities } = recordingActivities(config);
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: {
      ...activities,
      issueOpinion: async (req: OpinionRequest) => {
        await new Promise((r) => setTimeout(r, OPINION_MS));
        return activities.issueOpinion(req);
      },
    },
  });
  running = worker.run();
  projects = new ProjectClient(env.client, config.temporal.taskQueue, {
    signer: testSigner(),
    dueTimes: configuredDueTimes(config),
    historyEventLimit: 60,
    opinions: true,
  });
}, 120_000);
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

/** Every run of the workflow, first to last, with its events. */
async function runsOf(projectId: string) {
  const runs: Array<temporal.api.history.v1.IHistoryEvent[]> = [];
  const first = await env.client.workflow.getHandle(projectId).describe();
  let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? first.runId;
  while (runId) {
    const events: temporal.api.history.v1.IHistoryEvent[] = (await env.client.workflow.getHandle(projectId, runId).fetchHistory()).events ?? [];
    runs.push(events);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

describe('continue-as-new with opinions being issued', () => {
  it('takes 20 back-to-back 退回/修改 through several runs, each 退回 with its 评审意见, and closes no run with an opinion in flight', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication({}, chinaDate(Date.now())), { actor: '王五' }, new Date());
    for (let i = 0; i < 10; i++) {
      await projects.act(projectId, { task: 'requirementsReview', action: 'return', ...actingAs('bigData'), comment: `第${i + 1}次退回：请补充论证` });
      await projects.act(projectId, {
        task: 'requirementsRevision',
        action: 'submit',
        ...actingAs('applicant'),
        data: { revisedPlan: { ref: `修改稿-${i}` } },
      });
    }
    // Every 退回 gets its 评审意见: ten of them, each with a 文号 of its own in 县大数据局's series.
    const audit = await (async () => {
      for (let attempt = 0; ; attempt++) {
        const a = await projects.audit(projectId);
        if (a.filter((h) => h.issued).length >= 10 || attempt > 60) return a;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const numbers = audit.filter((h) => h.issued).map((h) => h.issued!.number);
    expect(numbers).toHaveLength(10);
    expect(new Set(numbers).size).toBe(10);

    const runs = await runsOf(projectId);
    expect(runs.length).toBeGreaterThan(1);
    for (const [i, events] of runs.entries()) {
      // No workflow task of any run failed.
      expect(
        events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).map((e) => e.workflowTaskFailedEventAttributes?.cause),
        `run ${i + 1}`,
      ).toEqual([]);
      if (!events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes) continue;
      // A run that continued as new left no opinion it had started unfinished.
      const scheduled = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'issueOpinion').map((e) => String(e.eventId));
      const completed = events
        .filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED)
        .map((e) => String(e.activityTaskCompletedEventAttributes!.scheduledEventId));
      expect(
        scheduled.filter((id) => !completed.includes(id)),
        `run ${i + 1} continued as new with an opinion in flight`,
      ).toEqual([]);
    }
  }, 240_000);
});
