/**
 * Timer planning and due alarms, pure: which time limits the active states call for, which of
 * them already have a known due time, and which alarms (催办, the limit, a second escalation
 * level, a retry) have come. The workflow shell computes what is missing in one local activity.
 */
import type { DueRequest, DueResult } from '../contracts/due-times.js';
import type { KnownDueTime, Timer } from '../contracts/messages.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';
import type { StateSummary } from '../machines/status.js';

/** How long to wait before computing a due time again that failed for want of calendar data. */
export const CALENDAR_RETRY_MS = 24 * 3_600_000;

/** How many computed due times a project remembers (the latest ones). */
export const KNOWN_DUE_TIMES = 32;

/** A timer the active states call for, with what determines its due time. */
export interface WantedTimer {
  timer: Omit<Timer, 'fired'>;
  request: DueRequest;
}

/** The timers the active states call for: each deadline in their meta, and a service level for each awaited task without one. */
export function wantedTimers(def: JurisdictionDefinition, summary: StateSummary, today: string): WantedTimer[] {
  const wanted: WantedTimer[] = [];
  for (const d of summary.deadlines) {
    const assignee = summary.tasks.find((t) => t.stateId === d.stateId)?.assignee;
    wanted.push({
      timer: {
        key: d.key,
        kind: 'deadline',
        stateId: d.stateId,
        id: d.spec.id,
        title: d.spec.title,
        article: d.spec.article,
        ...(assignee ? { department: assignee } : {}),
      },
      request: { key: d.key, jurisdiction: def.id, period: d.spec.period, start: d.startDate ?? today },
    });
  }
  for (const t of summary.tasks) {
    if (t.deadline) continue;
    const key = `${t.stateId}#task:${t.id}`;
    wanted.push({
      timer: { key, kind: 'serviceLevel', stateId: t.stateId, id: t.id, title: `${t.title}办理时限`, article: t.article, department: t.assignee },
      request: { key, jurisdiction: def.id, period: { unit: 'serviceLevel', key: t.id }, start: today },
    });
  }
  return wanted;
}

/** What determines a due time: the same request gives the same answer from the same calendar and service levels. */
export const requestKey = (r: DueRequest): string => `${r.jurisdiction}|${JSON.stringify(r.period)}|${r.start}`;

/** The timers to keep, and the wanted ones whose due time is not known yet. */
export interface TimerPlan {
  timers: Timer[];
  missing: WantedTimer[];
}

/**
 * Bring the timers in line with the active states: drop those no longer wanted, keep those
 * running, and start the new ones whose due time is known (a state entered again on the same
 * day costs no computation); the rest are `missing`.
 */
export function planTimers(current: readonly Timer[], wanted: readonly WantedTimer[], known: readonly KnownDueTime[]): TimerPlan {
  const keys = new Set(wanted.map((w) => w.timer.key));
  const timers = current.filter((t) => keys.has(t.key));
  const missing: WantedTimer[] = [];
  for (const w of wanted) {
    if (timers.some((t) => t.key === w.timer.key)) continue;
    const k = known.find((x) => x.request === requestKey(w.request));
    if (k) timers.push(timerOf(w, k));
    else missing.push(w);
  }
  return { timers, missing };
}

function timerOf(w: WantedTimer, k: KnownDueTime): Timer {
  if ('error' in k) return { ...w.timer, fired: false, error: k.error, retryAt: k.retryAt };
  return {
    ...w.timer,
    fired: false,
    lastDay: k.lastDay,
    dueAt: k.dueAt,
    ...(k.remindAt ? { remindAt: k.remindAt } : {}),
    ...(k.secondLevelAt ? { secondLevelAt: k.secondLevelAt } : {}),
  };
}

/** Computed due times added to what is known (failures with the instant to try again), keeping the latest KNOWN_DUE_TIMES. */
export function remember(known: readonly KnownDueTime[], missing: readonly WantedTimer[], results: readonly DueResult[], nowMs: number): KnownDueTime[] {
  const fresh: KnownDueTime[] = [];
  for (const m of missing) {
    const r = results.find((x) => x.key === m.request.key);
    if (!r) continue;
    const request = requestKey(m.request);
    const { key: _key, ...result } = r;
    fresh.push('error' in result ? { request, error: result.error, retryAt: new Date(nowMs + CALENDAR_RETRY_MS).toISOString() } : { request, ...result });
  }
  const requests = new Set(fresh.map((f) => f.request));
  return [...known.filter((k) => !requests.has(k.request)), ...fresh].slice(-KNOWN_DUE_TIMES);
}

/** Forget failed computations, so their timers are computed again (an operator may have added the missing year). */
export const forgetFailures = (known: readonly KnownDueTime[]): KnownDueTime[] => known.filter((k) => !('error' in k));

/** What an alarm does when it rings. */
export type AlarmKind = 'retry' | 'reminder' | 'due' | 'second';

/** The instants still to come for a timer. */
export function alarmsOf(t: Timer): Array<{ kind: AlarmKind; at: number }> {
  if (t.error) return t.retryAt ? [{ kind: 'retry', at: Date.parse(t.retryAt) }] : [];
  const out: Array<{ kind: AlarmKind; at: number }> = [];
  if (!t.fired && !t.reminded && t.remindAt) out.push({ kind: 'reminder', at: Date.parse(t.remindAt) });
  if (!t.fired && t.dueAt) out.push({ kind: 'due', at: Date.parse(t.dueAt) });
  // Statutory deadlines escalate through the chart's own supervision chain; service levels here.
  if (t.kind === 'serviceLevel' && !t.escalatedTwice && t.secondLevelAt) out.push({ kind: 'second', at: Date.parse(t.secondLevelAt) });
  return out;
}

/** Alarms whose instant has come, in time order. */
export function dueAlarms(timers: readonly Timer[], nowMs: number): Array<{ timer: Timer; kind: AlarmKind; at: number }> {
  return timers
    .flatMap((timer) => alarmsOf(timer).map((alarm) => ({ timer, ...alarm })))
    .filter((a) => a.at <= nowMs)
    .sort((a, b) => a.at - b.at);
}

/** The instant of the next alarm, if any. */
export function nextAlarmAt(timers: readonly Timer[]): number | undefined {
  let next: number | undefined;
  for (const t of timers) for (const a of alarmsOf(t)) if (next === undefined || a.at < next) next = a.at;
  return next;
}
