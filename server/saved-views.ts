import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const savedView = z.strictObject({
  id: z.string().regex(/^[0-9a-f]{16}$/),
  name: z.string().trim().min(1).max(40),
  /** The list page the view belongs to. */
  page: z.enum(['tasks', 'done', 'mine', 'supervise', 'projects']),
  /** The filter as the page's query string (already checked by that page's schema when used). */
  query: z.string().max(1000),
  createdAt: z.string(),
});

/** A named filter a person keeps on the server. */
export type SavedView = z.output<typeof savedView>;

const fileSchema = z.record(z.string(), z.array(savedView));

/** Saved views (named filters) per user, kept in a JSON file in the data folder (or in memory). */
export class SavedViews {
  private readonly byUser: Map<string, SavedView[]>;

  private constructor(
    private readonly file: string | undefined,
    data: z.output<typeof fileSchema>,
  ) {
    this.byUser = new Map(Object.entries(data));
  }

  /** Load the store, or start an empty one. */
  static open(file?: string): SavedViews {
    return new SavedViews(file, file && existsSync(file) ? fileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : {});
  }

  /** A user's views, oldest first. */
  list(userId: string, page?: SavedView['page']): SavedView[] {
    return (this.byUser.get(userId) ?? []).filter((v) => !page || v.page === page);
  }

  /** Keep a view; a view of the same name on the same page is replaced. At most 50 per user. */
  save(userId: string, view: Omit<SavedView, 'id' | 'createdAt'>, id: string, now = new Date()): SavedView {
    const parsed = savedView.parse({ ...view, id, createdAt: now.toISOString() });
    const rest = this.list(userId).filter((v) => !(v.page === parsed.page && v.name === parsed.name));
    if (rest.length >= 50) throw new Error('每人最多保存 50 个视图');
    this.byUser.set(userId, [...rest, parsed]);
    this.persist();
    return parsed;
  }

  /** Remove one of a user's views; false when there was none. */
  remove(userId: string, id: string): boolean {
    const views = this.list(userId);
    const left = views.filter((v) => v.id !== id);
    this.byUser.set(userId, left);
    this.persist();
    return left.length !== views.length;
  }

  private persist() {
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.byUser), null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
