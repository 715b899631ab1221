import type { ProjectView } from '../../contracts/messages.js';
import { eventually } from './eventually.js';

/**
 * A project's view once the worker has issued every opinion the project owes (docs/documents.md,
 * "Opinions the authority issues"): a decision is answered at once and its document entry follows,
 * so a test comparing trails before and after something waits for this first.
 */
export const settled = (read: { view(projectId: string): Promise<ProjectView> }, projectId: string, ms = 30_000): Promise<ProjectView> =>
  eventually(
    () => read.view(projectId),
    (v) => !v.issuing?.length,
    { ms, every: 100, what: `the opinions of ${projectId} issued` },
  );
