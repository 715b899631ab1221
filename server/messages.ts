/**
 * The message centre (issue 24): every notice addressed to a user or their department, newest
 * first, with what is read and how each notice was delivered. It reads what the workers write in
 * the data folder — their outbox files (`notifications*.jsonl`, one per worker) and delivery logs
 * (`deliveries*.jsonl`) — and keeps the read marks in `message-reads.jsonl`, which every API
 * process on the folder appends to and follows, so a mark made through one is seen by all.
 */
import path from 'node:path';
import type { Effect } from '../contracts/messages.js';
import { isPlanned, type DeliveryLine, type DeliveryRecord } from '../notifications/dispatcher.js';
import { appendLine, JsonlFollower } from '../notifications/jsonl.js';
import { addressedTo, noticeOf, type Notice } from '../notifications/notice.js';
import type { User } from './identity.js';
import { jurisdictionOfProject } from './projects.js';

/** A notice as one user's message centre shows it. */
export interface Message {
  notice: Notice;
  read: boolean;
}

interface ReadMark {
  user: string;
  notice: string;
  at: string;
}

const key = (jurisdiction: string, department: string) => `${jurisdiction}/${department}`;

export class MessageCentre {
  private readonly notices = new Map<string, Notice>();
  /** Notices per jurisdiction and department, oldest first. */
  private readonly byDepartment = new Map<string, Notice[]>();
  private readonly deliveries = new Map<string, Map<string, DeliveryRecord>>();
  private readonly reads = new Map<string, Set<string>>();
  private readonly effects: JsonlFollower<Effect>;
  private readonly deliveryLines: JsonlFollower<DeliveryLine>;
  private readonly readMarks: JsonlFollower<ReadMark>;
  private readonly readsFile: string;
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    dataDir: string,
    private readonly opts: { now?: () => number; refreshMs?: number } = {},
  ) {
    this.effects = new JsonlFollower(dataDir, 'notifications');
    this.deliveryLines = new JsonlFollower(dataDir, 'deliveries');
    this.readMarks = new JsonlFollower(dataDir, 'message-reads');
    this.readsFile = path.join(dataDir, 'message-reads.jsonl');
  }

  /** Follow the files in the background, so counts in page headers are at most `refreshMs` old. */
  follow(): this {
    const every = this.opts.refreshMs ?? 1_000;
    const tick = () => {
      this.timer = setTimeout(() => void this.refresh().finally(tick), every);
      this.timer.unref();
    };
    void this.refresh().finally(tick);
    return this;
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /** Read what was appended since the last look (one look at a time). */
  refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      for (const e of await this.effects.poll()) {
        if (typeof e?.id !== 'string' || this.notices.has(e.id)) continue;
        const n = noticeOf(e);
        this.notices.set(n.id, n);
        const k = key(n.jurisdiction, n.department);
        const list = this.byDepartment.get(k) ?? [];
        list.push(n);
        // Files are read one after another: keep each department's list in time order.
        if (list.length > 1 && list[list.length - 2]!.at > n.at) list.sort((a, b) => a.at.localeCompare(b.at));
        this.byDepartment.set(k, list);
      }
      for (const line of await this.deliveryLines.poll()) {
        if (isPlanned(line)) continue;
        const m = this.deliveries.get(line.notice) ?? new Map<string, DeliveryRecord>();
        m.set(line.id, line);
        this.deliveries.set(line.notice, m);
      }
      for (const r of await this.readMarks.poll()) {
        const s = this.reads.get(r.user) ?? new Set<string>();
        s.add(r.notice);
        this.reads.set(r.user, s);
      }
    })().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The notices addressed to the user, newest first. */
  messagesOf(user: User): Message[] {
    const read = this.reads.get(user.id);
    const list = (this.byDepartment.get(key(user.jurisdiction, user.department)) ?? []).filter((n) => addressedTo(n, user));
    return list
      .slice()
      .reverse()
      .map((notice) => ({ notice, read: read?.has(notice.id) ?? false }));
  }

  /** How many of the user's notices they have not opened, as of the last refresh. */
  unreadCount(user: User): number {
    const read = this.reads.get(user.id);
    let n = 0;
    for (const notice of this.byDepartment.get(key(user.jurisdiction, user.department)) ?? []) if (addressedTo(notice, user) && !read?.has(notice.id)) n++;
    return n;
  }

  /** One notice, if it is addressed to the user. */
  messageOf(user: User, id: string): Message | undefined {
    const notice = this.notices.get(id);
    if (!notice || !addressedTo(notice, user)) return undefined;
    return { notice, read: this.reads.get(user.id)?.has(id) ?? false };
  }

  /** Mark the user's notices read; ids not addressed to them, or already read, change nothing. Returns how many changed. */
  async markRead(user: User, ids: readonly string[]): Promise<number> {
    const s = this.reads.get(user.id) ?? new Set<string>();
    let changed = 0;
    for (const id of ids) {
      if (s.has(id) || !this.messageOf(user, id)) continue;
      await appendLine(this.readsFile, { user: user.id, notice: id, at: new Date((this.opts.now ?? Date.now)()).toISOString() } satisfies ReadMark);
      s.add(id);
      changed++;
    }
    this.reads.set(user.id, s);
    return changed;
  }

  /** How a notice was delivered: each recipient and channel with its state. */
  deliveriesOf(noticeId: string): DeliveryRecord[] {
    return [...(this.deliveries.get(noticeId)?.values() ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Deliveries of a jurisdiction, optionally in one state, newest first (for administrators). */
  deliveriesIn(jurisdiction: string, state?: DeliveryRecord['state']): Array<DeliveryRecord & { notice: string }> {
    const out: DeliveryRecord[] = [];
    for (const m of this.deliveries.values())
      for (const d of m.values()) {
        const n = this.notices.get(d.notice);
        if ((n?.jurisdiction ?? jurisdictionOfProject(d.projectId)) !== jurisdiction) continue;
        if (!state || d.state === state) out.push(d);
      }
    return out.sort((a, b) => b.at.localeCompare(a.at));
  }
}
