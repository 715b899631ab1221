import { condition, defineUpdate, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { searchAttributes } from '../contracts/search-attributes.js';
import { verifyCommand, type SignedAction } from '../machines/policy.js';
import { trustedKeys } from '../workflows/trust.js';

/** A bare action: the same shape of request as a reviewer's. */
interface BareRequest {
  task: string;
  action: string;
  department: string;
  actor: string;
}

/** The bare baseline's update: the same shape of request as a reviewer's action, no chart behind it. */
export const bareActUpdate = defineUpdate<{ seq: number; status: string }, [BareRequest]>('act');

/** Answer `act` with a small view after a synchronous check, calling `also` with each new status, until the end of time. */
async function serveBare(also?: (status: string, req: BareRequest) => void, check?: (req: BareRequest) => void): Promise<void> {
  let seq = 0;
  let status = 'under_review';
  setHandler(
    bareActUpdate,
    (req) => {
      seq++;
      status = req.action === 'return' ? 'returned' : 'under_review';
      also?.(status, req);
      return { seq, status };
    },
    {
      validator: (req) => {
        if (!req.department) throw new Error('department required');
        check?.(req);
      },
    },
  );
  await condition(() => false);
}

/**
 * Benchmark baseline: a workflow that accepts the same update and returns a small view, with a
 * synchronous validator and no statechart, so the difference measures what hosting a chart costs.
 * Its input, when given, is ignored: starts are measured with an input of a project's size.
 */
export async function bareWorkflow(_input?: unknown): Promise<void> {
  await serveBare();
}

/**
 * The bare workflow that also keeps the two search attributes a hand-off changes (status and the
 * awaited department) current, as the product must for its lists: not a target, a reference that
 * shows what one visibility write per action costs on the same server.
 */
export async function bareListedWorkflow(_input?: unknown): Promise<void> {
  await serveBare(keepListed);
}

const keepListed = (status: string, req: BareRequest) =>
  upsertSearchAttributes([
    { key: searchAttributes.status, value: status },
    { key: searchAttributes.awaiting, value: [req.action === 'return' ? 'applicant' : 'bigData'] },
  ] as never);

/**
 * The design's floor: the bare workflow doing only what architecture.md asks of any action, with
 * no chart behind it. Its validator checks the API's Ed25519 signature (signed commands), and it
 * keeps the lists' two search attributes current (lists on Temporal visibility). Not a target: a
 * reference that shows how much of the distance to bare those two decisions take by themselves.
 */
export async function bareSignedListedWorkflow(_input?: unknown): Promise<void> {
  await serveBare(keepListed, (req) => {
    const forged = verifyCommand(workflowInfo().workflowId, req as SignedAction, Date.now(), trustedKeys);
    if (forged) throw new Error(forged.message);
  });
}
