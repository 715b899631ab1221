// Issue 20 item 7: an exact replay of a signed command (or 催办) writes nothing into the project's history; the
// product still answers an idempotent retry with the project's view. On a dev server, whose history moves only
// when something happens (no time skipping). Through a direct client and through the API's ProjectService.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actUpdate, auditQuery, refusalOf, remindUpdate, type RemindInput } from '../../contracts/messages.js';
import { configuredDueTimes } from '../../activities/index.js';
import { chinaDate } from '../../machines/shared/events.js';
import { ProjectService } from '../../server/projects.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { settled } from '../helpers/settled.js';
import { actingAs, startDevStack, testConfig, testSigner, type DevStack } from '../helpers/temporal.js';

let stack: DevStack;
let projects: ProjectService;

beforeAll(async () => {
  stack = await startDevStack();
  projects = new ProjectService({
    client: stack.env.client,
    taskQueue: stack.taskQueue,
    historyEventLimit: 2_000,
    signer: testSigner(),
    dueTimes: configuredDueTimes(testConfig()),
  });
}, 120_000);
afterAll(async () => stack?.stop());

const supervisor: RemindInput['by'] = {
  userId: 'weishan.supervisor',
  name: '县大数据局督办人',
  department: 'bigData',
  jurisdiction: 'weishan',
  roles: ['supervisor'],
};

/** The history's length once the outbox has delivered what the last command queued (unchanged for 700 ms). */
async function historyLength(projectId: string): Promise<number> {
  const read = async () => (await stack.env.client.workflow.getHandle(projectId).fetchHistory()).events!.length;
  for (let last = await read(); ;) {
    await new Promise((r) => setTimeout(r, 700));
    const now = await read();
    if (now === last) return now;
    last = now;
  }
}
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => refusalOf(err),
  );

describe('an exact replay of a signed command', () => {
  it('sent again from a direct client (another update id) is refused in the validator and adds no history event', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication({}, chinaDate(Date.now())), { actor: '王五' });
    const handle = stack.env.client.workflow.getHandle(projectId);
    const signed = await testSigner().sign(projectId, { task: 'requirementsReview', action: 'approve', ...actingAs('bigData'), requestId: 'replay-0001' });
    expect(await outcome(handle.executeUpdate(actUpdate, { args: [signed] }))).toBeUndefined();
    // Once its 评审意见 is issued (the worker's activity, after the answer).
    await settled(projects, projectId);
    const length = await historyLength(projectId);
    for (let i = 0; i < 3; i++) expect((await outcome(handle.executeUpdate(actUpdate, { args: [signed] })))?.issues[0]?.rule).toBe('already_applied');
    expect(await historyLength(projectId)).toBe(length);
    expect((await handle.query(auditQuery)).filter((h) => h.kind === 'action')).toHaveLength(1);
  });

  it('a 催办 sent again with its request id writes nothing either', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication({}, chinaDate(Date.now())), { actor: '王五' });
    const handle = stack.env.client.workflow.getHandle(projectId);
    const signed = await testSigner().signReminder(projectId, { task: 'requirementsReview', by: supervisor, requestId: 'remind-replay-1' });
    expect(await outcome(handle.executeUpdate(remindUpdate, { args: [signed] }))).toBeUndefined();
    const length = await historyLength(projectId);
    expect((await outcome(handle.executeUpdate(remindUpdate, { args: [signed] })))?.issues[0]?.rule).toBe('already_applied');
    expect(await historyLength(projectId)).toBe(length);
  });

  it('through the API answers an idempotent retry with the same view and writes nothing', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication({}, chinaDate(Date.now())), { actor: '王五' });
    const request = { task: 'requirementsReview', action: 'approve' as const, ...actingAs('bigData') };
    const first = await projects.act(projectId, request, 'api-retry-1');
    // The approval's 评审意见 is issued after the answer; the retry answers the project as it is then.
    const current = await settled(projects, projectId);
    const length = await historyLength(projectId);
    // Another ProjectService (another API process): its update id is the same, but it holds no view of the project.
    const other = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
    const again = await other.act(projectId, request, 'api-retry-1');
    const seqs = (v: typeof first) => ({ ...v, history: v.history.map((h) => h.seq) });
    expect(seqs(again)).toEqual(seqs(current));
    expect(again.history.slice(0, first.history.length).map((h) => h.seq)).toEqual(first.history.map((h) => h.seq));
    expect(again.history.at(-1)).toMatchObject({ kind: 'document', issued: { kind: '评审意见', for: first.history.at(-1)!.seq } });
    const reminded = await projects.remind(projectId, 'technicalMaterials', supervisor, 'api-remind-1');
    const afterRemind = await historyLength(projectId);
    expect(await projects.remind(projectId, 'technicalMaterials', supervisor, 'api-remind-1')).toEqual(reminded);
    expect(await historyLength(projectId)).toBe(afterRemind);
    expect(afterRemind).toBeGreaterThan(length);
  });
});
