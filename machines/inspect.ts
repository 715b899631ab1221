import type { AnyMachineSnapshot } from 'xstate';
import { explainRefusal, listensFor } from './shared/rules.js';
import type { JurisdictionDefinition } from './shared/definition.js';
import type { TaskEvent } from './shared/events.js';
import type { DeadlineMeta, PublicStatus, SanctionLevel, StateMeta, TaskAction, TaskMeta } from './shared/meta.js';
import { APPLYING_DEPARTMENTS, SANCTION_LEVELS, taskEvent } from './shared/meta.js';

/** Active states with their metadata, in document order. */
export function activeStates(snapshot: AnyMachineSnapshot): Array<{ stateId: string; meta: StateMeta }> {
  return Object.entries(snapshot.getMeta() as Record<string, StateMeta | undefined>).map(([stateId, meta]) => ({ stateId, meta: meta ?? {} }));
}

const depth = (id: string) => id.split('.').length;

/** The project's stable public status: the deepest active state that names one. Throws if none does. */
export function publicStatus(snapshot: AnyMachineSnapshot): PublicStatus {
  let best: { status: PublicStatus; depth: number } | undefined;
  for (const { stateId, meta } of activeStates(snapshot)) {
    if (meta.status && (!best || depth(stateId) > best.depth)) best = { status: meta.status, depth: depth(stateId) };
  }
  if (!best) throw new Error(`no public status for state ${JSON.stringify(snapshot.value)}`);
  return best.status;
}

const SEVERITY = Object.keys(SANCTION_LEVELS) as SanctionLevel[];

/**
 * The highest supervision level in force, if any: parallel regions may each hold one (静乐: funds
 * withheld for a missing filing in the lifecycle while the supervision region orders rectification).
 */
export function sanctionLevel(snapshot: AnyMachineSnapshot): SanctionLevel | undefined {
  let highest: SanctionLevel | undefined;
  for (const { meta } of activeStates(snapshot)) {
    if (meta.sanction && (!highest || SEVERITY.indexOf(meta.sanction) > SEVERITY.indexOf(highest))) highest = meta.sanction;
  }
  return highest;
}

/** A task the project waits for, with the state that awaits it. */
export interface ActiveTask extends TaskMeta {
  stateId: string;
  deadline?: DeadlineMeta;
}

/**
 * A task's department: an id from the department table, or `@field` naming a context field that
 * holds it (e.g. 莱州's builder, the requesting unit or the operating company by project class).
 */
function resolve(t: TaskMeta, snapshot: AnyMachineSnapshot): TaskMeta {
  if (!t.assignee.startsWith('@')) return t;
  const value = (snapshot.context as Record<string, unknown>)[t.assignee.slice(1)];
  if (typeof value !== 'string') throw new Error(`task ${t.id}: no department at context.${t.assignee.slice(1)}`);
  return { ...t, assignee: value };
}

/** What the project waits for now. */
export function awaitingTasks(snapshot: AnyMachineSnapshot): ActiveTask[] {
  return activeStates(snapshot).flatMap(({ stateId, meta }) =>
    meta.task ? [{ ...resolve(meta.task, snapshot), stateId, ...(meta.deadline ? { deadline: meta.deadline } : {}) }] : [],
  );
}

/** Optional actions available now (change requests, supervision orders). */
export function offeredActions(snapshot: AnyMachineSnapshot): Array<TaskMeta & { stateId: string }> {
  return activeStates(snapshot).flatMap(({ stateId, meta }) => (meta.offers ?? []).map((o) => ({ ...resolve(o, snapshot), stateId })));
}

/** A deadline in force, keyed so that it is new whenever its state is entered with another start. */
export interface ActiveDeadline {
  key: string;
  stateId: string;
  spec: DeadlineMeta;
  /** YYYY-MM-DD read from context, or undefined for 'the day the state was entered'. */
  startDate?: string;
}

/** Deadlines of the active states. */
export function activeDeadlines(snapshot: AnyMachineSnapshot): ActiveDeadline[] {
  return activeStates(snapshot).flatMap(({ stateId, meta }) => {
    if (!meta.deadline) return [];
    const found = meta.deadline.start ? readPath(snapshot.context, meta.deadline.start) : undefined;
    if (meta.deadline.start && typeof found !== 'string') {
      throw new Error(`deadline ${meta.deadline.id} in ${stateId}: no date at context.${meta.deadline.start}`);
    }
    const startDate = found as string | undefined;
    const key = `${stateId}#${meta.deadline.id}${startDate ? `@${startDate}` : ''}`;
    return [{ key, stateId, spec: meta.deadline, ...(startDate ? { startDate } : {}) }];
  });
}

function readPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** One reason a request was refused, naming the field and, where a regulation is the reason, the article. */
export interface Issue {
  field: string;
  rule: string;
  message: string;
  article?: string;
}

/** Why an action was refused; `kind` maps to 400 (invalid, rule), 403 (forbidden), 409 (conflict) and 422 (an idempotency key reused). */
export interface Refusal {
  kind: 'invalid' | 'forbidden' | 'conflict' | 'reused';
  message: string;
  issues: Issue[];
}

/** Who acts, as their credential says (never as a request body says). */
export interface Identity {
  userId: string;
  jurisdiction: string;
  department: string;
  roles: string[];
  /** The applying unit, for applicants. */
  unit?: string;
}

/** A person's request to act on a task. */
export interface ActionRequest {
  task: string;
  action: TaskAction;
  department: string;
  actor: string;
  comment?: string;
  data?: unknown;
  /** The credential's identity; the workflow requires it, pure chart checks may leave it out. */
  identity?: Identity;
}

/** Why an identity may not take this task, or undefined when it may. */
function identityRefusal(def: JurisdictionDefinition, snapshot: AnyMachineSnapshot, req: ActionRequest, assignee: string): Refusal | undefined {
  const id = req.identity;
  if (!id) return undefined;
  const forbid = (message: string): Refusal => ({ kind: 'forbidden', message, issues: [{ field: 'identity', rule: 'forbidden', message }] });
  if (id.department !== req.department) return forbid('办理部门须与身份凭证一致');
  if (id.jurisdiction !== def.id) return forbid(`身份凭证不属于${def.name}`);
  const role = APPLYING_DEPARTMENTS.includes(assignee) ? 'applicant' : 'reviewer';
  if (!id.roles.includes(role)) return forbid(role === 'applicant' ? '只有申报单位可以办理该事项' : '只有审核部门的审核人员可以办理该事项');
  if (assignee === 'applicant') {
    const unit = (snapshot.context as { application?: { applicantUnit?: string } }).application?.applicantUnit;
    if (id.unit !== unit) return forbid('只能办理本单位的项目');
  }
  return undefined;
}

/** 409 when the task is not open for this action now, whatever the payload; undefined when it is. */
export function notOpen(snapshot: AnyMachineSnapshot, req: Pick<ActionRequest, 'task' | 'action'>): Refusal | undefined {
  const open = [...awaitingTasks(snapshot), ...offeredActions(snapshot)].some((t) => t.id === req.task && t.actions.includes(req.action));
  if (open) return undefined;
  return {
    kind: 'conflict',
    message: `现在不能对“${req.task}”执行“${req.action}”（项目状态：${publicStatus(snapshot)}）`,
    issues: [{ field: 'task', rule: 'not_open', message: '该事项当前不可办理' }],
  };
}

/**
 * Check a request against the chart in its current state: the task is open, the department is
 * the one awaited, and the chart's rules allow it. Returns the event to send, or why not. The
 * payload's shape is checked where the request arrives (machines/intake.ts, the API); here it
 * must at least be an object. Used by the workflow's update validator.
 */
export function checkAction(def: JurisdictionDefinition, snapshot: AnyMachineSnapshot, req: ActionRequest, at: string): TaskEvent | Refusal {
  const closed = notOpen(snapshot, req);
  if (closed) return closed;
  const candidates = [...awaitingTasks(snapshot), ...offeredActions(snapshot)].filter((t) => t.id === req.task && t.actions.includes(req.action));
  const assigned = candidates.find((t) => t.assignee === req.department);
  if (assigned) {
    const refused = identityRefusal(def, snapshot, req, assigned.assignee);
    if (refused) return refused;
  }
  if (!assigned) {
    const names = candidates.map((t) => def.departments[t.assignee]?.name ?? t.assignee).join('、');
    return {
      kind: 'forbidden',
      message: `该事项由${names}办理`,
      issues: [{ field: 'department', rule: 'not_assignee', message: `该事项由${names}办理`, article: candidates[0]!.article }],
    };
  }
  const data = req.data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'invalid', message: '提交的数据应为对象', issues: [{ field: 'data', rule: 'invalid_type', message: '提交的数据应为对象' }] };
  }
  const event: TaskEvent = {
    type: taskEvent(req.task, req.action),
    department: req.department,
    actor: req.actor,
    ...(req.comment ? { comment: req.comment } : {}),
    data: data as Record<string, unknown>,
    at,
  };
  if (snapshot.can(event)) return event;
  const violations = explainRefusal(snapshot, event, def.rules);
  if (violations.length > 0) {
    return {
      kind: 'invalid',
      message: violations.map((v) => `${v.message}（${v.article}）`).join('；'),
      issues: violations.map((v) => ({ field: v.field, rule: v.rule, message: v.message, article: v.article })),
    };
  }
  return {
    kind: 'conflict',
    message: listensFor(snapshot, event.type) ? '当前状态不满足办理条件' : '该事项当前不可办理',
    issues: [{ field: 'task', rule: 'not_possible', message: '当前状态不满足办理条件', article: assigned.article }],
  };
}

/** True when checkAction refused. */
export const isRefusal = (r: TaskEvent | Refusal): r is Refusal => 'kind' in r && !('type' in r);
