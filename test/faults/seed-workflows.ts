/**
 * A test bundle's workflows: the product's, and a seed that hands a prepared carried state to a
 * project run by continue-as-new, the only way a run accepts carried state (workflows/trust.ts
 * refuseStart). Only code the worker runs can continue as new, so a client cannot do this.
 */
import { makeContinueAsNewFunc } from '@temporalio/workflow';
import { PROJECT_WORKFLOW, type ProjectInput } from '../../contracts/messages.js';
import type { projectWorkflow } from '../../workflows/project.js';

export { projectWorkflow } from '../../workflows/project.js';

/** Continue as a project run carrying `input.carried`. */
export async function seedProject(input: ProjectInput): Promise<never> {
  return makeContinueAsNewFunc<typeof projectWorkflow>({ workflowType: PROJECT_WORKFLOW })(input);
}
