import type { ProjectView } from '../contracts/messages.js';
import { VIEW_HISTORY_ENTRIES } from '../workflows/view.js';

/**
 * The latest view this API process saw of each recently used project, so an action's answer need
 * carry only the history entries after it (contracts/messages.ts AnswerShape). A reviewer opens a
 * project before acting on it, so the view is here when the action comes. What is not here (or
 * cannot be completed) costs one query, never a wrong view: audit entries are append-only and
 * numbered from 1, and a completed view must hold exactly the latest entries up to its total.
 */
export class ViewMemory {
  private readonly views = new Map<string, ProjectView>();

  constructor(private readonly maxEntries = 2_000) {}

  /** The history total to send with an action on this project, when its view is held. */
  since(projectId: string): number | undefined {
    return this.views.get(projectId)?.historyTotal;
  }

  /** Keep a complete view, the latest one seen (an older one racing in only makes the next answer longer). */
  remember(view: ProjectView): ProjectView {
    if (view.historySince !== undefined) throw new Error('remember() takes complete views; complete() the answer first');
    this.views.delete(view.projectId);
    this.views.set(view.projectId, view);
    if (this.views.size > this.maxEntries) this.views.delete(this.views.keys().next().value!);
    return view;
  }

  /**
   * An answer as the caller should see it: a complete view as it is, a delta completed from the
   * view held (and remembered); undefined when what is held cannot complete it.
   */
  complete(answer: ProjectView): ProjectView | undefined {
    const since = answer.historySince;
    if (since === undefined) return this.remember(answer);
    const held = this.views.get(answer.projectId);
    if (!held || held.historyTotal < since) return undefined;
    const { historySince: _since, ...view } = answer;
    const history = held.history
      .filter((h) => h.seq <= since)
      .concat(answer.history)
      .slice(-VIEW_HISTORY_ENTRIES);
    const total = answer.historyTotal;
    const whole = history.length === Math.min(VIEW_HISTORY_ENTRIES, total) && history.every((h, i) => h.seq === total - history.length + 1 + i);
    if (!whole) return undefined;
    return this.remember({ ...view, history });
  }

  /** Forget a project (it may have been reset or deleted). */
  forget(projectId: string): void {
    this.views.delete(projectId);
  }
}
