import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../activities/index.js';
import { actUpdate, auditQuery, openUpdate, remindUpdate, viewQuery, type ProjectInput, type ProjectView, type RemindInput } from '../contracts/messages.js';
import { jurisdiction } from '../machines/index.js';
import { payloadRefusal } from '../machines/payload-check.js';
import { checkAction, keyReused, keyUse, notOpen, verifyCommand } from '../machines/policy.js';
import { isRefusal } from '../machines/shared/errors.js';
import type { TaskEvent } from '../machines/shared/events.js';
import { summarize } from '../machines/status.js';
import { Alarm, attributePublisher, projectOf, refuse } from './durable.js';
import { actionEntry } from '../core/entries.js';
import { handReminder, handReminderRefusal } from '../core/escalation.js';
import { applyEvent, carry, queue, restoreState, ringAlarms, startState, todayOf } from '../core/host.js';
import { projectWorkflowV1 } from './legacy/project-v1.js';
import { nextAlarmAt, planTimers, remember, wantedTimers } from '../core/timers.js';
import { trustedKeys } from './trust.js';
import { buildView } from '../core/view.js';

// Unlimited retries: an effect is delivered once the outbox is back, however long that takes, and only once (its id).
const { performEffect } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '5 minutes' } });
// Due-time computation is pure and quick: a local activity records its result without a server round trip.
const { computeDueTimes } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '1 minute' } });

/** Runs begun before effects moved out of updates keep host v1 (workflows/legacy/project-v1.ts); see README, "Changing the workflow". */
export const HOST_V2 = 'host-v2-effects-after-update';

/**
 * One live project: hosts its jurisdiction's chart as a pure reducer (workflows/host.ts). An
 * update validates, transitions, records and returns the view; the effects it produced wait in
 * the outbox, delivered by the loop below, which also rings the durable timers and continues as
 * new carrying the chart's persisted snapshot.
 */
export async function projectWorkflow(rawInput: ProjectInput): Promise<ProjectView> {
  // A submission the API dated is younger than host 2: its first run needs no marker, so a start
  // records none and upserts no TemporalChangeVersion (README, "Changing the workflow").
  const datedStart = rawInput?.submittedAt !== undefined && rawInput.carried === undefined;
  if (!datedStart && !patched(HOST_V2)) return projectWorkflowV1(rawInput);
  const { input, def } = projectOf(rawInput);
  const nowIso = () => new Date().toISOString();
  const state = input.carried ? restoreState(def, input.projectId, input.carried) : startState(def, input, nowIso());
  const view = (since?: number) => buildView(def, state, Date.now(), since);
  // An update's answer replayed from history goes nowhere: do not build it again.
  const answer = (since?: number): ProjectView => (workflowInfo().unsafe.isReplaying ? (undefined as never) : view(since));

  const publish = attributePublisher(state);

  // Due times are computed one batch at a time; an update arriving meanwhile waits for it, not for the outbox.
  const dueTimes = new Mutex();
  /** Bring timers and search attributes in line with the chart; false when due times must be computed first. */
  function settled(day: string): boolean {
    const plan = planTimers(state.timers, wantedTimers(def, summarize(state.snapshot), day), state.known);
    if (plan.missing.length > 0 || dueTimes.isLocked()) return false;
    state.timers = plan.timers;
    publish();
    return true;
  }
  // Without anything to compute, everything happens synchronously: every promise a workflow
  // creates costs a stack trace in the SDK's promise hook.
  // A new project's first time limits run from the day it was submitted (workflows/host.ts beginProject).
  const settle = (day?: string): Promise<void> | undefined =>
    settled(day ?? todayOf(Date.now()))
      ? undefined
      : dueTimes.runExclusive(async () => {
          for (;;) {
            const plan = planTimers(state.timers, wantedTimers(def, summarize(state.snapshot), day ?? todayOf(Date.now())), state.known);
            state.timers = plan.timers;
            if (plan.missing.length === 0) break;
            state.known = remember(state.known, plan.missing, await computeDueTimes(plan.missing.map((m) => m.request)), Date.now());
          }
          publish();
        });

  // The validator's event, so the handler does not run the chart's rules again (replay, without validators, does).
  let validated: { signature: string; snapshot: unknown; event: TaskEvent } | undefined;
  setHandler(
    actUpdate,
    (req, shape?) => {
      const since = shape?.since;
      // A request already applied (same user and idempotency key, even in an earlier run) acts once.
      if (keyUse(state.history, req) !== 'new') return answer(since);
      const ok = validated && validated.signature === req.command?.signature && validated.snapshot === state.snapshot;
      const event = ok ? validated!.event : checkAction(def, state.snapshot, req, nowIso());
      validated = undefined;
      if (isRefusal(event)) throw refuse(event);
      applyEvent(def, state, event, actionEntry(req, event), nowIso(), true);
      return settle()?.then(() => answer(since)) ?? answer(since);
    },
    {
      // Synchronous on purpose: a refused action must never enter the history.
      validator: (req, _shape?) => {
        // Only the API's signature makes a command: namespace access alone cannot act as a department.
        const forged = verifyCommand(workflowInfo().workflowId, req, Date.now(), trustedKeys);
        if (forged) throw refuse(forged);
        const use = keyUse(state.history, req);
        if (use === 'repeat') return;
        if (use === 'reused') throw refuse(keyReused());
        // A step not open is a conflict whatever its payload; then the payload's shape as this
        // project's chart version defines it, whatever the sender parsed.
        const closed = notOpen(state.snapshot, req);
        if (closed) throw refuse(closed);
        const malformed = payloadRefusal(def.id, def.version, req.task, req.action, req.data);
        if (malformed) throw refuse(malformed);
        const event = checkAction(def, state.snapshot, req, nowIso());
        if (isRefusal(event)) throw refuse(event);
        validated = { signature: req.command!.signature, snapshot: state.snapshot, event };
      },
    },
  );
  // The first view of projects started by update-with-start (before the API answered starts itself); kept so their histories replay.
  let opened = false;
  setHandler(
    openUpdate,
    () => {
      opened = true;
      return settle()?.then(() => view()) ?? view();
    },
    {
      validator: () => {
        if (opened)
          throw refuse({ kind: 'conflict', message: '项目已开始，请查询其状态', issues: [{ field: '(update)', rule: 'opened', message: '只在开始时使用' }] });
      },
    },
  );
  // A supervisor's 催办; the same request id is recorded once.
  const reminded = (req: RemindInput) => Boolean(req.requestId) && state.history.some((h) => h.kind === 'reminder' && h.requestId === req.requestId);
  setHandler(
    remindUpdate,
    (req) => {
      if (reminded(req)) return answer();
      const summary = summarize(state.snapshot);
      const refused = handReminderRefusal(def, summary, req);
      if (refused) throw refuse(refused);
      const planned = handReminder(def, summary, req);
      queue(def, state, planned.type, planned.params, planned.entry, nowIso());
      return answer();
    },
    {
      validator: (req) => {
        if (reminded(req)) return;
        const refused = handReminderRefusal(def, summarize(state.snapshot), req);
        if (refused) throw refuse(refused);
      },
    },
  );
  setHandler(viewQuery, () => view());
  setHandler(auditQuery, () => state.history);

  // The outbox: effects in order, each until delivered, while updates and timers go on.
  let closing = false;
  let delivering = false;
  async function deliver(): Promise<never> {
    for (;;) {
      await condition(() => state.outbox.length > 0 && !closing);
      delivering = true;
      await performEffect(state.outbox[0]!);
      state.outbox.shift();
      delivering = false;
    }
  }

  const alarm = new Alarm();
  const limit = input.historyEventLimit ?? 200;
  const tooLong = () => {
    const info = workflowInfo();
    return info.continueAsNewSuggested || info.historyLength > limit;
  };

  async function run(): Promise<ProjectView> {
    await settle(input.carried || !input.submittedAt ? undefined : todayOf(Date.parse(input.submittedAt)));
    for (;;) {
      if (summarize(state.snapshot).final) {
        alarm.arm(undefined);
        await condition(() => state.outbox.length === 0 && allHandlersFinished());
        return view();
      }
      if (tooLong()) {
        closing = true;
        await condition(() => allHandlersFinished() && !delivering);
        log.info('continuing as new', { historyLength: workflowInfo().historyLength });
        // A newer chart takes over only where the current chart allows it (an active state marked upgradeable).
        const latest = jurisdiction(def.id);
        const upgrade = latest.version > def.version && summarize(state.snapshot).upgradeable;
        await continueAsNew<typeof projectWorkflow>({
          ...input,
          dueTimes: undefined,
          chartVersion: upgrade ? latest.version : def.version,
          carried: carry(def, state),
        });
      }
      if (alarm.wants(nextAlarmAt(state.timers))) alarm.arm(nextAlarmAt(state.timers));
      // Woken only when something needs the loop: an alarm, an earlier one to arm, the end, or a run grown too long.
      await condition(() => alarm.rang || alarm.wants(nextAlarmAt(state.timers)) || summarize(state.snapshot).final || tooLong());
      if (alarm.rang) {
        alarm.rang = false;
        ringAlarms(def, state, Date.now());
        await settle();
      }
    }
  }
  return Promise.race([run(), deliver()]);
}
