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
import { actUpdate, auditQuery, openUpdate, remindUpdate, viewQuery, type ProjectInput, type ProjectView } from '../contracts/messages.js';
import { AUDIT_CHAIN_VERSION } from '../core/chain.js';
import { firstPlanDay, ProjectCore, wasRefused } from '../core/project.js';
import { Alarm, attributePublisher, projectOf, refuse, rejectIf } from './durable.js';
import { projectWorkflowV1 } from './legacy/project-v1.js';
import { reapplyingSince } from './reset.js';
import { refuseStart, trustedKeys } from './trust.js';

// Unlimited retries: an effect is delivered once the outbox is back, however long that takes, and only once (its id).
const { performEffect } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '5 minutes' } });
// A closed project's archive package (activities/archive.ts): retried until written, however long the data folder is away.
const { archiveProject } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumInterval: '5 minutes' } });
// An opinion's 文号 and PDF (activities/opinions.ts): retried until stored, however long the store or the font is away; the same number each time.
// An attempt takes well under a second (its allocation gives up after 20 s), so one lost with a killed worker is retried after 30 s.
const { issueOpinion } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '5 minutes' } });
// Due-time computation is pure and quick: a local activity records its result without a server round trip.
const { computeDueTimes } = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '1 minute' } });

/** Runs begun before effects moved out of updates keep host v1 (docs/compatibility.md, "Host 1"). */
export const HOST_V2 = 'host-v2-effects-after-update';
/** Runs begun before the audit trail was hash-chained keep it unchained (docs/compatibility.md, "Audit entries without a hash"). */
export const AUDIT_CHAIN = AUDIT_CHAIN_VERSION;
/** Runs that closed before closing wrote an archive package close without one (docs/compatibility.md, "Closing without an archive package"). */
export const ARCHIVE_ON_CLOSE = 'archive-package-on-close';
/** Runs that continued as new before closing waited for an opinion in flight did not wait (docs/compatibility.md, "Continuing as new with an opinion in flight"). */
export const OPINION_BEFORE_CONTINUE = 'opinion-settled-before-continue-as-new';

/**
 * One live project: the pure project core (core/project.ts) behind Temporal's handlers. An update
 * validates, transitions, records and returns the view; the effects it produced wait in the
 * outbox, delivered by the loop below, which also rings the durable timer and continues as new
 * carrying the chart's persisted snapshot.
 */
export async function projectWorkflow(rawInput: ProjectInput): Promise<ProjectView> {
  // A submission the API dated is younger than host 2: its first run records no marker and upserts no TemporalChangeVersion
  // (docs/compatibility.md, "Undated starts").
  const datedStart = rawInput?.submittedAt !== undefined && rawInput.carried === undefined;
  // Host 1 and undated starts: docs/compatibility.md, "Host 1".
  if (!datedStart && !patched(HOST_V2)) return projectWorkflowV1(rawInput);
  refuseStart(rawInput);
  const { input, def } = projectOf(rawInput);
  // A start the API marked, or a run carried from a chained one, chains without a marker (dated starts stay free of them);
  // any other run chains once it records the patch: docs/compatibility.md, "Audit entries without a hash".
  const auditChain = (datedStart && input.auditChain === 1) || input.carried?.auditChain === 1 || patched(AUDIT_CHAIN);
  const core = ProjectCore.open(def, input, { now: () => Date.now(), commandTarget: workflowInfo().workflowId, trustedKeys, auditChain, reapplyingSince });
  // An update's answer replayed from history goes nowhere: do not build it again.
  const answer = (since?: number): ProjectView => (workflowInfo().unsafe.isReplaying ? (undefined as never) : core.view(since));
  const publish = attributePublisher(core.state);

  // Due times are computed one batch at a time; an update arriving meanwhile waits for it, not for the outbox.
  // Without anything to compute, everything happens synchronously: every promise a workflow
  // creates costs a stack trace in the SDK's promise hook.
  const dueTimes = new Mutex();
  const settle = (day?: string): Promise<void> | undefined => {
    const plan = core.timerPlan(day);
    if (plan.missing.length === 0 && !dueTimes.isLocked()) return void (core.keepTimers(plan), publish());
    return dueTimes.runExclusive(async () => {
      for (let missing; (missing = core.keepTimers(core.timerPlan(day))).length > 0;) {
        const known = core.state.known;
        core.learn(missing, await computeDueTimes(missing.map((m) => m.request)), known);
      }
      publish();
    });
  };

  setHandler(
    actUpdate,
    // `shape` may be absent: docs/compatibility.md, "The answer shape's optional second argument".
    (req, shape?) => {
      const outcome = core.act(req);
      if (wasRefused(outcome)) throw refuse(outcome);
      return (outcome === 'applied' ? settle() : undefined)?.then(() => answer(shape?.since)) ?? answer(shape?.since);
    },
    // Synchronous on purpose: a refused action must never enter the history.
    { validator: (req, _shape?) => rejectIf(core.refuseAction(req)) },
  );
  // The first view of projects started by update-with-start: docs/compatibility.md, "The open update".
  let opened = false;
  setHandler(openUpdate, () => ((opened = true), settle()?.then(() => core.view()) ?? core.view()), {
    // Only the first run of an undated start (update-with-start) ever took it: refused elsewhere, so a direct client writes nothing with it.
    validator: () => {
      if (opened || datedStart || input.carried !== undefined)
        throw refuse({ kind: 'conflict', message: '项目已开始，请查询其状态', issues: [{ field: '(update)', rule: 'opened', message: '只在开始时使用' }] });
    },
  });
  // A supervisor's 催办; the same request id is recorded once.
  setHandler(
    remindUpdate,
    (req) => {
      const outcome = core.remind(req);
      if (wasRefused(outcome)) throw refuse(outcome);
      return answer();
    },
    { validator: (req) => rejectIf(core.refuseReminder(req)) },
  );
  setHandler(viewQuery, () => core.view());
  setHandler(auditQuery, () => core.audit);

  // The outbox: effects in order, each until delivered, while updates and timers go on.
  let closing = false;
  let delivering = false;
  async function deliver(): Promise<never> {
    for (;;) {
      await condition(() => core.outbox.length > 0 && !closing);
      delivering = true;
      await performEffect(core.outbox[0]!);
      core.delivered();
      delivering = false;
    }
  }

  // Opinions as documents, beside the outbox so a notice never waits for a PDF: each decided one
  // numbered, rendered and stored, then recorded (runs before them have none: docs/compatibility.md,
  // "Runs without opinions"). An opinion leaves the queue only once recorded. Continue-as-new waits
  // for the one in flight and records it: its completion arriving while the closing task runs would
  // fail that task (UnhandledCommand), and a run of back-to-back actions could fail it until the
  // server refuses updates (runs from before wait for none: docs/compatibility.md, "Continuing as new
  // with an opinion in flight").
  let issuingNow = false;
  let settleBeforeContinue = false;
  async function issue(): Promise<never> {
    for (;;) {
      await condition(() => core.issuing.length > 0 && !closing);
      issuingNow = true;
      const issued = await issueOpinion(core.issuing[0]!);
      issuingNow = false;
      if (!closing || settleBeforeContinue) core.issued(issued);
    }
  }

  const alarm = new Alarm();
  const limit = input.historyEventLimit ?? 200;
  const tooLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > limit;

  async function run(): Promise<ProjectView> {
    await settle(firstPlanDay(input));
    for (;;) {
      if (core.summary.final) {
        alarm.arm(undefined);
        await condition(() => core.outbox.length === 0 && core.issuing.length === 0 && allHandlersFinished());
        const closed = core.view();
        // The record leaves the namespace only with its retention; the archive package in the data folder keeps it.
        if (patched(ARCHIVE_ON_CLOSE))
          await archiveProject({
            projectId: closed.projectId,
            jurisdiction: def.id,
            chartVersion: def.version,
            status: closed.status,
            statusLabel: closed.statusLabel,
            submittedAt: closed.submittedAt,
            closedAt: closed.updatedAt,
            entries: core.audit,
          });
        return closed;
      }
      if (tooLong()) {
        closing = true;
        settleBeforeContinue = patched(OPINION_BEFORE_CONTINUE);
        // Bounded: a document store away for longer must not keep the run from closing (the next run asks again).
        if (settleBeforeContinue && issuingNow) await condition(() => !issuingNow, '10 minutes');
        await condition(() => allHandlersFinished() && !delivering);
        log.info('continuing as new', { historyLength: workflowInfo().historyLength });
        await continueAsNew<typeof projectWorkflow>({ ...input, dueTimes: undefined, chartVersion: core.nextChartVersion(), carried: core.carry() });
      }
      if (alarm.wants(core.nextAlarmAt)) alarm.arm(core.nextAlarmAt);
      // Woken only when something needs the loop: an alarm, an earlier one to arm, the end, or a run grown too long.
      await condition(() => alarm.rang || alarm.wants(core.nextAlarmAt) || core.summary.final || tooLong());
      if (alarm.rang) {
        alarm.rang = false;
        core.ring();
        await settle();
      }
    }
  }
  return Promise.race([run(), deliver(), issue()]);
}
