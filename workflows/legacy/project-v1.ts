import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { chartVersion, jurisdiction } from '../../machines/index.js';
import { alreadyApplied, checkAction, keyReused, keyUse, notOpen, verifyCommand } from '../../machines/policy.js';
import { reapplyingSince } from '../reset.js';
import { isRefusal, type Refusal } from '../../machines/shared/errors.js';
import { chinaDate, type ProjectEvent } from '../../machines/shared/events.js';
import { EFFECTS } from '../../machines/shared/meta.js';
import { activeDeadlines, activeStates, awaitingTasks, publicStatus, sanctionLevel } from '../../machines/status.js';
import type { Activities } from '../../activities/index.js';
import type { DueRequest } from '../../contracts/due-times.js';
import {
  ACTION_REFUSED,
  actUpdate,
  auditQuery,
  checkProjectInput,
  viewQuery,
  type HistoryEntry,
  type ProjectInput,
  type ProjectView,
  type Timer,
} from '../../contracts/messages.js';
import { payloadRefusal } from '../../machines/payload-check.js';
import { searchAttributes } from '../../contracts/search-attributes.js';
import { trustedKeys } from '../trust.js';
import { buildView, type ViewSource as HostState } from '../../core/view.js';

const { performEffect } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '5 minutes' },
});
// Due-time computation is pure and quick: a local activity records its result without a server round trip.
const { computeDueTimes } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** How long to wait before computing a due time again that failed for want of calendar data. */
const CALENDAR_RETRY_MS = 24 * 3_600_000;

/** The instants still to come for a timer. */
function alarmsOf(t: Timer): Array<{ kind: 'retry' | 'reminder' | 'due' | 'second'; at: number }> {
  if (t.error) return t.retryAt ? [{ kind: 'retry', at: Date.parse(t.retryAt) }] : [];
  const out: Array<{ kind: 'retry' | 'reminder' | 'due' | 'second'; at: number }> = [];
  if (!t.fired && !t.reminded && t.remindAt) out.push({ kind: 'reminder', at: Date.parse(t.remindAt) });
  if (!t.fired && t.dueAt) out.push({ kind: 'due', at: Date.parse(t.dueAt) });
  // Statutory deadlines escalate through the chart's own supervision chain; service levels here.
  if (t.kind === 'serviceLevel' && !t.escalatedTwice && t.secondLevelAt) out.push({ kind: 'second', at: Date.parse(t.secondLevelAt) });
  return out;
}

const refuse = (r: Refusal) => ApplicationFailure.create({ type: ACTION_REFUSED, message: r.message, details: [r], nonRetryable: true });

/**
 * The project host as it was before effects moved out of updates (host v1), frozen: runs that
 * started under it replay and finish under it (workflows/project.ts chooses it through
 * `patched()`); at continue-as-new they move on to the current host. Do not change what this
 * does: a changed command sequence would break their replay. Remove it with the patch once no
 * run of host v1 remains (docs/compatibility.md, "Host 1").
 */
export async function projectWorkflowV1(rawInput: ProjectInput): Promise<ProjectView> {
  let input: ProjectInput;
  try {
    input = checkProjectInput(rawInput);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidProjectInput');
  }
  const historyEventLimit = input.historyEventLimit ?? 2_000;
  let def: ReturnType<typeof chartVersion>;
  try {
    // A running project stays on the chart version it started with.
    def = chartVersion(input.jurisdiction, input.chartVersion);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'ChartVersionUnavailable');
  }
  const now = () => new Date().toISOString();
  let pendingEffects: Array<{ type: string; params?: unknown }> = [];
  let state: HostState;
  if (input.carried) {
    state = {
      projectId: input.projectId,
      snapshot: def.machine.resolveState(input.carried.snapshot as never),
      timers: input.carried.timers,
      history: input.carried.history,
      submittedAt: input.carried.submittedAt,
    };
  } else {
    // The application was parsed against its jurisdiction's schema where it was submitted.
    const [snapshot, actions] = initialTransition(def.machine, { projectId: input.projectId, application: input.application });
    state = { projectId: input.projectId, snapshot, timers: [], history: [], submittedAt: now() };
    pendingEffects = actions;
    append({ kind: 'submitted', message: '提交申报', actor: input.submittedBy.actor, department: 'applicant', toStatus: publicStatus(snapshot) });
  }

  let wake = 0;
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };

  function append(entry: Omit<HistoryEntry, 'seq' | 'at'> & { at?: string }) {
    state.history.push({ seq: state.history.length + 1, at: entry.at ?? now(), ...entry });
  }

  /** Apply one event; returns false when the chart ignored it. */
  async function step(event: ProjectEvent, entry: Omit<HistoryEntry, 'seq' | 'at' | 'fromStatus' | 'toStatus'>): Promise<boolean> {
    const before = state.snapshot;
    const [next, actions] = transition(def.machine, before, event);
    // A chart error is a bug in the chart: fail the workflow task (plain Error) so it retries once fixed.
    if (next.status === 'error') throw new Error(`chart error on ${event.type}: ${String(next.error)}`);
    if (next === before) return false;
    state.snapshot = next;
    append({ ...entry, at: event.at, fromStatus: publicStatus(before), toStatus: publicStatus(next) });
    await settle(actions);
    return true;
  }

  /** Run side effects, bring timers in line with the active states, and publish search attributes. */
  async function settle(actions: ReadonlyArray<{ type: string; params?: unknown }>) {
    for (const action of actions) {
      if (action.type.startsWith('xstate.')) {
        // Non-delayed raises were already processed by transition(); charts declare deadlines in meta, not `after`.
        if ((action.params as { delay?: number } | undefined)?.delay !== undefined) {
          throw new Error('charts must declare deadlines in state meta, not with `after`');
        }
        continue;
      }
      if (!(EFFECTS as readonly string[]).includes(action.type)) throw new Error(`chart names unknown effect '${action.type}'`);
      const params = (action.params ?? {}) as Record<string, unknown>;
      await performEffect({ projectId: state.projectId, jurisdiction: def.id, type: action.type, params, at: now() });
      const to = def.departments[String(params.to)]?.name ?? String(params.to);
      append(
        action.type === 'escalate'
          ? { kind: 'escalation', message: `${String(params.reason)}，已报${to}`, department: String(params.to), article: String(params.article) }
          : { kind: 'notification', message: `通知${to}：${String(params.message)}`, department: String(params.to), article: String(params.article) },
      );
    }
    await reconcileTimers();
    publish();
    wake++;
  }

  async function reconcileTimers() {
    const today = chinaDate(Date.now());
    const wanted: Array<{ timer: Omit<Timer, 'fired'>; request: DueRequest }> = [];
    const tasks = awaitingTasks(state.snapshot);
    for (const d of activeDeadlines(state.snapshot)) {
      const assignee = tasks.find((t) => t.stateId === d.stateId)?.assignee;
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
    for (const t of tasks) {
      if (t.deadline) continue;
      const key = `${t.stateId}#task:${t.id}`;
      wanted.push({
        timer: { key, kind: 'serviceLevel', stateId: t.stateId, id: t.id, title: `${t.title}办理时限`, article: t.article, department: t.assignee },
        request: { key, jurisdiction: def.id, period: { unit: 'serviceLevel', key: t.id }, start: today },
      });
    }
    const keys = new Set(wanted.map((w) => w.timer.key));
    state.timers = state.timers.filter((t) => keys.has(t.key));
    const fresh = wanted.filter((w) => !state.timers.some((t) => t.key === w.timer.key));
    if (fresh.length === 0) return;
    const results = await computeDueTimes(fresh.map((f) => f.request));
    for (const f of fresh) {
      const r = results.find((x) => x.key === f.timer.key);
      if (!r) continue;
      state.timers.push(
        'error' in r
          ? { ...f.timer, fired: false, error: r.error, retryAt: new Date(Date.now() + CALENDAR_RETRY_MS).toISOString() }
          : {
              ...f.timer,
              fired: false,
              lastDay: r.lastDay,
              dueAt: r.dueAt,
              ...(r.remindAt ? { remindAt: r.remindAt } : {}),
              ...(r.secondLevelAt ? { secondLevelAt: r.secondLevelAt } : {}),
            },
      );
    }
  }

  function publish() {
    const tasks = awaitingTasks(state.snapshot);
    const due = state.timers.filter((t) => !t.fired && t.dueAt).map((t) => Date.parse(t.dueAt!));
    const overdue = state.timers.filter((t) => t.fired && t.dueAt).map((t) => Date.parse(t.dueAt!));
    upsertSearchAttributes([
      { key: searchAttributes.status, value: publicStatus(state.snapshot) },
      { key: searchAttributes.awaiting, value: [...new Set(tasks.map((t) => t.assignee))] },
      { key: searchAttributes.involved, value: [...new Set(state.history.filter((h) => h.kind === 'action' && h.department).map((h) => h.department!))] },
      { key: searchAttributes.nextDueAt, value: due.length ? new Date(Math.min(...due)) : null },
      { key: searchAttributes.overdueSince, value: overdue.length ? new Date(Math.min(...overdue)) : null },
      { key: searchAttributes.sanction, value: sanctionLevel(state.snapshot) ?? 'none' },
    ]);
  }

  /** Fire every alarm whose instant has come, in time order: reminders, time limits, second levels, retries. */
  async function fireDue() {
    const nowMs = Date.now();
    const ready = state.timers
      .flatMap((timer) => alarmsOf(timer).map((alarm) => ({ timer, ...alarm })))
      .filter((a) => a.at <= nowMs)
      .sort((a, b) => a.at - b.at);
    for (const { timer, kind } of ready) {
      if (!state.timers.includes(timer)) continue; // dropped by an earlier alarm's transition
      if (kind === 'retry') {
        // Try the computation again: an operator may have supplied the missing year by now.
        state.timers = state.timers.filter((t) => t !== timer);
        await reconcileTimers();
      } else if (kind === 'reminder') {
        timer.reminded = true;
        // A limit already passed (e.g. a date reported late) gets no reminder, only what follows it.
        if (Date.parse(timer.dueAt!) > nowMs) await remind(timer);
      } else if (kind === 'due' && !timer.fired) {
        timer.fired = true;
        if (timer.kind === 'deadline') {
          const entry = { kind: 'deadline' as const, message: `期限届满：${timer.title}`, article: timer.article };
          const handled = await step({ type: `deadline.${timer.id}` as const, at: timer.dueAt! }, entry);
          if (!handled) append({ ...entry, at: timer.dueAt! });
        } else {
          await escalate(timer, 1, timer.dueAt!);
        }
      } else if (kind === 'second' && timer.fired && !timer.escalatedTwice) {
        timer.escalatedTwice = true;
        await escalate(timer, 2, timer.secondLevelAt!);
      }
    }
    publish();
  }

  /** 催办: tell the awaited department its time limit is near. */
  async function remind(timer: Timer) {
    const to = timer.department ?? 'applicant';
    const message = `${timer.title.replace(/办理时限$/, '')}将于 ${timer.lastDay} 届满，请及时办理`;
    await performEffect({
      projectId: state.projectId,
      jurisdiction: def.id,
      type: 'notify',
      params: { to, message, article: timer.article },
      at: timer.remindAt!,
    });
    append({ kind: 'reminder', message: `催办${def.departments[to]?.name ?? to}：${message}`, department: to, article: timer.article, at: timer.remindAt! });
  }

  /** A service level missed: up one level at the limit, up two beyond it. */
  async function escalate(timer: Timer, level: 1 | 2, at: string) {
    const dept = timer.department ?? 'applicant';
    const first = def.departments[dept]?.superior ?? dept;
    const to = level === 1 ? first : (def.departments[first]?.superior ?? first);
    const what = timer.title.replace(/办理时限$/, '');
    const reason = `${def.departments[dept]?.name ?? dept}${level === 1 ? '未在办理时限内完成' : '超过办理时限仍未完成'}“${what}”`;
    await performEffect({ projectId: state.projectId, jurisdiction: def.id, type: 'escalate', params: { to, reason, article: timer.article }, at });
    append({ kind: 'escalation', level, message: `${reason}，已报${def.departments[to]?.name ?? to}`, department: to, article: timer.article, at });
  }

  setHandler(viewQuery, () => buildView(def, state, Date.now()));
  setHandler(auditQuery, () => state.history);
  setHandler(
    actUpdate,
    // Host 1 answers every action with the whole view, whatever the caller holds (the second argument).
    (req, _shape?) =>
      exclusive(async () => {
        // A request already applied (same user and idempotency key, even in an earlier run) acts once.
        if (keyUse(state.history, req) !== 'new') return buildView(def, state, Date.now());
        const event = checkAction(def, state.snapshot, req, now());
        if (isRefusal(event)) throw refuse(event);
        await step(event, {
          kind: 'action',
          message: `${req.task}.${req.action}`,
          task: req.task,
          action: req.action,
          department: req.department,
          actor: req.actor,
          ...(req.identity ? { userId: req.identity.userId } : {}),
          ...(req.comment ? { comment: req.comment } : {}),
          ...(event.data && Object.keys(event.data).length ? { data: event.data } : {}),
          ...(req.requestId ? { requestId: req.requestId } : {}),
          ...(req.bodyHash ? { bodyHash: req.bodyHash } : {}),
        });
        return buildView(def, state, Date.now());
      }),
    {
      // Synchronous on purpose: a refused action must never enter the history.
      validator: (req, _shape?) => {
        // Only the API's signature makes a command: namespace access alone cannot act as a department.
        // A reset's reapplied updates count as first accepted (workflows/reset.ts).
        const forged = verifyCommand(workflowInfo().workflowId, req, Date.now(), trustedKeys, reapplyingSince());
        if (forged) throw refuse(forged);
        const use = keyUse(state.history, req);
        // An exact repeat writes nothing (machines/policy.ts alreadyApplied).
        if (use === 'repeat') throw refuse(alreadyApplied());
        if (use === 'reused') throw refuse(keyReused());
        // A step not open is a conflict whatever its payload; then the payload's shape as this
        // project's chart version defines it, whatever the sender parsed.
        const closed = notOpen(state.snapshot, req);
        if (closed) throw refuse(closed);
        const malformed = payloadRefusal(def.id, def.version, req.task, req.action, req.data);
        if (malformed) throw refuse(malformed);
        const result = checkAction(def, state.snapshot, req, now());
        if (isRefusal(result)) throw refuse(result);
      },
    },
  );

  await exclusive(() => settle(pendingEffects));

  for (;;) {
    if (state.snapshot.status === 'done') {
      await condition(allHandlersFinished);
      return buildView(def, state, Date.now());
    }
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > historyEventLimit) {
      await condition(allHandlersFinished);
      log.info('continuing as new', { historyLength: info.historyLength });
      // A newer chart takes over only where the current chart allows it (an active state marked upgradeable).
      const latest = jurisdiction(def.id);
      const upgrade = latest.version > def.version && activeStates(state.snapshot).some((s) => s.meta.upgradeable);
      await continueAsNew<typeof projectWorkflowV1>({
        ...input,
        chartVersion: upgrade ? latest.version : def.version,
        carried: {
          snapshot: { value: state.snapshot.value, context: state.snapshot.context },
          timers: state.timers,
          history: state.history,
          submittedAt: state.submittedAt,
        },
      });
    }
    const pending = state.timers.flatMap((t) => alarmsOf(t).map((a) => a.at));
    const seen = wake;
    const timeout = pending.length ? Math.max(1, Math.min(...pending) - Date.now()) : undefined;
    const woken = timeout === undefined ? await condition(() => wake !== seen).then(() => true) : await condition(() => wake !== seen, timeout);
    if (!woken) await exclusive(fireDue);
  }
}
