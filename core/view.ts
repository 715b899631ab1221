import type { AnyMachineSnapshot } from 'xstate';
import type { HistoryEntry, ProjectView, TaskView, Timer } from '../contracts/messages.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';
import { PUBLIC_STATUSES, SANCTION_LEVELS } from '../machines/shared/meta.js';
import { publicStatus, summarize } from '../machines/status.js';

/** How many of the latest history entries a view carries. */
export const VIEW_HISTORY_ENTRIES = 50;

/** What a view is built from. */
export interface ViewSource {
  projectId: string;
  snapshot: AnyMachineSnapshot;
  timers: Timer[];
  history: HistoryEntry[];
  submittedAt: string;
  /** Opinions decided and not yet issued (core/opinions.ts). */
  issuing?: readonly { for: number; kind: string }[];
}

/**
 * The public view of a project, from its chart's metadata and the host's timers. With `since`
 * (a history total the caller holds, no more than this one), the history is only what came after it
 * and the entry at `since` (server/view-memory.ts).
 */
export function buildView(def: JurisdictionDefinition, s: ViewSource, now: number, since?: number): ProjectView {
  const delta = since !== undefined && Number.isSafeInteger(since) && since >= 0 && since <= s.history.length ? since : undefined;
  const summary = summarize(s.snapshot);
  const status = publicStatus(s.snapshot);
  const level = summary.sanction;
  const app = s.snapshot.context.application as { title: string; applicantUnit: string } & Record<string, unknown>;
  const deptName = (id: string) => def.departments[id]?.name ?? id;
  const tasks: TaskView[] = summary.tasks.map((t) => {
    const deadline = t.deadline ? s.timers.find((x) => x.kind === 'deadline' && x.stateId === t.stateId) : undefined;
    const service = s.timers.find((x) => x.kind === 'serviceLevel' && x.stateId === t.stateId && x.id === t.id);
    const dueAt = deadline?.dueAt ?? service?.dueAt;
    const timer = deadline ?? service;
    return {
      task: t.id,
      title: t.title,
      department: t.assignee,
      departmentName: deptName(t.assignee),
      article: t.article,
      actions: t.actions,
      ...(dueAt ? { dueAt } : {}),
      ...(t.deadline
        ? {
            deadline: {
              id: t.deadline.id,
              title: t.deadline.title,
              article: t.deadline.article,
              ...(deadline?.lastDay ? { lastDay: deadline.lastDay } : {}),
              ...(deadline?.dueAt ? { dueAt: deadline.dueAt } : {}),
              ...(deadline?.error ? { error: deadline.error } : {}),
            },
          }
        : {}),
      overdue: dueAt !== undefined && Date.parse(dueAt) <= now,
      escalationLevel: timer?.escalatedTwice ? 2 : timer?.fired ? 1 : 0,
      ...(timer?.reminded && timer.remindAt ? { remindedAt: timer.remindAt } : {}),
      ...urgedOf(s.history, t.id),
    };
  });
  const last = s.history[s.history.length - 1];
  return {
    projectId: s.projectId,
    jurisdiction: def.id,
    jurisdictionName: def.name,
    chartVersion: def.version,
    title: app.title,
    applicantUnit: app.applicantUnit,
    // It never changes: an answer to a caller that holds the view leaves it out (server/view-memory.ts puts it back).
    ...(delta === undefined ? { application: app } : {}),
    status,
    statusLabel: PUBLIC_STATUSES[status],
    ...(level ? { sanction: { level, label: SANCTION_LEVELS[level] } } : {}),
    final: summary.final,
    tasks,
    offers: summary.offers.map((o) => ({
      task: o.id,
      title: o.title,
      department: o.assignee,
      departmentName: deptName(o.assignee),
      article: o.article,
      actions: o.actions,
    })),
    escalations: s.history.filter((h) => h.kind === 'escalation'),
    activeStates: summary.active.map((a) => a.stateId),
    // The latest entries only: a view stays small however long the project lives; /audit has them all.
    // After `since`, and the entry at `since` itself, by which the caller checks it holds the same trail.
    history: s.history
      .slice(delta !== undefined ? Math.max(delta - 1, 0, s.history.length - VIEW_HISTORY_ENTRIES) : -VIEW_HISTORY_ENTRIES)
      .map(withoutSignature),
    historyTotal: s.history.length,
    ...(s.issuing?.length ? { issuing: s.issuing.map((r) => ({ for: r.for, kind: r.kind })) } : {}),
    ...(delta !== undefined ? { historySince: delta } : {}),
    submittedAt: s.submittedAt,
    updatedAt: last?.at ?? s.submittedAt,
  };
}

/**
 * An entry with its payload (what a reviewer reads) but without the signature it was accepted with and the identity signed with it
 * (the audit trail has both, and its hash chain covers them; the view keeps the hash); most entries carry neither and are shared as they are.
 */
function withoutSignature(entry: HistoryEntry): HistoryEntry {
  if (entry.command === undefined && entry.identity === undefined) return entry;
  const { command: _command, identity: _identity, ...rest } = entry;
  return rest;
}

/**
 * The latest supervisor's 催办 of an awaited task since it was last decided on (a task returned to
 * and awaited again starts afresh), and how many there were: the badge in 待办 and on the task card.
 */
function urgedOf(history: readonly HistoryEntry[], task: string): { urged?: { by: string; at: string; count: number } } {
  let count = 0;
  let last: HistoryEntry | undefined;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.task !== task) continue;
    if (h.kind === 'action') break;
    if (h.kind === 'reminder' && h.actor) {
      count++;
      last ??= h;
    }
  }
  return last ? { urged: { by: last.actor!, at: last.at, count } } : {};
}
