// Issue 20 item 6 at the service: a keyed submission's project id is derived from (user, key), so a
// retry finds the project the first attempt created — also the next day and after it closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_WORKFLOW, viewQuery } from '../../contracts/messages.js';
import { ProjectService, SubmissionKeyReused } from '../../server/projects.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';
import { weishanApplication } from '../fixtures/weishan.js';

let stack: DevStack;
let projects: ProjectService;
beforeAll(async () => {
  stack = await startDevStack();
  projects = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
}, 120_000);
afterAll(async () => stack?.stop());

const by = { actor: '微山县示例单位经办人' };
const runsOf = async (projectId: string) => {
  let n = 0;
  for await (const _ of stack.env.client.workflow.list({ query: `WorkflowId = '${projectId}' AND WorkflowType = '${PROJECT_WORKFLOW}'` })) n++;
  return n;
};

describe('keyed submissions', () => {
  it('a retry the next day with the same key returns the project of the first day, created once', async () => {
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000);
    const keyed = { idempotencyKey: 'service-key-day-0001', userId: 'weishan.fixture-applicant' };
    const first = await projects.submit('weishan', weishanApplication(), by, yesterday, keyed);
    const retry = await projects.submit('weishan', weishanApplication(), by, now, keyed);
    expect(retry.projectId).toBe(first.projectId);
    await expect.poll(() => runsOf(first.projectId), { timeout: 10_000 }).toBe(1);
  });

  it('the same key from another user is another project; the same user and key with another application is refused', async () => {
    const a = await projects.submit('weishan', weishanApplication(), by, new Date(), {
      idempotencyKey: 'service-key-users-01',
      userId: 'weishan.fixture-applicant',
    });
    const b = await projects.submit('weishan', weishanApplication(), by, new Date(), { idempotencyKey: 'service-key-users-01', userId: 'weishan.applicant' });
    expect(b.projectId).not.toBe(a.projectId);
    await expect(
      projects.submit('weishan', weishanApplication({ title: '另一个项目' }), by, new Date(), {
        idempotencyKey: 'service-key-users-01',
        userId: 'weishan.applicant',
      }),
    ).rejects.toBeInstanceOf(SubmissionKeyReused);
  });

  it('a closed project is not started again by its key', async () => {
    const keyed = { idempotencyKey: 'service-key-closed-01', userId: 'weishan.fixture-applicant' };
    const first = await projects.submit('weishan', weishanApplication(), by, new Date(), keyed);
    // A project that ran (its first task done: the query answers), then closed.
    await stack.env.client.workflow.getHandle(first.projectId).query(viewQuery);
    await stack.env.client.workflow.getHandle(first.projectId).terminate('测试：项目已关闭');
    const retry = await projects.submit('weishan', weishanApplication(), by, new Date(), keyed);
    expect(retry.projectId).toBe(first.projectId);
    await expect.poll(() => runsOf(first.projectId), { timeout: 10_000 }).toBe(1);
  });
});
