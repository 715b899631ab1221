import { createStore } from '@xstate/store';

/** What the pages keep in the browser: the list's filter, the selection for bulk actions, live task-list state. */
export interface WorkspaceContext {
  filter: Record<string, string>;
  selection: string[];
  /** The signature of the task list on screen and the latest one the server pushed. */
  shownSignature: string;
  latestSignature: string;
  liveCount?: number;
  /** The chart state whose article is shown. */
  selectedState?: string;
}

/** The workspace's client state, changed only by events. */
export function createWorkspaceStore(initial: Partial<WorkspaceContext> = {}) {
  return createStore({
    context: { filter: {}, selection: [], shownSignature: '', latestSignature: '', ...initial } as WorkspaceContext,
    on: {
      filterChanged: (context, event: { name: string; value: string }) => ({ ...context, filter: { ...context.filter, [event.name]: event.value } }),
      selected: (context, event: { id: string; on: boolean }) => ({
        ...context,
        selection: event.on ? [...new Set([...context.selection, event.id])] : context.selection.filter((x) => x !== event.id),
      }),
      pushed: (context, event: { signature: string; count: number }) => ({ ...context, latestSignature: event.signature, liveCount: event.count }),
      refreshed: (context, event: { signature: string }) => ({ ...context, shownSignature: event.signature }),
      stateSelected: (context, event: { id: string }) => ({ ...context, selectedState: event.id }),
    },
  });
}
