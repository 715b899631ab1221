/**
 * A notice as people read it (issue 24): what an effect the charts or the time limits queued says,
 * to whom, about which project, under which article. Pure; the worker's channels and the API's
 * message centre word a notice the same way from the same effect.
 */
import { reachesAddressee } from '../contracts/addressing.js';
import type { Effect, EffectNotice } from '../contracts/messages.js';
import { findJurisdiction } from '../machines/index.js';

/** 通知 (a notice or 抄送), 到期提醒 (the automatic 催办 before a limit), 催办 (a supervisor's), 上报 (an escalation). */
export type NoticeKind = 'notification' | 'reminder' | 'urge' | 'escalation';

/** How each kind is named on pages and in subjects. */
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  notification: '通知',
  reminder: '到期提醒',
  urge: '催办',
  escalation: '上报',
};

/** One notice, addressed to one department (and, for the applying side, to one unit). */
export interface Notice {
  /** The effect's id, `${projectId}#${seq}`: the audit entry that records it. */
  id: string;
  projectId: string;
  jurisdiction: string;
  jurisdictionName: string;
  regulation: string;
  kind: NoticeKind;
  /** The department addressed, and its name. */
  department: string;
  departmentName: string;
  /** The applying unit: who a notice to the applying side reaches. */
  unit: string;
  /** The project's title. */
  projectTitle: string;
  subject: string;
  text: string;
  article?: string;
  task?: string;
  /** Who sent a 催办 by hand. */
  actor?: string;
  at: string;
  /** The page it is about, relative to the product's address. */
  path: string;
}

/**
 * The notice an effect stands for. Effects queued before they carried their notice (docs/compatibility.md,
 * "Effects without a notice") are worded from their parameters alone; they name no unit, so a notice of
 * theirs to the applying side reaches administrators only.
 */
export function noticeOf(effect: Effect): Notice {
  const def = findJurisdiction(effect.jurisdiction);
  const p = effect.params;
  const n: EffectNotice = effect.notice ?? {
    kind: effect.type === 'escalate' ? 'escalation' : 'notification',
    department: String(p.to ?? 'applicant'),
    message: String(p.message ?? p.reason ?? ''),
    ...(typeof p.article === 'string' ? { article: p.article } : {}),
    title: '',
    unit: '',
  };
  const kind: NoticeKind = n.kind === 'reminder' ? (n.actor ? 'urge' : 'reminder') : n.kind;
  const departmentName = def?.departments[n.department]?.name ?? n.department;
  const about = n.title ? `“${n.title}”` : effect.projectId;
  return {
    id: effect.id,
    projectId: effect.projectId,
    jurisdiction: effect.jurisdiction,
    jurisdictionName: def?.name ?? effect.jurisdiction,
    regulation: def?.regulation.title ?? '',
    kind,
    department: n.department,
    departmentName,
    unit: n.unit,
    projectTitle: n.title,
    subject: `【${NOTICE_KIND_LABELS[kind]}】${about}${n.level === 2 ? '（二次上报）' : ''}`,
    text: n.message,
    ...(n.article ? { article: n.article } : {}),
    ...(n.task ? { task: n.task } : {}),
    ...(n.actor ? { actor: n.actor } : {}),
    at: effect.at,
    path: `/projects/${encodeURIComponent(effect.projectId)}`,
  };
}

/** Whom a notice is for: the addressed department of its jurisdiction; on the applying side, only the project's own unit. */
export function addressedTo(
  notice: Pick<Notice, 'jurisdiction' | 'department' | 'unit'>,
  who: { jurisdiction: string; department: string; unit?: string },
): boolean {
  if (who.jurisdiction !== notice.jurisdiction || who.department !== notice.department) return false;
  if (notice.department === 'applicant') return notice.unit !== '' && who.unit === notice.unit;
  return true;
}
