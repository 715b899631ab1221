import type { ProjectView } from '../../workflows/messages.js';
import type { ProjectService, ProjectSummary } from '../projects.js';

/** What visibility says about a project that a view depends on: when it changes, the view has. */
const stampOf = (s: ProjectSummary) => [s.status, s.awaitingDepartments.join(','), s.nextDueAt, s.overdueSince, s.sanction, s.running].join('|');

/**
 * Project views for the list pages, kept while the project's search attributes stay the same.
 * A list of a thousand projects then asks the workers only about the projects that moved. What
 * changes a view without touching its search attributes (a timer's reminder, an escalation level
 * already counted in its time limit) shows within `maxAgeMs`; the pages drop a project they act on.
 */
export class ViewCache {
  private readonly entries = new Map<string, { stamp: string; view: ProjectView; at: number }>();

  constructor(
    private readonly projects: Pick<ProjectService, 'view'>,
    private readonly maxAgeMs = 5 * 60_000,
    private readonly concurrency = 16,
    private readonly maxEntries = 20_000,
  ) {}

  /** Views of the listed projects, in their order; projects that vanished meanwhile are left out. */
  async views(summaries: ProjectSummary[]): Promise<ProjectView[]> {
    const now = Date.now();
    const out: Array<ProjectView | undefined> = summaries.map((s) => {
      const e = this.entries.get(s.projectId);
      return e && e.stamp === stampOf(s) && now - e.at < this.maxAgeMs ? e.view : undefined;
    });
    const missing = summaries.flatMap((s, i) => (out[i] ? [] : [i]));
    let next = 0;
    const worker = async () => {
      for (let k = next++; k < missing.length; k = next++) {
        const i = missing[k]!;
        const s = summaries[i]!;
        const view = await this.projects.view(s.projectId).catch(() => undefined);
        out[i] = view;
        if (view) this.entries.set(s.projectId, { stamp: stampOf(s), view, at: Date.now() });
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, missing.length) }, worker));
    if (this.entries.size > this.maxEntries) {
      // Oldest first: a Map keeps insertion order.
      for (const key of [...this.entries.keys()].slice(0, this.entries.size - this.maxEntries)) this.entries.delete(key);
    }
    return out.filter((v): v is ProjectView => v !== undefined);
  }

  /** Forget a project (after acting on it here). */
  drop(projectId: string): void {
    this.entries.delete(projectId);
  }
}
