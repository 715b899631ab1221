/** Workflows the worker bundles. */
export { projectWorkflow } from './project.js';
