/** Workflows the benchmark worker bundles: the product's and the bare baseline. */
export { projectWorkflow } from '../workflows/project.js';
// The 文号 series the product's decisions are numbered in (workflows/numbering.ts).
export { numberingWorkflow } from '../workflows/numbering.js';
export { bareListedWorkflow, bareSignedListedWorkflow, bareWorkflow } from './baseline.js';
