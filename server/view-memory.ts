import type { HistoryEntry, ProjectView } from '../contracts/messages.js';
import { VIEW_HISTORY_ENTRIES } from '../core/view.js';

/**
 * The latest view this API process saw of each recently used project, so an action's answer need
 * carry only the history entries after it (contracts/messages.ts AnswerShape). A reviewer opens a
 * project before acting on it, so the view is here when the action comes. What is not here, or
 * cannot be completed, costs one query, never a wrong view: audit entries are append-only and
 * numbered from 1; the answer repeats the entry at `since`, which must be the one held (a project
 * reset and grown back past the view held has another entry there); and a completed view must hold
 * exactly the latest entries up to its total.
 */
export class ViewMemory {
  private readonly views = new Map<string, ProjectView>();
  /** Answers that could not be completed from what was held (each cost the caller a query). */
  misses = 0;

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
    const mine = held?.history.filter((h) => h.seq <= since) ?? [];
    const boundary = answer.history.find((h) => h.seq === since);
    // The entry the answer starts from must be the one held, unless nothing came before it or the
    // answer needs nothing held (it carries the latest 50 after `since`).
    const joins = since === 0 || (answer.history[0]?.seq ?? 0) > since || (boundary !== undefined && sameEntry(mine[mine.length - 1], boundary));
    const history = mine
      .filter((h) => h.seq < since)
      .concat(answer.history)
      .slice(-VIEW_HISTORY_ENTRIES);
    const total = answer.historyTotal;
    const whole = history.length === Math.min(VIEW_HISTORY_ENTRIES, total) && history.every((h, i) => h.seq === total - history.length + 1 + i);
    if (!joins || !whole) {
      this.misses++;
      return undefined;
    }
    const { historySince: _since, ...view } = answer;
    // The application never changes, so a delta answer leaves it out (core/view.ts).
    const application = answer.application ?? held?.application;
    return this.remember({ ...view, ...(application ? { application } : {}), history });
  }

  /** What an answer that cannot be completed still says for sure: the view with only the entries it carries. */
  static partial(answer: ProjectView): ProjectView {
    const { historySince, ...view } = answer;
    return { ...view, history: answer.history.filter((h) => h.seq > (historySince ?? 0)) };
  }
}

/** Whether two audit entries are the same (as views carry them: with their data, without signatures). */
function sameEntry(a: HistoryEntry | undefined, b: HistoryEntry): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}
