/** Workflows the worker bundles. */
export { projectWorkflow } from './project.js';
export { numberingWorkflow } from './numbering.js';
