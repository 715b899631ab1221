import type { ProjectView } from '../contracts/messages.js';
import type { Projects, ProjectSummary } from './projects-api.js';

/** How many views past their age are asked for at once behind the lists (a list's own misses take `concurrency`). */
const BACKGROUND_CONCURRENCY = 4;

/** What visibility says about a project that a view depends on: when it changes, the view has. */
const stampOf = (s: ProjectSummary) => [s.status, s.awaitingDepartments.join(','), s.nextDueAt, s.overdueSince, s.sanction, s.running].join('|');

/**
 * Project views for the list pages, kept while the project's search attributes stay the same.
 * A list of a thousand projects then asks the workers only about the projects that moved. What
 * changes a view without touching its search attributes (a timer's reminder, an escalation level
 * already counted in its time limit) is refreshed once a view is older than `maxAgeMs`: behind the
 * list, a few at a time, so that list is answered at once from what it had and the next one shows
 * the change (asking a worker about a project it does not cache costs a replay, measured
 * in docs/benchmarks.md). The project service (server/projects.ts), which owns it, drops a project acted on through it.
 */
export class ViewCache {
  private readonly entries = new Map<string, { stamp: string; view: ProjectView; at: number }>();
  private readonly refreshing = new Set<string>();

  constructor(
    private readonly projects: Pick<Projects, 'view'>,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly concurrency = 16,
    private readonly maxEntries = 20_000,
  ) {}

  /** Views of the listed projects, in their order; projects that vanished meanwhile are left out. */
  async views(summaries: ProjectSummary[]): Promise<ProjectView[]> {
    const now = Date.now();
    const old: ProjectSummary[] = [];
    const out: Array<ProjectView | undefined> = summaries.map((s) => {
      const e = this.entries.get(s.projectId);
      if (!e || e.stamp !== stampOf(s)) return undefined;
      if (now - e.at >= this.maxAgeMs) old.push(s);
      return e.view;
    });
    this.refresh(old);
    const missing = summaries.flatMap((s, i) => (out[i] ? [] : [i]));
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < missing.length; k = next++) {
        const i = missing[k]!;
        const s = summaries[i]!;
        const view = await this.projects.view(s.projectId, { keep: false }).catch(() => undefined);
        out[i] = view;
        if (view) this.keep(s, view);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, missing.length) }, worker));
    return out.filter((v): v is ProjectView => v !== undefined);
  }

  /** Ask again, in the background and a few at a time, about views past their age (once each at a time). */
  private refresh(summaries: ProjectSummary[]): void {
    const due = summaries.filter((s) => !this.refreshing.has(s.projectId));
    for (const s of due) this.refreshing.add(s.projectId);
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < due.length; k = next++) {
        const s = due[k]!;
        const view = await this.projects.view(s.projectId, { keep: false }).catch(() => undefined);
        this.refreshing.delete(s.projectId);
        // A project dropped or moved meanwhile is asked about by the next list that shows it.
        const current = this.entries.get(s.projectId);
        if (view && current?.stamp === stampOf(s)) this.keep(s, view);
      }
    };
    void Promise.all(Array.from({ length: Math.min(BACKGROUND_CONCURRENCY, due.length) }, worker));
  }

  private keep(s: ProjectSummary, view: ProjectView): void {
    this.entries.delete(s.projectId);
    this.entries.set(s.projectId, { stamp: stampOf(s), view, at: Date.now() });
    if (this.entries.size > this.maxEntries) {
      // Oldest first: a Map keeps insertion order.
      for (const key of [...this.entries.keys()].slice(0, this.entries.size - this.maxEntries)) this.entries.delete(key);
    }
  }

  /** Forget a project (after a command changed it). */
  drop(projectId: string): void {
    this.entries.delete(projectId);
  }
}
