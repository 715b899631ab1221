import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../activities/index.js';
import { startWorkflowStack, type ProjectClient, type Refused, type WorkflowStack } from './client.js';
import { weishanApplication } from '../fixtures/weishan.js';

// 催办 by hand (issue 11): a supervisor reminds the awaited department; the history says who.
let stack: WorkflowStack;
let env: TestWorkflowEnvironment;
let projects: ProjectClient;
let effects: Effect[];

beforeAll(async () => {
  stack = await startWorkflowStack({ moveToTestClock: false });
  ({ env, projects, effects } = stack);
});
afterAll(async () => stack?.stop());

const supervisor = {
  userId: 'weishan.supervisor',
  name: '县大数据局督办人',
  department: 'bigData',
  jurisdiction: 'weishan',
  roles: ['supervisor', 'reviewer'],
};
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Refused,
  );

describe('催办 sent by a supervisor', () => {
  it('notifies the awaited department and records who sent it, once per request', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()));
    await projects.remind(projectId, 'requirementsReview', supervisor, 'remind-0001');
    await projects.remind(projectId, 'requirementsReview', supervisor, 'remind-0001');
    const reminders = (await projects.audit(projectId)).filter((h) => h.kind === 'reminder');
    expect(reminders).toEqual([
      expect.objectContaining({
        task: 'requirementsReview',
        department: 'bigData',
        actor: '县大数据局督办人',
        userId: 'weishan.supervisor',
        article: '微山 第六条',
        requestId: 'remind-0001',
      }),
    ]);
    expect(reminders[0]!.message).toContain('县大数据局督办人催办：请县大数据局尽快办理“需求评审”');
    expect(effects.filter((e) => e.projectId === projectId && e.type === 'notify').map((e) => e.params.to)).toEqual(['bigData']);
  });

  it('refuses anyone but a supervisor of the jurisdiction, and a step nobody awaits, recording nothing', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()));
    const reviewer = await refusal(projects.remind(projectId, 'requirementsReview', { ...supervisor, roles: ['reviewer'] }));
    expect(reviewer?.refusal.kind).toBe('forbidden');
    const foreign = await refusal(projects.remind(projectId, 'requirementsReview', { ...supervisor, jurisdiction: 'jingle' }));
    expect(foreign?.refusal.kind).toBe('forbidden');
    const closed = await refusal(projects.remind(projectId, 'budget', supervisor));
    expect(closed?.refusal.kind).toBe('conflict');
    expect(closed?.message).toContain('无需催办');
    expect((await projects.audit(projectId)).filter((h) => h.kind === 'reminder')).toEqual([]);
  });
});
