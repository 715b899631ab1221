/** Workflows the benchmark worker bundles: the product's and the bare baseline. */
export { projectWorkflow } from '../workflows/project.js';
export { bareListedWorkflow, bareSignedListedWorkflow, bareWorkflow } from './baseline.js';
