import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import { allocateUpdate, type NumberingInput } from '../contracts/numbering.js';

/**
 * A department's 文号 sequence for one year (contracts/numbering.ts). Updates run one at a time in
 * the workflow, so two opinions never get one number, and a number once given is in the history:
 * a retry of the same ref is answered with it. The sequence runs on through continue-as-new.
 */
export async function numberingWorkflow(input: NumberingInput): Promise<void> {
  let next = input.next ?? 1;
  const issued = new Map(Object.entries(input.issued ?? {}));
  setHandler(
    allocateUpdate,
    ({ ref }) => {
      let n = issued.get(ref);
      if (n === undefined) {
        n = next++;
        issued.set(ref, n);
      }
      return n;
    },
    {
      validator: (req) => {
        if (!req || typeof req.ref !== 'string' || !req.ref || req.ref.length > 300)
          throw new TypeError('allocate: ref must be a non-empty string of at most 300 characters');
      },
    },
  );
  await condition(() => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.eventLimit ?? 2_000));
  await condition(allHandlersFinished);
  await continueAsNew<typeof numberingWorkflow>({ ...input, next, issued: Object.fromEntries(issued) });
}
