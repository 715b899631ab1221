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
import { jurisdiction } from '../machines/index.js';
import { activeDeadlines, awaitingTasks, checkAction, isRefusal, publicStatus, sanctionLevel, type Refusal } from '../machines/inspect.js';
import { chinaDate, type ProjectEvent } from '../machines/shared/events.js';
import { EFFECTS } from '../machines/shared/meta.js';
import type { Activities, DueRequest } from '../activities/index.js';
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
} from './messages.js';
import { searchAttributes } from './search-attributes.js';
import { buildView, type HostState } from './view.js';

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

const refuse = (r: Refusal) => ApplicationFailure.create({ type: ACTION_REFUSED, message: r.message, details: [r], nonRetryable: true });

/**
 * One live project: hosts its jurisdiction's chart as a pure reducer, turns human actions into
 * chart events, keeps the chart's deadlines as durable timers with absolute due times, runs the
 * chart's side effects as activities, and continues as new carrying the snapshot and timers.
 */
export async function projectWorkflow(rawInput: ProjectInput): Promise<ProjectView> {
  let input: ProjectInput;
  try {
    input = checkProjectInput(rawInput);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidProjectInput');
  }
  const historyEventLimit = input.historyEventLimit ?? 2_000;
  const def = jurisdiction(input.jurisdiction);
  if (def.version !== input.chartVersion) {
    throw ApplicationFailure.nonRetryable(`chart ${def.id} v${input.chartVersion} is not available (have v${def.version})`, 'ChartVersionUnavailable');
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
    for (const d of activeDeadlines(state.snapshot)) {
      wanted.push({
        timer: { key: d.key, kind: 'deadline', stateId: d.stateId, id: d.spec.id, title: d.spec.title, article: d.spec.article },
        request: { key: d.key, jurisdiction: def.id, period: d.spec.period, start: d.startDate ?? today },
      });
    }
    for (const t of awaitingTasks(state.snapshot)) {
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
          : { ...f.timer, fired: false, lastDay: r.lastDay, dueAt: r.dueAt },
      );
    }
  }

  function publish() {
    const tasks = awaitingTasks(state.snapshot);
    const due = state.timers.filter((t) => !t.fired && t.dueAt).map((t) => Date.parse(t.dueAt!));
    upsertSearchAttributes([
      { key: searchAttributes.status, value: publicStatus(state.snapshot) },
      { key: searchAttributes.awaiting, value: [...new Set(tasks.map((t) => t.assignee))] },
      { key: searchAttributes.nextDueAt, value: due.length ? new Date(Math.min(...due)) : null },
      { key: searchAttributes.sanction, value: sanctionLevel(state.snapshot) ?? 'none' },
    ]);
  }

  /** Fire every timer whose instant has come, in due order. */
  async function fireDue() {
    const nowMs = Date.now();
    const ready = state.timers
      .filter((t) => !t.fired && ((t.dueAt && Date.parse(t.dueAt) <= nowMs) || (t.error && t.retryAt && Date.parse(t.retryAt) <= nowMs)))
      .sort((a, b) => Date.parse(a.dueAt ?? a.retryAt!) - Date.parse(b.dueAt ?? b.retryAt!));
    for (const timer of ready) {
      if (!state.timers.includes(timer)) continue; // dropped by an earlier timer's transition
      if (timer.error) {
        // Try the computation again: an operator may have supplied the missing year by now.
        state.timers = state.timers.filter((t) => t !== timer);
        await reconcileTimers();
        continue;
      }
      timer.fired = true;
      if (timer.kind === 'deadline') {
        const handled = await step({ type: `deadline.${timer.id}` as const, at: timer.dueAt! }, {
          kind: 'deadline',
          message: `期限届满：${timer.title}`,
          article: timer.article,
        });
        if (!handled) append({ kind: 'deadline', message: `期限届满：${timer.title}`, article: timer.article, at: timer.dueAt! });
      } else {
        const dept = timer.department ?? 'applicant';
        const superior = def.departments[dept]?.superior ?? dept;
        const reason = `${def.departments[dept]?.name ?? dept}未在办理时限内完成“${timer.title.replace(/办理时限$/, '')}”`;
        await performEffect({ projectId: state.projectId, jurisdiction: def.id, type: 'escalate', params: { to: superior, reason, article: timer.article }, at: timer.dueAt! });
        append({ kind: 'escalation', message: `${reason}，已报${def.departments[superior]?.name ?? superior}`, department: superior, article: timer.article, at: timer.dueAt! });
      }
    }
    publish();
  }

  setHandler(viewQuery, () => buildView(def, state, Date.now()));
  setHandler(auditQuery, () => state.history);
  setHandler(
    actUpdate,
    (req) =>
      exclusive(async () => {
        const event = checkAction(def, state.snapshot, req, now());
        if (isRefusal(event)) throw refuse(event);
        await step(event, {
          kind: 'action',
          message: `${req.task}.${req.action}`,
          task: req.task,
          action: req.action,
          department: req.department,
          actor: req.actor,
          ...(req.comment ? { comment: req.comment } : {}),
          ...(event.data && Object.keys(event.data).length ? { data: event.data } : {}),
          ...(req.requestId ? { requestId: req.requestId } : {}),
        });
        return buildView(def, state, Date.now());
      }),
    {
      // Synchronous on purpose: a refused action must never enter the history.
      validator: (req) => {
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
      await continueAsNew<typeof projectWorkflow>({
        ...input,
        carried: {
          snapshot: { value: state.snapshot.value, context: state.snapshot.context },
          timers: state.timers,
          history: state.history,
          submittedAt: state.submittedAt,
        },
      });
    }
    const pending = state.timers
      .filter((t) => !t.fired)
      .map((t) => Date.parse(t.dueAt ?? t.retryAt ?? ''))
      .filter((n) => !Number.isNaN(n));
    const seen = wake;
    const timeout = pending.length ? Math.max(1, Math.min(...pending) - Date.now()) : undefined;
    const woken = timeout === undefined ? await condition(() => wake !== seen).then(() => true) : await condition(() => wake !== seen, timeout);
    if (!woken) await exclusive(fireDue);
  }
}
