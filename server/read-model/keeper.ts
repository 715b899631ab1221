/**
 * Keeps the read model up to date (issue 23), in the API process that holds it:
 *
 * - after each start, action and 催办 through the API, the row of the view it answered (`Recording`
 *   below), with an intent written before the command so a process that dies in between refreshes
 *   the project on its next start;
 * - what the workflow does on its own (reminders, escalations, 通报, a deadline passing) through the
 *   outbox: every effect the workers write names its project and audit entry, and a row older than
 *   the entry is refreshed; and each time limit that passed since the last sweep;
 * - rows it could not write (the store down or full) are kept in memory and retried until written;
 *   meanwhile lists say they are being brought up to date;
 * - a store with no rows while Temporal has projects (new, deleted, corrupted) is rebuilt from
 *   Temporal at start; the admin command `rebuild-read-model` does the same on demand.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Effect, HistoryEntry, ProjectView, RemindInput } from '../../contracts/messages.js';
import type { ActionRequest } from '../../machines/policy.js';
import { JsonlFollower } from '../../notifications/jsonl.js';
import { HttpError } from '../errors.js';
import { ProjectNotFound } from '../projects.js';
import type { ProjectSource, Projects } from '../projects-api.js';
import { rowOf } from './row.js';
import { BadCursor, ReadModel } from './store.js';
import type { Sql } from './sql.js';

/** How up to date the lists are, as pages and the API say it. */
export interface ReadModelState {
  /** The store answers. */
  available: boolean;
  /** Projects whose latest change is not yet in the lists. */
  behind: number;
  /** A rebuild from Temporal is under way (with how many projects written so far). */
  rebuilding?: { written: number };
  lastError?: string;
}

/** How long after a command the workflow's own next move is looked for. */
const FOLLOW_UP_MS = 1_000;

/** How often visibility is asked for workflows that closed (they write no effect). */
const CLOSED_EVERY_MS = 5_000;

type Log = (entry: Record<string, unknown>) => void;

export interface KeeperOptions {
  /** The data folder whose outbox files (notifications*.jsonl) the workers write. */
  dataDir?: string;
  now?: () => Date;
  log?: Log;
  /** How often the outbox, the time limits and unwritten rows are looked at (default 1 s). */
  pollMs?: number;
}

/** Whether an error is the project being gone from Temporal (its intent is then dropped). */
const gone = (err: unknown) => err instanceof ProjectNotFound;

export type { ProjectSource } from '../projects-api.js';

export class ReadModelKeeper {
  private readonly behind = new Set<string>();
  private available = true;
  private lastError: string | undefined;
  private rebuilding: { written: number } | undefined;
  private readonly outbox: JsonlFollower<Effect> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly now: () => Date;
  private readonly log: Log;
  private closedLookedAt = 0;
  private stopped = false;
  private building: Promise<void> | undefined;
  private rebuildRun: Promise<{ projects: number; removed: number }> | undefined;
  private closedThrough: string | undefined;

  constructor(
    readonly model: ReadModel,
    private readonly source: ProjectSource,
    private readonly opts: KeeperOptions = {},
  ) {
    this.outbox = opts.dataDir ? new JsonlFollower<Effect>(opts.dataDir, 'notifications') : undefined;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? ((e) => console.log(JSON.stringify(e)));
  }

  state(): ReadModelState {
    return {
      available: this.available,
      behind: this.behind.size,
      ...(this.rebuilding ? { rebuilding: { ...this.rebuilding } } : {}),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Whether the lists may be missing a change (they then say so). */
  stale(): boolean {
    return !this.available || this.behind.size > 0 || this.rebuilding !== undefined;
  }

  private failed(err: unknown): void {
    this.available = false;
    this.lastError = (err as Error).message;
  }

  private ok(): void {
    this.available = true;
    this.lastError = undefined;
  }

  /** Before a command on a project: its intent, so a crash before its row is written is made good at the next start. */
  async intend(projectId: string): Promise<void> {
    try {
      await this.model.intend(projectId, this.now());
    } catch (err) {
      // The command goes on; its row is retried from memory.
      this.failed(err);
    }
  }

  /** Writes under way: a list read in this process waits for them, so whoever acted sees the change at once. */
  private readonly inflight = new Set<Promise<void>>();

  /** Every row write this process started is done. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  /** A view the API holds after a command: its row, now. Never throws: what cannot be written now is retried. */
  record(view: ProjectView, trail?: readonly HistoryEntry[]): Promise<void> {
    const p = this.write(view, trail).finally(() => this.inflight.delete(p));
    this.inflight.add(p);
    return p;
  }

  /**
   * Projects the workflow is about to change on its own right after a command (an opinion still to
   * issue, a time limit already passed or not yet computed): looked at again after FOLLOW_UP_MS, up to three times, so
   * lists follow within seconds even where no effect reaches the outbox.
   */
  private readonly followUps = new Map<string, { at: number; left: number }>();

  /** Look at a project again shortly (a new project: its workflow computes its first time limits as it starts). */
  later(projectId: string): void {
    if (!this.followUps.has(projectId)) this.followUps.set(projectId, { at: Date.now() + FOLLOW_UP_MS, left: 2 });
  }

  /** After a command (`refreshed` false) or a refresh: whether to look at the project again shortly. */
  private followUp(view: ProjectView, refreshed: boolean): void {
    const now = this.now().getTime();
    // An opinion to issue, a time limit passed but not yet acted on, or one the workflow has yet to compute.
    const moving =
      Boolean(view.issuing?.length) ||
      view.tasks.some(
        (t) => (!t.overdue && t.dueAt !== undefined && Date.parse(t.dueAt) <= now) || (t.deadline !== undefined && t.dueAt === undefined && !t.deadline.error),
      );
    const known = this.followUps.get(view.projectId);
    if (refreshed && known) {
      const left = known.left - 1;
      if (moving && left > 0) this.followUps.set(view.projectId, { at: Date.now() + FOLLOW_UP_MS, left });
      else this.followUps.delete(view.projectId);
      return;
    }
    if (moving) this.followUps.set(view.projectId, { at: Date.now() + FOLLOW_UP_MS, left: 3 });
  }

  private async write(view: ProjectView, trail?: readonly HistoryEntry[]): Promise<void> {
    this.followUp(view, false);
    try {
      await this.model.write([rowOf(view, trail)]);
      await this.model.settle([view.projectId]);
      this.behind.delete(view.projectId);
      this.ok();
    } catch (err) {
      this.behind.add(view.projectId);
      this.failed(err);
      this.log({ level: 'warn', msg: 'read model write failed; retried', projectId: view.projectId, error: String(err) });
    }
  }

  /** Mark projects as changed elsewhere: their rows are refreshed from Temporal at the next tick. */
  touch(projectIds: Iterable<string>): void {
    for (const id of projectIds) this.behind.add(id);
  }

  /** Refresh projects' rows from Temporal (whole trails where the view's window is short of them on `whole`). */
  async refresh(projectIds: readonly string[], opts: { whole?: boolean } = {}): Promise<number> {
    let written = 0;
    for (const id of projectIds) {
      if (this.stopped) break;
      let row;
      try {
        const view = await this.source.view(id, { keep: false });
        const trail = opts.whole && view.historyTotal > view.history.length ? await this.source.audit(id) : view.history;
        row = rowOf(view, trail);
        this.followUp(view, true);
      } catch (err) {
        if (gone(err)) {
          this.behind.delete(id);
          await this.model.settle([id]).catch(() => {});
        } else {
          // Temporal did not answer: tried again at the next tick; the store is not to blame.
          this.behind.add(id);
          this.log({ level: 'warn', msg: 'read model refresh: Temporal did not answer; retried', projectId: id, error: String(err) });
        }
        continue;
      }
      try {
        written += await this.model.write([row]);
        await this.model.settle([id]);
        this.behind.delete(id);
        this.ok();
      } catch (err) {
        this.behind.add(id);
        this.failed(err);
        this.log({ level: 'warn', msg: 'read model write failed; retried', projectId: id, error: String(err) });
      }
    }
    return written;
  }

  /**
   * Write every project Temporal holds, from its whole trail, over the rows there are (lists keep
   * answering meanwhile), then remove rows of projects Temporal no longer holds. Answers how many
   * projects were read.
   */
  async rebuild(): Promise<{ projects: number; removed: number }> {
    // One rebuild at a time: asked for while one runs (the build at start, an operator's request),
    // the caller gets the one under way, which lists everything anyway.
    this.rebuildRun ??= this.rebuildOnce().finally(() => {
      this.rebuildRun = undefined;
    });
    return this.rebuildRun;
  }

  private async rebuildOnce(): Promise<{ projects: number; removed: number }> {
    const progress = { written: 0 };
    this.rebuilding = progress;
    try {
      // Rows written from here on (a start, an action meanwhile) stay whether the listing saw them or not.
      const started = await this.model.clock();
      const seen: string[] = [];
      for await (const ids of this.source.allProjectIds()) {
        if (this.stopped) throw new Error('stopped before the rebuild ended');
        await this.refresh(ids, { whole: true });
        seen.push(...ids);
        progress.written += ids.length;
      }
      const removed = await this.model.retain(seen, started);
      await this.model.setMeta('rebuiltAt', this.now().toISOString());
      return { projects: seen.length, removed };
    } finally {
      this.rebuilding = undefined;
    }
  }

  /** Where an operator asks the running API to rebuild (npm run admin -- rebuild-read-model, while the API holds the embedded store). */
  static requestFile(dataDir: string): string {
    return path.join(dataDir, 'read-model.rebuild');
  }

  /**
   * At start: the intents a dead process left, and a rebuild when the store holds no row yet
   * (in the background; the lists say they are being built). Then the regular ticks.
   */
  async start(): Promise<this> {
    this.touch(await this.model.intents());
    // A start whose process died before its row was written left no intent (the id came with the
    // answer): projects started since shortly before this store was last seen alive are looked at.
    const alive = await this.model.getMeta('aliveAt');
    if (alive) {
      this.closedThrough = new Date(Date.parse(alive) - 5 * 60_000).toISOString();
      try {
        const recent = await this.source.startedSince(new Date(Date.parse(alive) - 5 * 60_000).toISOString());
        const known = await this.model.versions(recent);
        this.touch(recent.filter((id) => !known.has(id)));
      } catch (err) {
        this.log({ level: 'warn', msg: 'read model: recent starts not checked', error: String(err) });
      }
    }
    const empty = (await this.model.size()) === 0 && (await this.model.getMeta('rebuiltAt')) === undefined;
    // The rebuild marks the lists as being built before start() returns (its first step is synchronous).
    if (empty) this.buildBehind('built');
    if (!(await this.model.getMeta('dueSweptThrough'))) await this.model.setMeta('dueSweptThrough', this.now().toISOString());
    const every = this.opts.pollMs ?? 1_000;
    const loop = () => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.ticking = this.tick().finally(loop);
      }, every);
      this.timer.unref();
    };
    this.ticking = this.tick().finally(loop);
    return this;
  }

  /** One round: a rebuild asked for, the outbox, passed time limits, unwritten rows. */
  async tick(): Promise<void> {
    if (this.opts.dataDir && !this.rebuilding && existsSync(ReadModelKeeper.requestFile(this.opts.dataDir))) {
      rmSync(ReadModelKeeper.requestFile(this.opts.dataDir), { force: true });
      this.log({ level: 'info', msg: 'read model rebuild asked for' });
      this.buildBehind('rebuilt');
    }
    try {
      if (this.outbox) {
        const effects = await this.outbox.poll();
        if (effects.length) await this.fromEffects(effects);
      }
      const through = (await this.model.getMeta('dueSweptThrough')) ?? this.now().toISOString();
      const to = this.now().toISOString();
      if (to > through) {
        this.touch(await this.model.dueBetween(through, to));
        await this.model.setMeta('dueSweptThrough', to);
      }
      await this.model.setMeta('aliveAt', to);
      // Workflows ended outside the product (terminated, timed out …) write no effect: visibility says when they closed.
      if (this.source.closedSince && Date.now() - this.closedLookedAt >= CLOSED_EVERY_MS) {
        const since = this.closedThrough ?? new Date(Date.parse(to) - CLOSED_EVERY_MS).toISOString();
        this.closedLookedAt = Date.now();
        try {
          this.touch(await this.source.closedSince(since));
          this.closedThrough = to;
        } catch (err) {
          this.log({ level: 'warn', msg: 'read model: closed workflows not looked at', error: String(err) });
        }
      }
      this.ok();
    } catch (err) {
      this.failed(err);
    }
    const due = [...this.followUps].filter(([, f]) => f.at <= Date.now()).map(([id]) => id);
    this.touch(due);
    if (this.behind.size) await this.refresh([...this.behind].slice(0, 200));
  }

  /** Effects the workers wrote: a row older than the entry an effect records is refreshed. */
  private async fromEffects(effects: readonly Effect[]): Promise<void> {
    const newest = new Map<string, number>();
    for (const e of effects) {
      const seq = Number(e.id.split('#')[1]);
      if (Number.isFinite(seq)) newest.set(e.projectId, Math.max(newest.get(e.projectId) ?? 0, seq));
    }
    const versions = await this.model.versions([...newest.keys()]);
    // An entry numbered n is the n-th: a row at version n or more already holds it.
    this.touch([...newest].filter(([id, seq]) => (versions.get(id) ?? 0) < seq).map(([id]) => id));
  }

  /** No further round starts; the one under way and a rebuild in the background end first. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking?.catch(() => {});
    await this.building?.catch(() => {});
  }

  /** A rebuild in the background, logged when it ends. */
  private buildBehind(what: string): void {
    this.building = this.rebuild()
      .then((r) => this.log({ level: 'info', msg: `read model ${what} from Temporal`, ...r }))
      .catch((err) => this.log({ level: 'error', msg: `read model ${what === 'built' ? 'build' : 'rebuild'} failed`, error: String(err) }));
  }
}

/**
 * Projects whose commands keep the read model: each start, action and 催办 writes an intent, runs,
 * and writes the row of the view it answers. Reads pass through.
 */
export class Recording implements Projects {
  constructor(
    private readonly inner: Projects,
    private readonly keeper: ReadModelKeeper,
  ) {}

  async submit(...args: Parameters<Projects['submit']>): Promise<ProjectView> {
    const view = await this.inner.submit(...args);
    await this.keeper.record(view);
    this.keeper.later(view.projectId);
    return view;
  }

  view(projectId: string, opts?: { keep?: boolean }) {
    return this.inner.view(projectId, opts);
  }

  audit(projectId: string) {
    return this.inner.audit(projectId);
  }

  act(projectId: string, request: ActionRequest, idempotencyKey?: string, opts?: { taskOpen?: boolean }): Promise<ProjectView> {
    return this.command(projectId, () => this.inner.act(projectId, request, idempotencyKey, opts));
  }

  remind(projectId: string, task: string, by: RemindInput['by'], requestId?: string): Promise<ProjectView> {
    return this.command(projectId, () => this.inner.remind(projectId, task, by, requestId));
  }

  /** A command on a project: its intent, the command, its answer's row. */
  private async command(projectId: string, run: () => Promise<ProjectView>): Promise<ProjectView> {
    await this.keeper.intend(projectId);
    try {
      const view = await run();
      await this.keeper.record(view);
      return view;
    } catch (err) {
      // Refused or unanswered: the project may still have changed (a deadline reached meanwhile); look again.
      this.keeper.touch([projectId]);
      throw err;
    }
  }
}

/**
 * The read model of an API process: its store opened and migrated, the keeper started (intents a
 * dead process left, a build from Temporal when empty), and the projects whose commands write it.
 */
export async function openLists(opts: {
  sql: Sql;
  projects: Projects;
  source: ProjectSource;
  keeper?: KeeperOptions;
}): Promise<{ keeper: ReadModelKeeper; projects: Projects; stop(): Promise<void> }> {
  const model = await ReadModel.open(opts.sql);
  const keeper = await new ReadModelKeeper(model, opts.source, opts.keeper).start();
  return {
    keeper,
    projects: new Recording(opts.projects, keeper),
    stop: async () => {
      await keeper.stop();
      await model.close();
    },
  };
}

/**
 * A read of the lists, for the API and the pages alike: after this process's own writes (whoever
 * acted sees it at once); a cursor the store refuses is `badCursor()`, a store that cannot be read a
 * 503 saying so — never an empty list.
 */
export async function readLists<T>(lists: ReadModelKeeper, read: (model: ReadModel) => Promise<T>, badCursor: (err: BadCursor) => Error): Promise<T> {
  try {
    await lists.settled();
    return await read(lists.model);
  } catch (err) {
    if (err instanceof BadCursor) throw badCursor(err);
    throw new HttpError(503, 'lists_unavailable', '列表正在更新，请稍后刷新；办理与提交不受影响', [
      { field: 'readModel', rule: 'unavailable', message: '读模型暂不可用' },
    ]);
  }
}
