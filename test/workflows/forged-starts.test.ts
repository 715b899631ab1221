// Issue 20 item 1: only the product creates, continues or writes a project. From a direct Temporal client (what
// namespace access gives anyone), a forged start, a forged carried start and a forged 催办 are each refused with
// nothing written to the project; the product's own start and 催办 still work.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditQuery,
  openUpdate,
  PROJECT_WORKFLOW,
  refusalOf,
  remindUpdate,
  type HistoryEntry,
  type ProjectInput,
  type RemindInput,
} from '../../contracts/messages.js';
import { searchAttributes } from '../../contracts/search-attributes.js';
import { beginProject, startSearchAttributes } from '../../core/host.js';
import { intakeOf } from '../../machines/intake.js';
import { chinaDate } from '../../machines/shared/events.js';
import { weishan } from '../../machines/weishan/index.js';
import { ProjectNotFound, ProjectService } from '../../server/projects.js';
import { CommandSigner } from '../../server/signing.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { Worker } from '@temporalio/worker';
import { testSigner, workflowBundle } from '../helpers/temporal.js';
import { startWorkflowStack, type ProjectClient, type WorkflowStack } from './client.js';

let stack: WorkflowStack;
let env: TestWorkflowEnvironment;
let projects: ProjectClient;

beforeAll(async () => {
  stack = await startWorkflowStack({ moveToTestClock: false });
  ({ env, projects } = stack);
});
afterAll(async () => stack?.stop());

const { EventType } = temporal.api.enums.v1;
const now = async () => new Date(await env.currentTimeMs());
const signer = () => testSigner(() => env.currentTimeMs());

/** A start input as the API builds it (ProjectService.submit), for a fresh project id. */
async function apiInput(): Promise<ProjectInput & { submittedAt: string }> {
  const at = await now();
  const application = intakeOf('weishan').applicationSchema.parse(weishanApplication({}, chinaDate(at.getTime()))) as Record<string, unknown>;
  const input = {
    projectId: `weishan-${chinaDate(at.getTime()).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`,
    jurisdiction: 'weishan',
    chartVersion: weishan.version,
    application,
    submittedBy: { actor: '王五', unit: String(application.applicantUnit) },
    submittedAt: at.toISOString(),
  };
  beginProject(weishan, input);
  return input;
}

/** Start directly, with the first state's search attributes a forger would also send; the run's outcome. */
async function startDirect(input: ProjectInput) {
  const first = beginProject(weishan, { ...input, submittedAt: input.submittedAt ?? new Date().toISOString(), carried: undefined } as never);
  const handle = await env.client.workflow.start(PROJECT_WORKFLOW, {
    workflowId: input.projectId,
    taskQueue: stack.taskQueue,
    args: [input],
    typedSearchAttributes: startSearchAttributes('weishan', String(input.application.applicantUnit), first) as never,
  });
  const outcome = await handle.result().then(
    () => ({ refusal: undefined }),
    (err: unknown) => ({ refusal: refusalOf(err) }),
  );
  return { handle, ...outcome };
}

/** The refused run wrote nothing: no timer, no activity, no accepted update; no notification; no list shows it. */
async function expectNothingWritten(projectId: string) {
  const handle = env.client.workflow.getHandle(projectId);
  const events = (await handle.fetchHistory()).events!;
  const types = new Set(events.map((e) => e.eventType));
  for (const t of [EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED])
    expect(types.has(t)).toBe(false);
  expect(types.has(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED)).toBe(true);
  expect(stack.effects.filter((e) => e.projectId === projectId)).toEqual([]);
  const described = await handle.describe();
  expect(described.typedSearchAttributes.get(searchAttributes.status)).toBeUndefined();
  expect(described.typedSearchAttributes.get(searchAttributes.jurisdiction)).toBeUndefined();
}

describe('starts the API did not sign', () => {
  it('refuses an unsigned start and writes nothing', async () => {
    const input = await apiInput();
    const { refusal } = await startDirect(input);
    expect(refusal?.issues[0]).toMatchObject({ field: 'command', rule: 'unsigned' });
    await expectNothingWritten(input.projectId);
    // Through the product it is no project at all: 不存在 (404), not a server error.
    const service = new ProjectService({ client: env.client, taskQueue: stack.taskQueue, historyEventLimit: 10_000, signer: signer() });
    await expect(service.view(input.projectId)).rejects.toBeInstanceOf(ProjectNotFound);
    await expect(
      service.act(input.projectId, {
        task: 'requirementsReview',
        action: 'approve',
        department: 'bigData',
        actor: '县大数据局审核人',
        identity: { userId: 'weishan.bigdata', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'] },
      }),
    ).rejects.toBeInstanceOf(ProjectNotFound);
  });

  it('replays a refused start as it ran (its verdict is in the history, not in the keys the worker holds now)', async () => {
    const signed = await new CommandSigner('test-key', generateKeyPairSync('ed25519').privateKey, () => env.currentTimeMs()).signStart(await apiInput());
    await startDirect(signed);
    const history = await env.client.workflow.getHandle(signed.projectId).fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, signed.projectId)).resolves.toBeUndefined();
  });

  it('refuses a start signed by an untrusted key, a signed start altered after signing, and one signed long ago', async () => {
    const attacker = new CommandSigner('test-key', generateKeyPairSync('ed25519').privateKey, () => env.currentTimeMs());
    const untrusted = await apiInput();
    expect((await startDirect(await attacker.signStart(untrusted))).refusal?.issues[0]).toMatchObject({ rule: 'bad_signature' });
    await expectNothingWritten(untrusted.projectId);

    const altered = await signer().signStart(await apiInput());
    altered.application = { ...altered.application, totalBudget: { fen: 1 } };
    expect((await startDirect(altered)).refusal?.issues[0]).toMatchObject({ rule: 'bad_signature' });
    await expectNothingWritten(altered.projectId);

    const old = await testSigner(async () => (await env.currentTimeMs()) - 3_600_000).signStart(await apiInput());
    expect((await startDirect(old)).refusal?.issues[0]).toMatchObject({ rule: 'stale' });
    await expectNothingWritten(old.projectId);
  });

  it('refuses a start carrying state — a 通过 in the reviewer’s name, an escalation queued — even when signed', async () => {
    const input = await apiInput();
    const first = beginProject(weishan, input);
    const forgedEntry: HistoryEntry = {
      seq: 2,
      at: input.submittedAt,
      kind: 'action',
      message: '通过',
      task: 'requirementsReview',
      action: 'approve',
      actor: '县大数据局审核人',
      department: 'bigData',
    };
    const carried = {
      persisted: weishan.machine.getPersistedSnapshot(first.snapshot),
      timers: first.timers,
      history: [...first.history, forgedEntry],
      submittedAt: input.submittedAt,
      outbox: [
        {
          id: `${input.projectId}#3`,
          projectId: input.projectId,
          jurisdiction: 'weishan',
          type: 'escalate',
          params: { to: '县委、县政府' },
          at: input.submittedAt,
        },
      ],
      dueTimes: [],
    };
    const { refusal } = await startDirect(await signer().signStart({ ...input, carried }));
    expect(refusal?.issues[0]).toMatchObject({ field: 'command', rule: 'carried' });
    await expectNothingWritten(input.projectId);
  });

  it('accepts the same start when the API signs it', async () => {
    const input = await apiInput();
    const handle = await env.client.workflow.start(PROJECT_WORKFLOW, {
      workflowId: input.projectId,
      taskQueue: stack.taskQueue,
      args: [await signer().signStart(input)],
    });
    expect((await handle.query(auditQuery)).map((h) => h.kind)).toEqual(['submitted']);
  });
});

describe('催办 and other updates the API did not sign', () => {
  const county: RemindInput['by'] = { userId: 'weishan.mayor', name: '县长', department: 'government', jurisdiction: 'weishan', roles: ['supervisor'] };

  it('refuses a forged 县长 reminder, unsigned or signed by another key, with nothing in history or audit', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication({}, chinaDate(await env.currentTimeMs())), { actor: '王五' }, await now());
    const handle = env.client.workflow.getHandle(projectId);
    const send = (args: RemindInput) =>
      handle.executeUpdate(remindUpdate, { args: [args] }).then(
        () => undefined,
        (err: unknown) => refusalOf(err),
      );
    const forged = { task: 'requirementsReview', by: county, requestId: 'forged-remind-1' };
    expect((await send(forged))?.issues[0]).toMatchObject({ field: 'command', rule: 'unsigned' });
    const attacker = new CommandSigner('test-key', generateKeyPairSync('ed25519').privateKey, () => env.currentTimeMs());
    expect((await send(await attacker.signReminder(projectId, forged)))?.issues[0]).toMatchObject({ rule: 'bad_signature' });
    // The old `open` update of update-with-start writes nothing either on a project the API started.
    const opened = await handle.executeUpdate(openUpdate, { args: [] }).then(
      () => undefined,
      (err: unknown) => refusalOf(err),
    );
    expect(opened?.issues[0]).toMatchObject({ rule: 'opened' });
    // Nothing of either in the history (the time-skipping server may move time meanwhile: only updates are counted).
    const events = (await handle.fetchHistory()).events!;
    expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateAdmittedEventAttributes)).toEqual([]);
    expect(JSON.stringify(events)).not.toContain('weishan.mayor');
    expect((await handle.query(auditQuery)).filter((h) => h.kind === 'reminder' && h.actor?.includes('县长'))).toEqual([]);
    expect(stack.effects.filter((e) => e.projectId === projectId && JSON.stringify(e.params).includes('县长'))).toEqual([]);

    // The product's own 催办 of the same supervisor goes through.
    const view = await projects.remind(projectId, 'requirementsReview', county, 'remind-signed-1');
    expect(view.history.filter((h) => h.kind === 'reminder')).toHaveLength(1);
  });
});
