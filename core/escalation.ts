/**
 * Reminder and escalation policy, pure: what 催办 says and to whom, where a missed service level
 * goes (up one level at the limit, up two beyond it), and how each effect reads in the audit trail.
 * Statutory deadlines escalate through the chart's own supervision chain, not here.
 */
import type { HistoryEntry, RemindInput, Timer } from '../contracts/messages.js';
import type { Refusal } from '../machines/shared/errors.js';
import type { StateSummary } from '../machines/status.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';

/** An effect for the outbox and the audit entry that records it. */
export interface PlannedEffect {
  type: 'notify' | 'escalate';
  params: { to: string; article: string; message?: string; reason?: string };
  entry: Omit<HistoryEntry, 'seq' | 'at'>;
}

const nameOf = (def: JurisdictionDefinition, id: string) => def.departments[id]?.name ?? id;
const taskOf = (timer: Timer) => timer.title.replace(/办理时限$/, '');

/** 催办: tell the awaited department (the applying unit when none is named) that its time limit is near. */
export function reminder(def: JurisdictionDefinition, timer: Timer): PlannedEffect {
  const to = timer.department ?? 'applicant';
  const message = `${taskOf(timer)}将于 ${timer.lastDay} 届满，请及时办理`;
  return {
    type: 'notify',
    params: { to, message, article: timer.article },
    entry: { kind: 'reminder', message: `催办${nameOf(def, to)}：${message}`, department: to, article: timer.article },
  };
}

/** A service level missed: reported to the department's superior at the limit, and to the next one up beyond it. */
export function escalation(def: JurisdictionDefinition, timer: Timer, level: 1 | 2): PlannedEffect {
  const dept = timer.department ?? 'applicant';
  const first = def.departments[dept]?.superior ?? dept;
  const to = level === 1 ? first : (def.departments[first]?.superior ?? first);
  const reason = `${nameOf(def, dept)}${level === 1 ? '未在办理时限内完成' : '超过办理时限仍未完成'}“${taskOf(timer)}”`;
  return {
    type: 'escalate',
    params: { to, reason, article: timer.article },
    entry: { kind: 'escalation', level, message: `${reason}，已报${nameOf(def, to)}`, department: to, article: timer.article },
  };
}

/** How an effect a chart named reads in the audit trail. */
export function chartEffectEntry(def: JurisdictionDefinition, type: string, params: Record<string, unknown>): Omit<HistoryEntry, 'seq' | 'at'> {
  const to = nameOf(def, String(params.to));
  return type === 'escalate'
    ? { kind: 'escalation', message: `${String(params.reason)}，已报${to}`, department: String(params.to), article: String(params.article) }
    : { kind: 'notification', message: `通知${to}：${String(params.message)}`, department: String(params.to), article: String(params.article) };
}

/** Why a supervisor's 催办 may not be sent: only a supervisor of this jurisdiction, only for a task awaited now. */
export function handReminderRefusal(def: JurisdictionDefinition, summary: StateSummary, req: RemindInput): Refusal | undefined {
  if (!req.by?.roles?.includes('supervisor') || req.by.jurisdiction !== def.id) {
    return {
      kind: 'forbidden',
      message: '只有本辖区的督办人员可以催办',
      issues: [{ field: 'identity', rule: 'forbidden', message: '只有本辖区的督办人员可以催办' }],
    };
  }
  if (!summary.tasks.some((t) => t.id === req.task)) {
    return { kind: 'conflict', message: '该事项当前不在办理中，无需催办', issues: [{ field: 'task', rule: 'not_open', message: '该事项当前不在办理中' }] };
  }
  return undefined;
}

/** A supervisor's 催办 by hand: the awaited department is told, and the history says who sent it. */
export function handReminder(def: JurisdictionDefinition, summary: StateSummary, req: RemindInput): PlannedEffect {
  const t = summary.tasks.find((x) => x.id === req.task)!;
  const message = `请${nameOf(def, t.assignee)}尽快办理“${t.title}”`;
  return {
    type: 'notify',
    params: { to: t.assignee, message, article: t.article },
    entry: {
      kind: 'reminder',
      message: `${nameOf(def, req.by.department)}${req.by.name}催办：${message}`,
      task: t.id,
      department: t.assignee,
      actor: req.by.name,
      userId: req.by.userId,
      article: t.article,
      ...(req.requestId ? { requestId: req.requestId } : {}),
    },
  };
}
