// Issue 20 item 3: a `temporal workflow reset` keeps every action applied after the reset point, however old its
// command; the original acceptance is what counts (workflows/reset.ts), and nothing else gets past the freshness window.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporal } from '@temporalio/proto';
import { configuredDueTimes } from '../../activities/index.js';
import { actUpdate, auditQuery, refusalOf, viewQuery, type HistoryEntry } from '../../contracts/messages.js';
import { COMMAND_MAX_SKEW_MS } from '../../machines/policy.js';
import { chinaDate } from '../../machines/shared/events.js';
import { technicalMaterials, weishanApplication } from '../fixtures/weishan.js';
import { eventually } from '../helpers/eventually.js';
import { actingAs, startDevStack, testConfig, testSigner, type DevStack } from '../helpers/temporal.js';
import { ProjectClient } from './client.js';

// The dev server's clock is the real one and cannot be moved: commands are signed a little less than the
// freshness window ago, so they are accepted now and are past the window a few seconds later.
const MARGIN_MS = 5_000;

let stack: DevStack;
let projects: ProjectClient;

beforeAll(async () => {
  stack = await startDevStack();
  projects = new ProjectClient(stack.env.client, stack.taskQueue, {
    signer: testSigner(() => Date.now() - COMMAND_MAX_SKEW_MS + MARGIN_MS),
    dueTimes: configuredDueTimes(testConfig()),
  });
}, 120_000);
afterAll(async () => stack?.stop());

const { EventType } = temporal.api.enums.v1;
const actions = (audit: HistoryEntry[]) => audit.filter((h) => h.kind === 'action').map((h) => [h.task, h.action, h.actor, h.requestId]);

/** A 微山 project with two actions whose commands are past the freshness window by now. */
async function projectWithOldActions() {
  const { projectId } = await projects.submit('weishan', weishanApplication({}, chinaDate(Date.now())), { actor: '王五' }, new Date());
  await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...actingAs('bigData') });
  const view = await projects.act(projectId, { task: 'technicalMaterials', action: 'submit', ...actingAs('applicant'), data: technicalMaterials(1_000_000) });
  expect(view.tasks.map((t) => t.task)).toEqual(['technicalReview']);
  await new Promise((r) => setTimeout(r, MARGIN_MS + 1_000));
  return { projectId, view, audit: await projects.audit(projectId) };
}

/** Reset the current run to its n-th completed workflow task, reapplying signals and updates; the new run's handle. */
async function resetTo(projectId: string, nthTask: number) {
  const handle = stack.env.client.workflow.getHandle(projectId);
  const { runId } = await handle.describe();
  const events = (await handle.fetchHistory()).events!.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const { runId: newRunId } = await stack.env.client.workflowService.resetWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId: projectId, runId },
    reason: '测试：重置',
    workflowTaskFinishEventId: events[nthTask - 1]!.eventId,
    requestId: randomUUID(),
    resetReapplyExcludeTypes: [],
  });
  expect(newRunId).not.toBe(runId);
  return stack.env.client.workflow.getHandle(projectId, newRunId!);
}

/** The reset run's audit once it holds `count` actions. */
const auditWith = (handle: Awaited<ReturnType<typeof resetTo>>, count: number) =>
  eventually(
    () => handle.query(auditQuery),
    (a) => actions(a).length >= count,
    { ms: 10_000, every: 200, what: `${count} actions in the reset run's audit trail` },
  );

describe('a reset of a project whose actions are older than the freshness window', () => {
  it('to its first workflow task keeps every action, and the project is at the same step', async () => {
    const before = await projectWithOldActions();
    const resetAt = Date.now();
    const after = await resetTo(before.projectId, 1);
    const audit = await auditWith(after, 2);
    expect(actions(audit)).toEqual(actions(before.audit));
    // Each reapplied action keeps the time it was taken (its signature's, never before the entry it follows), not the reset's.
    const times = (a: HistoryEntry[]) => a.filter((h) => h.kind === 'action').map((h) => Date.parse(h.at));
    const original = times(before.audit);
    times(audit).forEach((t, i) => expect(t).toBeLessThanOrEqual(original[i]!));
    expect(Math.max(...times(audit))).toBeLessThan(resetAt - MARGIN_MS);
    expect(audit.map((h) => Date.parse(h.at))).toEqual(audit.map((h) => Date.parse(h.at)).sort((a, b) => a - b));
    const view = await after.query(viewQuery);
    expect(view.status).toBe(before.view.status);
    expect(view.tasks.map((t) => t.task)).toEqual(['technicalReview']);
  }, 60_000);

  it('to a later point keeps the actions after it; a stale command sent afterwards is still refused, with nothing written', async () => {
    const before = await projectWithOldActions();
    // The first action's task: requirementsReview's approval is before the reset point and kept as history.
    const tasks = (await stack.env.client.workflow.getHandle(before.projectId).fetchHistory()).events!;
    const acceptedAt = tasks.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED);
    const completedBefore = tasks.slice(0, acceptedAt).filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).length;
    const after = await resetTo(before.projectId, completedBefore + 1);
    const audit = await auditWith(after, 2);
    expect(actions(audit)).toEqual(actions(before.audit));
    expect((await after.query(viewQuery)).tasks.map((t) => t.task)).toEqual(['technicalReview']);

    // Later in the reset run, the window holds again: the next step, signed as long ago, is refused and writes nothing.
    const length = (await after.fetchHistory()).events!.length;
    const stale = await testSigner(() => Date.now() - COMMAND_MAX_SKEW_MS - 60_000).sign(before.projectId, {
      task: 'technicalReview',
      action: 'approve',
      ...actingAs('bigData'),
      requestId: `stale-${randomUUID()}`,
    });
    const refused = await after.executeUpdate(actUpdate, { args: [stale] }).then(
      () => undefined,
      (err: unknown) => refusalOf(err),
    );
    expect(refused?.issues[0]).toMatchObject({ field: 'command', rule: 'stale' });
    expect(actions(await after.query(auditQuery))).toEqual(actions(before.audit));
    expect((await after.fetchHistory()).events!.length).toBe(length);
  }, 60_000);
});
