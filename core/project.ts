/**
 * One project as pure steps over one state: start or carry over, check and take an action, check
 * and send a supervisor's 催办, bring the time limits in line with the chart, ring the alarms that
 * have come, answer the view. No Temporal here: the time, the id commands must name and the keys
 * they are signed with come in as plain values, and the effects wait in `outbox` for whoever
 * delivers them. workflows/project.ts hosts it durably; test/core/ drives it directly.
 */
import type { DueResult } from '../contracts/due-times.js';
import type {
  Carried,
  Effect,
  HistoryEntry,
  KnownDueTime,
  OpinionIssued,
  OpinionRequest,
  ProjectInput,
  ProjectView,
  RemindInput,
} from '../contracts/messages.js';
import { jurisdiction } from '../machines/index.js';
import { payloadRefusal } from '../machines/payload-check.js';
import {
  alreadyApplied,
  checkAction,
  COMMAND_MAX_SKEW_MS,
  keyReused,
  keyUse,
  notOpen,
  verifyCommand,
  verifyReminder,
  type SignedAction,
  type TrustedKeys,
} from '../machines/policy.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';
import { isRefusal, type Refusal } from '../machines/shared/errors.js';
import type { TaskEvent } from '../machines/shared/events.js';
import { summarize, type StateSummary } from '../machines/status.js';
import { actionEntry } from './entries.js';
import { handReminder, handReminderRefusal } from './escalation.js';
import { append, applyEvent, carry, queue, restoreState, ringAlarms, searchAttributeValues, startState, todayOf, type HostState } from './host.js';
import { nextAlarmAt, planTimers, remember, wantedTimers, type TimerPlan, type WantedTimer } from './timers.js';
import { buildView } from './view.js';
import { issuedEntry, opinionRequest } from './opinions.js';

/** What the core takes from where it runs. */
export interface CoreEnvironment {
  /** Now, in milliseconds: the workflow's own clock, or a test's. */
  now: () => number;
  /** The project id a signed command must name (the workflow's id). */
  commandTarget: string;
  /** Public keys of the API whose signed commands are accepted (workflows/trust.ts). */
  trustedKeys: TrustedKeys;
  /** While Temporal redelivers updates it reapplied after a reset: the reset point's time (workflows/reset.ts). */
  reapplyingSince?: () => number | undefined;
  /**
   * Whether this run hash-chains its audit trail (core/chain.ts); absent: it does. The workflow says no
   * only for runs from before the chain (docs/compatibility.md, "Audit entries without a hash").
   */
  auditChain?: boolean;
}

/** How a command ended that was not refused: it took effect now, or had already (same key, same body). */
export type Outcome = 'applied' | 'repeated';

/** Whether a command's outcome is a refusal. */
export const wasRefused = (o: Outcome | Refusal): o is Refusal => typeof o === 'object';

export class ProjectCore {
  /** The validator's event, so taking the action does not run the chart's rules again (replay, without validators, does). */
  private validated: { signature: string; snapshot: unknown; event: TaskEvent } | undefined;

  constructor(
    readonly def: JurisdictionDefinition,
    readonly state: HostState,
    private readonly env: CoreEnvironment,
  ) {}

  /** A new project (the initial state, the submission recorded), or one carried over from its previous run. */
  static open(def: JurisdictionDefinition, input: ProjectInput, env: CoreEnvironment): ProjectCore {
    const chained = env.auditChain ?? true;
    const state = input.carried
      ? restoreState(def, input.projectId, input.carried, chained)
      : startState(def, input, new Date(env.now()).toISOString(), chained);
    return new ProjectCore(def, state, env);
  }

  private nowIso = () => new Date(this.env.now()).toISOString();

  /**
   * When an action happened: now; or, for an update Temporal reapplied after a reset (its command older than the
   * freshness window, which only a reset's redelivery lets through: workflows/reset.ts), when the API signed it,
   * never earlier than the record's last entry. So the trail and the deadlines an action starts keep the time it
   * was taken, not the reset's (issue 20 item 3). Both come from the history, so a replay computes the same.
   */
  private actionAt(req: SignedAction): string {
    const now = this.env.now();
    const issued = Date.parse(req.command?.issuedAt ?? '');
    if (Number.isNaN(issued) || now - issued <= COMMAND_MAX_SKEW_MS) return new Date(now).toISOString();
    const last = Date.parse(this.state.history.at(-1)?.at ?? '');
    return new Date(Number.isNaN(last) ? issued : Math.max(issued, last)).toISOString();
  }

  get summary(): StateSummary {
    return summarize(this.state.snapshot);
  }

  /** The public view; with `since`, only the history after what the caller holds (contracts/messages.ts AnswerShape). */
  view(since?: number): ProjectView {
    return buildView(this.def, this.state, this.env.now(), since);
  }

  /** The full audit trail, payloads included. */
  get audit(): HistoryEntry[] {
    return this.state.history;
  }

  /** Effects not yet delivered, oldest first. */
  get outbox(): readonly Effect[] {
    return this.state.outbox;
  }

  /** The oldest effect was delivered. */
  delivered(): void {
    this.state.outbox.shift();
  }

  /** Opinions decided and not yet issued as documents, oldest first (core/opinions.ts). */
  get issuing(): readonly OpinionRequest[] {
    return this.state.issuing;
  }

  /** The oldest opinion was numbered and stored: the trail records it, linked to its decision. */
  issued(result: OpinionIssued): void {
    const req = this.state.issuing.shift();
    if (req) append(this.state, issuedEntry(req, result), this.nowIso());
  }

  /**
   * Why an action may not be taken, checked before anything is recorded: only the API's signature
   * makes a command (namespace access alone cannot act as a department), an idempotency key names
   * one body, a step not open is a conflict whatever its payload, then the payload's shape as this
   * project's chart version defines it, whatever the sender parsed, then the chart's rules.
   */
  refuseAction(req: SignedAction): Refusal | undefined {
    const forged = verifyCommand(this.env.commandTarget, req, this.env.now(), this.env.trustedKeys, this.env.reapplyingSince?.());
    if (forged) return forged;
    const use = keyUse(this.state.history, req);
    // An exact repeat writes nothing: refused here, answered by the API with the view (machines/policy.ts alreadyApplied).
    if (use === 'repeat') return alreadyApplied();
    if (use === 'reused') return keyReused();
    const closed = notOpen(this.state.snapshot, req);
    if (closed) return closed;
    const malformed = payloadRefusal(this.def.id, this.def.version, req.task, req.action, req.data);
    if (malformed) return malformed;
    const event = checkAction(this.def, this.state.snapshot, req, this.actionAt(req));
    if (isRefusal(event)) return event;
    this.validated = { signature: req.command!.signature, snapshot: this.state.snapshot, event };
    return undefined;
  }

  /**
   * Take an action: transition, record, queue its effects. A request already applied (same user and
   * key, even in an earlier run) acts once: its validator refuses it now, and only histories from
   * before that reach 'repeated' here on replay.
   */
  act(req: SignedAction): Outcome | Refusal {
    if (keyUse(this.state.history, req) !== 'new') return 'repeated';
    const v = this.validated;
    const event =
      v && v.signature === req.command?.signature && v.snapshot === this.state.snapshot
        ? v.event
        : checkAction(this.def, this.state.snapshot, req, this.actionAt(req));
    this.validated = undefined;
    if (isRefusal(event)) return event;
    const at = this.state.history.length;
    applyEvent(this.def, this.state, event, actionEntry(req, event), this.nowIso(), true);
    if (this.state.opinions) {
      const opinion = opinionRequest(this.def, this.state.projectId, this.state.history[at]!, this.state.snapshot.context.application as never);
      if (opinion) this.state.issuing.push(opinion);
    }
    return 'applied';
  }

  /** The same 催办 request id is recorded once. */
  private reminded(req: RemindInput): boolean {
    return Boolean(req.requestId) && this.state.history.some((h) => h.kind === 'reminder' && h.requestId === req.requestId);
  }

  /**
   * Why a supervisor's 催办 may not be sent: only the API's signature makes one (namespace access
   * alone cannot remind as 县长, issue 20 item 1), then core/escalation.ts handReminderRefusal.
   */
  refuseReminder(req: RemindInput): Refusal | undefined {
    const forged = verifyReminder(this.env.commandTarget, req, this.env.now(), this.env.trustedKeys, this.env.reapplyingSince?.());
    if (forged) return forged;
    return this.reminded(req) ? alreadyApplied() : handReminderRefusal(this.def, this.summary, req);
  }

  /** A supervisor's 催办: the awaited department is told, and the audit trail says who sent it. */
  remind(req: RemindInput): Outcome | Refusal {
    if (this.reminded(req)) return 'repeated';
    const summary = this.summary;
    const refused = handReminderRefusal(this.def, summary, req);
    if (refused) return refused;
    const planned = handReminder(this.def, summary, req);
    queue(this.def, this.state, planned.type, planned.params, planned.entry, this.nowIso());
    return 'applied';
  }

  /** The timers the chart calls for on `day` (today by default): those to keep and those whose due time is not known yet. */
  timerPlan(day?: string): TimerPlan {
    return planTimers(this.state.timers, wantedTimers(this.def, this.summary, day ?? todayOf(this.env.now())), this.state.known);
  }

  /** Keep a plan's timers; returns the wanted ones still to compute. */
  keepTimers(plan: TimerPlan): WantedTimer[] {
    this.state.timers = plan.timers;
    return plan.missing;
  }

  /**
   * Computed due times (core/timers.ts remember), added to what was known when the computation
   * began: an alarm that rang meanwhile and forgot failures does not change what is kept.
   */
  learn(missing: readonly WantedTimer[], results: readonly DueResult[], known: readonly KnownDueTime[] = this.state.known): void {
    this.state.known = remember(known, missing, results, this.env.now());
  }

  /** The instant of the next alarm, if any. */
  get nextAlarmAt(): number | undefined {
    return nextAlarmAt(this.state.timers);
  }

  /** Ring every alarm whose instant has come (core/host.ts ringAlarms); true when due times must be computed again. */
  ring(): boolean {
    return ringAlarms(this.def, this.state, this.env.now());
  }

  /** The search attribute values the project keeps current. */
  searchAttributes() {
    return searchAttributeValues(this.state);
  }

  /**
   * The chart version the next run takes: a newer one only where the current chart allows it (an
   * active state marked upgradeable); until then the older version stays (docs/compatibility.md, "Older chart versions").
   */
  nextChartVersion(): number {
    const latest = jurisdiction(this.def.id);
    return latest.version > this.def.version && this.summary.upgradeable ? latest.version : this.def.version;
  }

  /** What the next run needs. */
  carry(): Carried {
    return carry(this.def, this.state);
  }
}

/**
 * The day a run's first time limits run from: a new project's submission day, so the first plan
 * matches the view the API answered (core/host.ts beginProject); today for a carried run, and for
 * an undated start (docs/compatibility.md, "Undated starts").
 */
export const firstPlanDay = (input: ProjectInput): string | undefined =>
  input.carried || !input.submittedAt ? undefined : todayOf(Date.parse(input.submittedAt));
