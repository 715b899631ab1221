import type { ProjectSummary } from './projects-api.js';

/**
 * Project listings from Temporal visibility, served while a fresh one is fetched behind them. A
 * visibility query over a thousand projects takes a few hundred milliseconds on the embedded
 * server; a task list answers from the last listing (at most `refreshMs` old, refreshed by the
 * first request after that) and never waits for one except the first. The project service
 * (server/projects.ts), which owns it, clears it on every start, action and reminder it sends, so a person never sees a list older than their own last action.
 */
export class ListingCache {
  private readonly entries = new Map<string, { at: number; value: Promise<ProjectSummary[]>; refreshing?: Promise<void> }>();

  constructor(
    private readonly refreshMs = 5_000,
    /** Beyond this age a listing is not served at all: the request waits for a fresh one. */
    private readonly maxStaleMs = 60_000,
    private readonly maxEntries = 1_000,
  ) {}

  /** The listing for a filter (its key), fetched with `fetch` when there is none or it is too old. */
  async get(key: string, fetch: () => Promise<ProjectSummary[]>): Promise<ProjectSummary[]> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (!entry || now - entry.at > this.maxStaleMs) {
      const value = fetch();
      this.set(key, { at: now, value });
      value.catch(() => this.entries.delete(key));
      return value;
    }
    if (now - entry.at >= this.refreshMs && !entry.refreshing) {
      entry.refreshing = fetch().then(
        (fresh) => this.set(key, { at: Date.now(), value: Promise.resolve(fresh) }),
        () => void (entry.refreshing = undefined),
      );
    }
    return entry.value;
  }

  /** Forget every listing (after an action here changed what they would show). */
  clear(): void {
    this.entries.clear();
  }

  private set(key: string, entry: { at: number; value: Promise<ProjectSummary[]> }) {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
