// Issue 20 item 3, as the product shows what was done to a project outside it: a start the workers refused
// (unsigned, from a direct Temporal client) is no project at all — 不存在 (404), never a server error; a project
// reset with `temporal workflow reset` says so in the API and on its page, and runs on.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_WORKFLOW, type ProjectInput } from '../../contracts/messages.js';
import { beginProject, startSearchAttributes } from '../../core/host.js';
import { intakeOf } from '../../machines/intake.js';
import { chinaDate } from '../../machines/shared/events.js';
import { weishan } from '../../machines/weishan/index.js';
import { ProjectNotFound, ProjectService } from '../../server/projects.js';
import { temporal } from '@temporalio/proto';
import { weishanApplication } from '../fixtures/weishan.js';
import { testApp } from '../helpers/app.js';
import { eventually } from '../helpers/eventually.js';
import { signedIn } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';
import { actingAs, startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';

let stack: DevStack;
let service: ProjectService;

beforeAll(async () => {
  stack = await startDevStack();
  service = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 10_000, signer: testSigner() });
}, 120_000);
afterAll(async () => stack?.stop());

const { EventType } = temporal.api.enums.v1;

describe('what was done outside the product', () => {
  it('a start the workers refused reads 不存在 on view and act, not a server error', async () => {
    const at = new Date();
    const application = intakeOf('weishan').applicationSchema.parse(weishanApplication({}, chinaDate(at.getTime()))) as Record<string, unknown>;
    const input: ProjectInput = {
      projectId: `weishan-${chinaDate(at.getTime()).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`,
      jurisdiction: 'weishan',
      chartVersion: weishan.version,
      application,
      submittedBy: { actor: '王五', unit: String(application.applicantUnit) },
      submittedAt: at.toISOString(),
    };
    const handle = await stack.env.client.workflow.start(PROJECT_WORKFLOW, {
      workflowId: input.projectId,
      taskQueue: stack.taskQueue,
      args: [input],
      typedSearchAttributes: startSearchAttributes('weishan', String(application.applicantUnit), beginProject(weishan, input as never)) as never,
    });
    await expect(handle.result()).rejects.toBeTruthy();
    await expect(service.view(input.projectId)).rejects.toBeInstanceOf(ProjectNotFound);
    await expect(service.act(input.projectId, { task: 'requirementsReview', action: 'approve', ...actingAs('bigData') })).rejects.toBeInstanceOf(
      ProjectNotFound,
    );
  });

  it('a reset project says when in the API and on its page, and runs on at the same step', async () => {
    const { projectId } = await service.submit('weishan', weishanApplication({}, chinaDate(Date.now())), { actor: '王五' }, new Date());
    await service.act(projectId, { task: 'requirementsReview', action: 'approve', ...actingAs('bigData') });
    expect((await service.view(projectId)).reset).toBeUndefined();

    const handle = stack.env.client.workflow.getHandle(projectId);
    const { runId } = await handle.describe();
    const first = (await handle.fetchHistory()).events!.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)!;
    const resetAt = Date.now();
    await stack.env.client.workflowService.resetWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId: projectId, runId },
      reason: '测试：重置',
      workflowTaskFinishEventId: first.eventId,
      requestId: randomUUID(),
      resetReapplyExcludeTypes: [],
    });
    const view = await eventually(
      () => service.view(projectId),
      (v) => v.reset !== undefined && v.tasks.some((t) => t.task === 'technicalMaterials'),
      { ms: 10_000, every: 200, what: 'the reset run to reapply the approval' },
    );
    expect(Date.parse(view.reset!.at)).toBeGreaterThanOrEqual(resetAt - 1_000);
    expect(Date.parse(view.reset!.at)).toBeLessThanOrEqual(Date.now());
    expect(view.final).toBe(false);

    const ids = testIdentities();
    const app = testApp({ projects: service, identities: ids.identities });
    const { agent } = await signedIn(app, ids.bearer('weishan.admin').slice('Bearer '.length), 'weishan.admin');
    const page = await agent.get(`/projects/${projectId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('本项目已重置');
    expect(page.text).toContain(`data-reset="${view.reset!.at}"`);
  }, 60_000);
});
