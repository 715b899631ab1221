/** Workflows the benchmark worker bundles: the product's and the bare baseline. */
export { projectWorkflow } from './project.js';
export { bareWorkflow } from './baseline.js';
