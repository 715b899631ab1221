/**
 * Decisions issued as documents (issue 21 item 4): which decision entry asks for an opinion, what
 * the activity needs to number and render it, and the entry that records it once stored. Pure.
 */
import type { HistoryEntry, OpinionIssued, OpinionRequest } from '../contracts/messages.js';
import { chartIndex } from '../machines/chart-index.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';
import { APPLYING_DEPARTMENTS, TASK_ACTION_LABELS, type TaskAction } from '../machines/shared/meta.js';
import { issuerName, opinionKind } from '../machines/shared/opinions.js';
import type { NewEntry } from './host.js';

/** The opinion a recorded decision is issued as, or undefined where none is (machines/shared/opinions.ts). */
export function opinionRequest(
  def: JurisdictionDefinition,
  projectId: string,
  entry: HistoryEntry,
  project: { title: string; applicantUnit: string },
): OpinionRequest | undefined {
  if (entry.kind !== 'action' || !entry.task || !entry.action || !entry.department) return undefined;
  const task = chartIndex(def.machine).tasks.find((t) => t.id === entry.task);
  const taskTitle = task?.title ?? entry.task;
  const kind = opinionKind(taskTitle, entry.action, APPLYING_DEPARTMENTS.includes(entry.department));
  if (!kind) return undefined;
  const departmentName = def.departments[entry.department]?.name ?? entry.department;
  return {
    id: `${projectId}#${entry.seq}/opinion`,
    projectId,
    jurisdiction: def.id,
    jurisdictionName: def.name,
    regulation: def.regulation.title,
    chartVersion: def.version,
    for: entry.seq,
    ...(entry.hash ? { entryHash: entry.hash } : {}),
    kind,
    task: entry.task,
    taskTitle,
    action: entry.action,
    actionLabel: TASK_ACTION_LABELS[entry.action as TaskAction] ?? entry.action,
    department: entry.department,
    departmentName,
    issuer: issuerName(def.name, departmentName),
    ...(entry.actor ? { actor: entry.actor } : {}),
    ...(entry.comment ? { comment: entry.comment } : {}),
    ...(task ? { article: task.article.format() } : {}),
    at: entry.at,
    project: { title: String(project.title ?? ''), applicantUnit: String(project.applicantUnit ?? '') },
  };
}

/** The audit entry that records an issued opinion, linked to its decision. */
export const issuedEntry = (req: OpinionRequest, issued: OpinionIssued): NewEntry => ({
  kind: 'document',
  message: `印发${req.kind}：${issued.number}`,
  task: req.task,
  department: req.department,
  ...(req.article ? { article: req.article } : {}),
  issued: { kind: req.kind, number: issued.number, for: req.for, document: issued.document },
});
