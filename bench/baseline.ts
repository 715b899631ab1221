import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

/** The bare baseline's update: the same shape of request as a reviewer's action, no chart behind it. */
export const bareActUpdate = defineUpdate<{ seq: number; status: string }, [{ task: string; action: string; department: string; actor: string }]>('act');

/**
 * Benchmark baseline: a workflow that accepts the same update and returns a small view, with a
 * synchronous validator and no statechart, so the difference measures what hosting a chart costs.
 * Its input, when given, is ignored: starts are measured with an input of a project's size.
 */
export async function bareWorkflow(_input?: unknown): Promise<void> {
  let seq = 0;
  let status = 'under_review';
  setHandler(
    bareActUpdate,
    (req) => {
      seq++;
      status = req.action === 'return' ? 'returned' : 'under_review';
      return { seq, status };
    },
    {
      validator: (req) => {
        if (!req.department) throw new Error('department required');
      },
    },
  );
  await condition(() => false);
}
