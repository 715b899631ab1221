/**
 * Delivery of notices to people outside the product (issue 24): each notice the outbox takes is
 * planned into deliveries — one per recipient and channel — and sent by this dispatcher beside the
 * worker, never inside an action. Every state a delivery passes through (queued, retrying at, sent,
 * failed with the reason) is a line in the worker's delivery log, which the API reads for the
 * project's timeline and for administrators.
 *
 * - Idempotent: a delivery's id is `<notice>|<channel>|<recipient>`; a notice is planned once
 *   (its `planned` line), however often the outbox activity is retried.
 * - A channel down: the delivery is retried with exponential backoff and given up after
 *   `giveUpHours`, then shown as failed with the reason; the action that queued it has long answered.
 * - Nothing lost: a notice written to the outbox but not planned when the worker died is planned at
 *   the next start; a delivery queued or retrying is resumed.
 * - Nothing doubled: a delivery is sent again only if the worker died between the channel taking it
 *   and its `sent` line (the e-mail's Message-ID is the batch's, so mail clients show it once).
 * - Batching: what waits for the same recipient on the same channel goes out as one message — a
 *   daily digest for those who chose it, and for robots whose posts are limited per minute.
 */
import { createHash } from 'node:crypto';
import type { Person } from './people.js';
import type { Channel, Recipient } from './channels.js';
import { appendLines, readLines, writerFile } from './jsonl.js';
import { addressedTo, noticeOf, type Notice } from './notice.js';
import type { Effect } from '../contracts/messages.js';

export type DeliveryState = 'queued' | 'retrying' | 'sent' | 'failed';

/** A delivery's latest state; each change is appended to the log as the whole record. */
export interface DeliveryRecord {
  id: string;
  notice: string;
  projectId: string;
  channel: string;
  recipient: Recipient;
  /** Who it is for, as people read it (the user's or department's name). */
  label: string;
  mode: 'immediate' | 'digest';
  state: DeliveryState;
  queuedAt: string;
  at: string;
  attempts: number;
  /** When it is (next) due: a digest's hour, or the next retry. */
  nextAt?: string;
  reason?: string;
  /** The message it went out in. */
  batch?: string;
}

/** Lines of the delivery log: a delivery's state, or the mark that a notice was planned. */
export type DeliveryLine = DeliveryRecord | { planned: string; deliveries: number; at: string };

export const isPlanned = (l: DeliveryLine): l is { planned: string; deliveries: number; at: string } => 'planned' in l;

/** Where notices reach people outside the product (temporal.config.ts `notifications`). */
export interface NotifySettings {
  /** The product's address as people open it; links in messages start with it. */
  baseUrl: string;
  /** The Beijing hour daily digests go out at. */
  digestHour: number;
  retry: { initialSeconds: number; maxSeconds: number; giveUpHours: number };
  /** Group addresses per jurisdiction and department: an e-mail list, robots. */
  departments: Record<string, Record<string, { email?: string; webhooks?: string[] }>>;
  /** The webhook (an SMS gateway, the county's 协同办公 platform) that gets notices for people with a mobile number or IM id. */
  personalWebhook?: string;
}

const BEIJING_MS = 8 * 3_600_000;

/** The next instant the daily digest goes out after `ms`: `hour` o'clock Beijing time. */
export function nextDigestAt(ms: number, hour: number): number {
  const local = ms + BEIJING_MS;
  let at = Math.floor(local / 86_400_000) * 86_400_000 + hour * 3_600_000;
  if (at <= local) at += 86_400_000;
  return at - BEIJING_MS;
}

/** The deliveries a notice is planned into: its people's own addresses by their preference, and the department's group addresses. */
export function planDeliveries(
  notice: Notice,
  users: readonly Person[],
  settings: NotifySettings,
  channels: ReadonlySet<string>,
  nowMs: number,
): DeliveryRecord[] {
  const out: DeliveryRecord[] = [];
  const queuedAt = new Date(nowMs).toISOString();
  const add = (channel: string, recipient: Recipient, label: string, mode: 'immediate' | 'digest') => {
    if (!channels.has(channel)) return;
    const id = `${notice.id}|${channel}|${recipient.to}`;
    if (out.some((d) => d.id === id)) return;
    out.push({
      id,
      notice: notice.id,
      projectId: notice.projectId,
      channel,
      recipient,
      label,
      mode,
      state: 'queued',
      queuedAt,
      at: queuedAt,
      attempts: 0,
      ...(mode === 'digest' ? { nextAt: new Date(nextDigestAt(nowMs, settings.digestHour)).toISOString() } : {}),
    });
  };
  for (const u of users) {
    if (!addressedTo(notice, u)) continue;
    const pref = u.notify ?? 'immediate';
    if (pref === 'inApp') continue;
    const mode = pref === 'digest' ? 'digest' : 'immediate';
    if (u.email) add('email', { to: u.email, name: u.name }, u.name, mode);
    if (settings.personalWebhook && (u.mobile || u.imUserId))
      add(
        `webhook:${settings.personalWebhook}`,
        { to: `user:${u.id}`, name: u.name, ...(u.mobile ? { mobile: u.mobile } : {}), ...(u.imUserId ? { imUserId: u.imUserId } : {}) },
        u.name,
        mode,
      );
  }
  // The applying side's group addresses would reach every unit; a unit is reached through its own people.
  const group = notice.department === 'applicant' ? undefined : settings.departments[notice.jurisdiction]?.[notice.department];
  if (group?.email) add('email', { to: group.email, name: notice.departmentName }, notice.departmentName, 'immediate');
  for (const w of group?.webhooks ?? [])
    add(`webhook:${w}`, { to: `dept:${notice.jurisdiction}/${notice.department}`, name: notice.departmentName }, notice.departmentName, 'immediate');
  return out;
}

export interface DispatcherOptions {
  /** The data folder's `notifications/` folder: the outbox files and delivery logs. */
  dir: string;
  /** This process's name in its files (one writer per file). */
  writer: string;
  settings: NotifySettings;
  channels: readonly Channel[];
  /** The users as they are now (the identity store, re-read when it changes). */
  users: () => readonly Person[];
  now?: () => number;
  /** How often due deliveries are looked for. */
  tickMs?: number;
  /** At most this many batches in flight at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

/** Plans and sends deliveries; see the module's comment for what it guarantees. */
export class Dispatcher {
  private readonly records = new Map<string, DeliveryRecord>();
  /** Deliveries still to send, per notice: a notice's text is kept in memory while it has any. */
  private readonly open = new Map<string, number>();
  /** The ids of deliveries queued or retrying: what each pass looks at, however long the log. */
  private readonly pendingIds = new Set<string>();
  private readonly planned = new Set<string>();
  private readonly notices = new Map<string, Notice>();
  private readonly channels: Map<string, Channel>;
  private readonly sentAt = new Map<string, number[]>();
  private readonly file: string;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly o: DispatcherOptions) {
    this.channels = new Map(o.channels.map((c) => [c.id, c]));
    this.file = writerFile(o.dir, 'deliveries', o.writer);
    this.now = o.now ?? Date.now;
  }

  /** Load this writer's log, plan what its outbox holds unplanned (within the give-up time), and start sending. */
  async start(): Promise<void> {
    for (const line of await readLines<DeliveryLine>(this.file)) {
      if (isPlanned(line)) this.planned.add(line.planned);
      else this.put(line);
    }
    const horizon = this.now() - this.o.settings.retry.giveUpHours * 3_600_000;
    for (const effect of await readLines<Effect>(writerFile(this.o.dir, 'notifications', this.o.writer))) {
      if (typeof effect?.id !== 'string') continue;
      if (this.open.has(effect.id)) this.notices.set(effect.id, noticeOf(effect));
      else if (!this.planned.has(effect.id) && Date.parse(effect.at) >= horizon) await this.plan(noticeOf(effect));
    }
    this.schedule(0);
  }

  /** Plan a notice's deliveries, once however often it is asked. */
  plan(notice: Notice): Promise<void> {
    const run = this.writing.then(async () => {
      if (this.planned.has(notice.id)) return;
      const deliveries = planDeliveries(notice, this.o.users(), this.o.settings, new Set(this.channels.keys()), this.now()).filter(
        (d) => !this.records.has(d.id),
      );
      await appendLines(this.file, [...deliveries, { planned: notice.id, deliveries: deliveries.length, at: new Date(this.now()).toISOString() }]);
      this.planned.add(notice.id);
      for (const d of deliveries) this.put(d);
      if (deliveries.length) this.notices.set(notice.id, notice);
    });
    this.writing = run.catch(() => undefined);
    return run.then(() => this.schedule(0));
  }

  /** The deliveries known to this dispatcher (for tests and the bench). */
  deliveries(): DeliveryRecord[] {
    return [...this.records.values()];
  }

  /** Send what is due now; resolves when those batches are done (tests call it instead of waiting for the tick). */
  async flush(): Promise<void> {
    // A pass already under way may have started before the latest plan: wait for it, then look again.
    while (this.running) await this.running;
    this.running = this.sendDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.writing;
    for (const c of this.channels.values()) c.close?.();
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.flush().finally(() => this.schedule(this.nextWait()));
    }, ms);
    this.timer.unref();
  }

  /** Until the next delivery is due, at most one tick. */
  private nextWait(): number {
    const tick = this.o.tickMs ?? 1_000;
    const now = this.now();
    let next = Infinity;
    for (const id of this.pendingIds) {
      const r = this.records.get(id)!;
      next = Math.min(next, Date.parse(r.nextAt ?? r.queuedAt) - now);
    }
    return Math.max(50, Math.min(tick, next));
  }

  private async sendDue(): Promise<void> {
    const now = this.now();
    const groups = new Map<string, DeliveryRecord[]>();
    for (const id of this.pendingIds) {
      const r = this.records.get(id)!;
      if (Date.parse(r.nextAt ?? r.queuedAt) > now) continue;
      const key = `${r.channel}\u0000${r.recipient.to}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const batches = [...groups.values()];
    const limit = this.o.concurrency ?? 4;
    for (let i = 0; i < batches.length; i += limit) await Promise.all(batches.slice(i, i + limit).map((b) => this.sendBatch(b)));
  }

  private async sendBatch(batch: DeliveryRecord[]): Promise<void> {
    const first = batch[0]!;
    const channel = this.channels.get(first.channel);
    const nowIso = () => new Date(this.now()).toISOString();
    if (!channel) return this.record(batch.map((r) => ({ ...r, state: 'failed' as const, at: nowIso(), reason: `渠道 ${r.channel} 已不在配置中` })));
    if (channel.perMinute) {
      const recent = (this.sentAt.get(channel.id) ?? []).filter((t) => t > this.now() - 60_000);
      this.sentAt.set(channel.id, recent);
      // Over the robot's limit: wait; what arrives meanwhile joins this batch.
      if (recent.length >= channel.perMinute) return;
      recent.push(this.now());
    }
    const notices = batch.map((r) => this.notices.get(r.notice)).filter((n): n is Notice => n !== undefined);
    if (notices.length === 0) return this.record(batch.map((r) => ({ ...r, state: 'failed' as const, at: nowIso(), reason: '通知内容已不在发件箱中' })));
    const ids = batch.map((r) => r.id).sort();
    const batchId = createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 24);
    try {
      await channel.send({ id: batchId, notices: notices.sort((a, b) => a.at.localeCompare(b.at)), recipient: first.recipient });
      await this.record(
        batch.map((r) => ({ ...r, state: 'sent' as const, at: nowIso(), attempts: r.attempts + 1, batch: batchId, nextAt: undefined, reason: undefined })),
      );
      this.o.log?.(`notice: ${batch.length} notice(s) sent by ${channel.id} to ${first.label}`);
    } catch (err) {
      const reason = String((err as Error)?.message ?? err).slice(0, 300);
      const { initialSeconds, maxSeconds, giveUpHours } = this.o.settings.retry;
      await this.record(
        batch.map((r) => {
          const attempts = r.attempts + 1;
          const giveUp = this.now() - Date.parse(r.queuedAt) >= giveUpHours * 3_600_000;
          const wait = Math.min(initialSeconds * 2 ** (attempts - 1), maxSeconds) * 1000;
          return giveUp
            ? { ...r, state: 'failed' as const, attempts, at: nowIso(), reason, nextAt: undefined }
            : { ...r, state: 'retrying' as const, attempts, at: nowIso(), reason, nextAt: new Date(this.now() + wait).toISOString() };
        }),
      );
      this.o.log?.(`notice: ${channel.id} to ${first.label} failed (${reason}); ${batch.length} notice(s) kept`);
    }
  }

  private async record(changed: DeliveryRecord[]): Promise<void> {
    const clean = changed.map((r) => JSON.parse(JSON.stringify(r)) as DeliveryRecord);
    const run = this.writing.then(() => appendLines(this.file, clean));
    this.writing = run.catch(() => undefined);
    await run;
    for (const r of clean) this.put(r);
    for (const r of clean) if (!this.open.has(r.notice)) this.notices.delete(r.notice);
  }

  /** Keep a delivery's latest state, counting what is still to send per notice. */
  private put(r: DeliveryRecord) {
    const pending = (x: DeliveryRecord | undefined) => x !== undefined && (x.state === 'queued' || x.state === 'retrying');
    const change = (pending(r) ? 1 : 0) - (pending(this.records.get(r.id)) ? 1 : 0);
    this.records.set(r.id, r);
    if (pending(r)) this.pendingIds.add(r.id);
    else this.pendingIds.delete(r.id);
    if (change === 0) return;
    const n = (this.open.get(r.notice) ?? 0) + change;
    if (n > 0) this.open.set(r.notice, n);
    else this.open.delete(r.notice);
  }
}
