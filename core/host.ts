/**
 * The project as its workflow holds it — chart snapshot, timers, audit trail, outbox, known due
 * times — and the pure steps on it: start, restore, apply an event, ring alarms, carry over,
 * search attribute values. No Temporal here; workflows/project.ts drives it.
 */
import { createActor, initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { Carried, Effect, EffectNotice, HistoryEntry, KnownDueTime, OpinionRequest, ProjectInput, Timer } from '../contracts/messages.js';
import { searchAttributes } from '../contracts/search-attributes.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';
import { chinaDate, type ProjectEvent } from '../machines/shared/events.js';
import { EFFECTS } from '../machines/shared/meta.js';
import { step } from '../machines/shared/step.js';
import { summarize } from '../machines/status.js';
import { chainGenesis, entryHash } from './chain.js';
import { chartEffectEntry, escalation, reminder, type PlannedEffect } from './escalation.js';
import type { DueTimeCalculator } from '../contracts/due-times.js';
import { dueAlarms, forgetFailures, planTimers, remember, wantedTimers } from './timers.js';

/** Everything the host knows about a project. */
export interface HostState {
  projectId: string;
  snapshot: AnyMachineSnapshot;
  timers: Timer[];
  history: HistoryEntry[];
  submittedAt: string;
  /** Effects not yet delivered, oldest first. */
  outbox: Effect[];
  known: KnownDueTime[];
  /** Whether entries are hash-chained (core/chain.ts); false for runs from before the chain (docs/compatibility.md, "Audit entries without a hash"). */
  chained?: boolean;
  /** Whether decisions are issued as opinion documents (core/opinions.ts); false for runs from before them (docs/compatibility.md, "Runs without opinions"). */
  opinions?: boolean;
  /** Whether only the operators' search attributes are kept current (ProjectInput.operatorAttributes); false for runs from before. */
  operatorAttributes?: boolean;
  /** Opinions decided and not yet issued, oldest first. */
  issuing: OpinionRequest[];
}

/** An audit entry before the host numbers and dates it. */
export type NewEntry = Omit<HistoryEntry, 'seq' | 'at'> & { at?: string };

/** Number, date and append an audit entry; on a chained trail, linked to the one before by its hash. */
export function append(state: HostState, entry: NewEntry, nowIso: string): HistoryEntry {
  const recorded: HistoryEntry = { seq: state.history.length + 1, at: entry.at ?? nowIso, ...entry };
  if (state.chained) recorded.hash = entryHash(state.history[state.history.length - 1]?.hash ?? chainGenesis(state.projectId), recorded);
  state.history.push(recorded);
  return recorded;
}

/** Record an effect and queue it for the outbox under the id of its audit entry. */
export function queue(def: JurisdictionDefinition, state: HostState, type: string, params: Record<string, unknown>, entry: NewEntry, nowIso: string) {
  const recorded = append(state, entry, nowIso);
  state.outbox.push({
    id: `${state.projectId}#${recorded.seq}`,
    projectId: state.projectId,
    jurisdiction: def.id,
    type,
    params,
    at: recorded.at,
    ...(recorded.kind === 'notification' || recorded.kind === 'reminder' || recorded.kind === 'escalation'
      ? { notice: effectNotice(state, recorded, String(params.to ?? recorded.department ?? 'applicant'), params) }
      : {}),
  });
}

/** The notice an effect carries for its channels (contracts/messages.ts EffectNotice). */
function effectNotice(state: HostState, entry: HistoryEntry, to: string, params: Record<string, unknown>): EffectNotice {
  const app = (state.snapshot.context as { application?: { title?: unknown; applicantUnit?: unknown } } | undefined)?.application;
  return {
    kind: entry.kind as EffectNotice['kind'],
    department: entry.department ?? to,
    // What the addressee is told: the effect's own message (a 催办's sender is `actor`, not repeated in
    // the text); an escalation reads as its audit entry does (the reason and whom it went to).
    message: typeof params.message === 'string' && entry.kind !== 'escalation' ? params.message : (entry.message ?? ''),
    ...(entry.article ? { article: entry.article } : {}),
    ...(entry.task ? { task: entry.task } : {}),
    ...(entry.actor ? { actor: entry.actor } : {}),
    ...(typeof entry.level === 'number' ? { level: entry.level } : {}),
    title: String(app?.title ?? ''),
    unit: String(app?.applicantUnit ?? ''),
  };
}

const queuePlanned = (def: JurisdictionDefinition, state: HostState, p: PlannedEffect, at: string) =>
  queue(def, state, p.type, p.params, { ...p.entry, at }, at);

/** Queue the side effects a transition named; raises were handled by the transition, delays are not allowed. */
function queueActions(def: JurisdictionDefinition, state: HostState, actions: ReadonlyArray<{ type: string; params?: unknown }>, nowIso: string) {
  for (const action of actions) {
    if (action.type.startsWith('xstate.')) {
      // Charts declare deadlines in meta, where the host keeps them as durable timers; `after` would vanish at continue-as-new.
      if ((action.params as { delay?: number } | undefined)?.delay !== undefined)
        throw new Error('charts must declare deadlines in state meta, not with `after`');
      continue;
    }
    if (!(EFFECTS as readonly string[]).includes(action.type)) throw new Error(`chart names unknown effect '${action.type}'`);
    const params = (action.params ?? {}) as Record<string, unknown>;
    queue(def, state, action.type, params, chartEffectEntry(def, action.type, params), nowIso);
  }
}

/** A new project: the chart's initial state, the submission in the audit trail and the effects of entering it. */
export function startState(def: JurisdictionDefinition, input: ProjectInput, nowIso: string, chained = input.auditChain === 1): HostState {
  // The application was parsed against its jurisdiction's schema where it was submitted.
  const [snapshot, actions] = initialTransition(def.machine, { projectId: input.projectId, application: input.application });
  // Runs started before the API dated submissions and computed the first due times date from their first workflow task
  // (docs/compatibility.md, "Undated starts").
  const submittedAt = input.submittedAt ?? nowIso;
  const state: HostState = {
    projectId: input.projectId,
    snapshot,
    timers: [],
    history: [],
    submittedAt,
    outbox: [],
    known: input.dueTimes ?? [],
    chained,
    opinions: input.opinions === 1,
    operatorAttributes: input.operatorAttributes === 1,
    issuing: [],
  };
  append(
    state,
    { kind: 'submitted', message: '提交申报', actor: input.submittedBy.actor, department: 'applicant', toStatus: summarize(snapshot).status },
    submittedAt,
  );
  queueActions(def, state, actions, submittedAt);
  return state;
}

/**
 * A new project as its workflow begins it: the initial state with the timers whose due times the
 * input brings, dated from the submission. The API builds the first view from this, and the
 * workflow's first plan starts from the same day, so both see the same project. Given `compute`
 * (the API's due-time calculator), the first due times are computed and written into the input,
 * and the input is marked as starting a hash-chained trail (its first entry is hashed here as in the workflow).
 */
export function beginProject(
  def: JurisdictionDefinition,
  input: ProjectInput & { submittedAt: string },
  compute?: DueTimeCalculator,
  opts: { opinions?: boolean } = {},
): HostState {
  input.auditChain = 1;
  // Decisions issued as numbered documents (core/opinions.ts), unless the county keeps them on paper (temporal.config.ts opinions.issue).
  if (opts.opinions !== false) input.opinions = 1;
  // The lists read the awaited departments and due times from the read model: visibility keeps what operators search by.
  input.operatorAttributes = 1;
  const state = startState(def, input, input.submittedAt);
  const submitted = Date.parse(input.submittedAt);
  const wanted = wantedTimers(def, summarize(state.snapshot), todayOf(submitted));
  if (compute) state.known = input.dueTimes = remember(state.known, wanted, compute(wanted.map((w) => w.request)), submitted);
  state.timers = planTimers([], wanted, state.known).timers;
  return state;
}

/** A project carried over from its previous run, restored through XState's own persistence. */
export function restoreState(def: JurisdictionDefinition, projectId: string, carried: Carried, chained = carried.auditChain === 1): HostState {
  const snapshot =
    carried.persisted !== undefined
      ? createActor(def.machine, { snapshot: carried.persisted as never }).getSnapshot()
      : // Runs before host v2 carried state value and context only (docs/compatibility.md, "Host 1's carried state").
        def.machine.resolveState(carried.snapshot as never);
  return {
    projectId,
    snapshot,
    timers: carried.timers,
    history: carried.history,
    submittedAt: carried.submittedAt,
    outbox: carried.outbox ?? [],
    known: carried.dueTimes ?? [],
    chained,
    opinions: carried.opinions === 1,
    operatorAttributes: carried.operatorAttributes === 1,
    issuing: carried.issuing ?? [],
  };
}

/** What the next run needs. */
export const carry = (def: JurisdictionDefinition, state: HostState): Carried => ({
  persisted: def.machine.getPersistedSnapshot(state.snapshot),
  timers: state.timers,
  history: state.history,
  submittedAt: state.submittedAt,
  outbox: state.outbox,
  dueTimes: state.known,
  ...(state.chained ? { auditChain: 1 as const } : {}),
  ...(state.opinions ? { opinions: 1 as const } : {}),
  ...(state.issuing.length ? { issuing: state.issuing } : {}),
  ...(state.operatorAttributes ? { operatorAttributes: 1 as const } : {}),
});

/**
 * Apply an event and record it; false when the chart does not take it (XState's `can`). A caller
 * that has just asked `can` for this very event says so with `taken`, so the rules run once.
 */
export function applyEvent(def: JurisdictionDefinition, state: HostState, event: ProjectEvent, entry: NewEntry, nowIso: string, taken = false): boolean {
  const before = state.snapshot;
  if (!taken && !before.can(event as never)) return false;
  const [next, actions] = step(def.machine, before, event);
  // A chart error is a bug in the chart: fail the workflow task (plain Error) so it retries once fixed.
  if (next.status === 'error') throw new Error(`chart error on ${event.type}: ${String(next.error)}`);
  state.snapshot = next;
  append(state, { ...entry, at: event.at, fromStatus: summarize(before).status, toStatus: summarize(next).status }, nowIso);
  queueActions(def, state, actions, nowIso);
  return true;
}

/**
 * Ring every alarm whose instant has come, in time order: reminders, time limits, second levels,
 * retries. Returns whether due times must be computed again.
 */
export function ringAlarms(def: JurisdictionDefinition, state: HostState, nowMs: number): boolean {
  const nowIso = new Date(nowMs).toISOString();
  let replan = false;
  for (const { timer, kind } of dueAlarms(state.timers, nowMs)) {
    if (!state.timers.includes(timer)) continue; // dropped by an earlier alarm's transition
    if (kind === 'retry') {
      // Compute again: an operator may have supplied the missing year by now.
      state.timers = state.timers.filter((t) => t !== timer);
      state.known = forgetFailures(state.known);
      replan = true;
    } else if (kind === 'reminder') {
      timer.reminded = true;
      // A limit already passed (e.g. a date reported late) gets no reminder, only what follows it.
      if (Date.parse(timer.dueAt!) > nowMs) queuePlanned(def, state, reminder(def, timer), timer.remindAt!);
    } else if (kind === 'due' && !timer.fired) {
      timer.fired = true;
      if (timer.kind === 'deadline') {
        const entry = { kind: 'deadline' as const, message: `期限届满：${timer.title}`, article: timer.article };
        if (applyEvent(def, state, { type: `deadline.${timer.id}` as const, at: timer.dueAt! }, entry, nowIso)) replan = true;
        else append(state, { ...entry, at: timer.dueAt! }, nowIso);
      } else {
        queuePlanned(def, state, escalation(def, timer, 1), timer.dueAt!);
      }
    } else if (kind === 'second' && timer.fired && !timer.escalatedTwice) {
      timer.escalatedTwice = true;
      queuePlanned(def, state, escalation(def, timer, 2), timer.secondLevelAt!);
    }
  }
  return replan;
}

/** The values of the search attributes the workflow keeps current (jurisdiction and applicant are set at start). */
/**
 * The search attributes a project starts with: its jurisdiction, the applying unit, and the values
 * of its first state that are set (the API and the test client start projects with these).
 */
export function startSearchAttributes(jurisdictionId: string, applicantUnit: string, first: HostState) {
  return [
    { key: searchAttributes.jurisdiction, value: jurisdictionId },
    { key: searchAttributes.applicant, value: applicantUnit },
    ...searchAttributeValues(first).filter((a) => attributeText(a.value) !== 'null'),
  ];
}

export function searchAttributeValues(state: HostState) {
  const summary = summarize(state.snapshot);
  const due = state.timers.filter((t) => !t.fired && t.dueAt).map((t) => Date.parse(t.dueAt!));
  const overdue = state.timers.filter((t) => t.fired && t.dueAt).map((t) => Date.parse(t.dueAt!));
  const operators = [
    { key: searchAttributes.status, value: summary.status ?? null },
    { key: searchAttributes.overdueSince, value: overdue.length ? new Date(Math.min(...overdue)) : null },
    { key: searchAttributes.sanction, value: summary.sanction ?? 'none' },
  ];
  // What changes at every hand-off is the read model's (issue 23); runs from before keep it here too.
  if (state.operatorAttributes) return operators;
  return [
    operators[0]!,
    { key: searchAttributes.awaiting, value: [...new Set(summary.tasks.map((t) => t.assignee))] },
    { key: searchAttributes.involved, value: [...new Set(state.history.filter((h) => h.kind === 'action' && h.department).map((h) => h.department!))] },
    { key: searchAttributes.nextDueAt, value: due.length ? new Date(Math.min(...due)) : null },
    operators[1]!,
    operators[2]!,
  ];
}

/** A search attribute value as compared for change: Dates by instant, lists in order, absent and empty as null. */
export const attributeText = (value: unknown): string =>
  JSON.stringify(value instanceof Date ? value.toISOString() : Array.isArray(value) && value.length === 0 ? null : (value ?? null));

/** The day in China for the workflow's clock. */
export const todayOf = (nowMs: number) => chinaDate(nowMs);
