/**
 * Workflows for the replay test that must fail: 微山's chart changed so that entering 技术评审材料
 * now notifies 县财政局, a new side effect a running project's history does not have. Bundled
 * only by test/workflows/replay.test.ts.
 */
import { createMachine } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { lazy } from '../../machines/shared/definition.js';
import { weishan } from '../../machines/weishan/index.js';

const changed = () => {
  const original = weishan.machine;
  const config = original.config as { states: Record<string, Record<string, unknown>> };
  return createMachine(
    {
      ...config,
      states: {
        ...config.states,
        technicalMaterials: {
          ...config.states.technicalMaterials,
          entry: [{ type: 'notify', params: { to: 'finance', message: '技术评审材料', article: '—' } }],
        },
      },
    } as never,
    original.implementations as never,
  );
};
jurisdictions.weishan = lazy(changed, { ...weishan });

export { projectWorkflow } from '../../workflows/project.js';
