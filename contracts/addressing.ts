/**
 * Whom a project's step or notice addressed to a department reaches: that department's people; on
 * the applying side, which every unit shares as `applicant`, only the project's own unit. The one
 * rule for who acts on a step (server/access.ts) and who receives a notice (notifications/notice.ts).
 */
/** Audit entries that address a department: it acted, or was notified (抄送), reminded (催办) or escalated to (上报). */
export const ADDRESSING_KINDS: ReadonlySet<string> = new Set(['action', 'notification', 'reminder', 'escalation']);

export function reachesAddressee(who: { department: string; unit?: string | undefined }, department: string, projectUnit: string): boolean {
  if (who.department !== department) return false;
  return department !== 'applicant' || (who.unit !== undefined && who.unit !== '' && who.unit === projectUnit);
}
