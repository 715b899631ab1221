// Issue 10, row 2: a direct Temporal client with a forged, self-consistent identity must be refused.
import { generateKeyPairSync } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedAction } from '../../machines/policy.js';
import { startWorkflowStack, type ProjectClient, type WorkflowStack } from './client.js';
import { CommandSigner } from '../../server/signing.js';
import { actUpdate, refusalOf } from '../../contracts/messages.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { testSigner } from '../helpers/temporal.js';

let stack: WorkflowStack;
let env: TestWorkflowEnvironment;
let projects: ProjectClient;

beforeAll(async () => {
  stack = await startWorkflowStack({ moveToTestClock: false });
  ({ env, projects } = stack);
});
afterAll(async () => stack?.stop());

/** A user that does not exist, consistent with itself: 县大数据局's reviewer as far as the command says. */
const forged: SignedAction = {
  task: 'requirementsReview',
  action: 'approve',
  department: 'bigData',
  actor: '冒名审核人',
  comment: '同意',
  identity: { userId: 'weishan.ghost', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'] },
  requestId: 'forged-0001',
};

const submit = async () => (await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()))).projectId;

/** Send an update directly, as anyone with access to the namespace can; the refusal or the result. */
async function direct(projectId: string, args: SignedAction) {
  try {
    return { view: await env.client.workflow.getHandle(projectId).executeUpdate(actUpdate, { args: [args] }) };
  } catch (err) {
    return { refusal: refusalOf(err) };
  }
}

/** Nothing of the attempt in the project's Temporal history or its audit trail. */
async function expectUntouched(projectId: string) {
  const history = await env.client.workflow.getHandle(projectId).fetchHistory();
  const text = JSON.stringify(history.events);
  // No update accepted at all (the start sends none: the API answers the first view itself).
  expect(
    history.events
      ?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes)
      .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest?.input?.name),
  ).toEqual([]);
  expect(text).not.toContain('weishan.ghost');
  expect((await projects.audit(projectId)).filter((h) => h.kind === 'action')).toEqual([]);
  expect((await projects.view(projectId)).tasks.map((t) => t.task)).toEqual(['requirementsReview']);
}

describe('commands the API did not sign', () => {
  it('refuses an unsigned command with a forged identity and writes nothing', async () => {
    const id = await submit();
    const { refusal } = await direct(id, forged);
    expect(refusal).toMatchObject({ kind: 'forbidden', issues: [expect.objectContaining({ field: 'command', rule: 'unsigned' })] });
    await expectUntouched(id);
  });

  it('refuses a command signed by a key the worker does not trust, even under a trusted key id', async () => {
    const id = await submit();
    const attacker = new CommandSigner('test-key', generateKeyPairSync('ed25519').privateKey, () => env.currentTimeMs());
    const { refusal } = await direct(id, await attacker.sign(id, forged));
    expect(refusal?.issues[0]).toMatchObject({ field: 'command', rule: 'bad_signature' });
    await expectUntouched(id);
  });

  it('refuses a signed command altered after signing, or sent to another project', async () => {
    const id = await submit();
    const other = await submit();
    const signed = await testSigner(() => env.currentTimeMs()).sign(id, forged);
    const altered = await direct(id, { ...signed, identity: { ...signed.identity!, roles: ['reviewer', 'administrator'] } });
    expect(altered.refusal?.issues[0]).toMatchObject({ rule: 'bad_signature' });
    const elsewhere = await direct(other, signed);
    expect(elsewhere.refusal?.issues[0]).toMatchObject({ rule: 'bad_signature' });
    await expectUntouched(id);
    await expectUntouched(other);
  });

  it('refuses a command signed long ago', async () => {
    const id = await submit();
    const old = testSigner(async () => (await env.currentTimeMs()) - 3_600_000);
    const { refusal } = await direct(id, await old.sign(id, forged));
    expect(refusal?.issues[0]).toMatchObject({ rule: 'stale' });
    await expectUntouched(id);
  });

  it('accepts the same action when the API signs it', async () => {
    const id = await submit();
    const signed = await testSigner(() => env.currentTimeMs()).sign(id, { ...forged, identity: { ...forged.identity!, userId: 'weishan.bigdata' } });
    const { view } = await direct(id, signed);
    expect(view?.status).toBe('awaiting_materials');
  });
});

describe('payloads the API would refuse, even when signed', () => {
  it('are refused by the workflow against the schema of the project’s chart version, and nothing is written', async () => {
    const id = await submit();
    const signer = testSigner(() => env.currentTimeMs());
    const reviewer = { ...forged, identity: { ...forged.identity!, userId: 'weishan.bigdata' } };
    expect((await direct(id, await signer.sign(id, { ...reviewer, requestId: 'ok-0001' }))).view?.status).toBe('awaiting_materials');
    const submitMaterials = (data: unknown, requestId: string) =>
      signer.sign(id, {
        task: 'technicalMaterials',
        action: 'submit',
        department: 'applicant',
        actor: '申报人',
        identity: {
          userId: 'weishan.fixture-applicant',
          jurisdiction: 'weishan',
          department: 'applicant',
          roles: ['applicant'],
          unit: '微山县人力资源和社会保障局',
        },
        data,
        requestId,
      });
    const cases: Array<[unknown, string]> = [
      [{ constructionPlan: 42, cryptoPlan: { ref: '密码' }, securityStatement: { ref: '说明' }, securityBudget: { fen: 5_000_000 } }, 'data.constructionPlan'],
      [
        { constructionPlan: { ref: '方案' }, cryptoPlan: { ref: '密码' }, securityStatement: { ref: '说明' }, securityBudget: { fen: 1e300 } },
        'data.securityBudget.fen',
      ],
      [
        {
          constructionPlan: { ref: '方案' },
          cryptoPlan: { ref: '密码' },
          securityStatement: { ref: '说明' },
          securityBudget: { fen: 5_000_000 },
          approvedBy: '县长',
        },
        'data',
      ],
    ];
    for (const [i, [data, field]] of cases.entries()) {
      const { refusal } = await direct(id, await submitMaterials(data, `bad-${i}-0001`));
      expect(refusal?.kind).toBe('invalid');
      expect(refusal?.issues.map((x) => x.field)).toContain(field);
    }
    const history = JSON.stringify((await env.client.workflow.getHandle(id).fetchHistory()).events);
    expect(history).not.toContain('bad-');
    expect((await projects.audit(id)).filter((h) => h.kind === 'action')).toHaveLength(1);
  });
});
