/**
 * Retention of closed projects in the namespace, decided by the product: Temporal deletes a
 * closed workflow's history when its namespace's retention passes (the CLI's dev server defaults
 * to 24 hours), and a project's history is its approval record. Approval records are archives
 * (档案法 第十九条, 机关文件材料归档范围和文书档案保管期限规定: 10 years or longer) and 网络安全法
 * 第二十一条 asks for logs kept at least six months, so the default is ten years.
 */
import Long from 'long';
import type { Connection } from '@temporalio/client';

/** Default retention of closed projects: ten years. */
export const DEFAULT_RETENTION_DAYS = 3_650;

/** Set the namespace's retention of closed workflows to `days`, if it is not already that. */
export async function ensureRetention(connection: Connection, namespace: string, days: number): Promise<void> {
  const seconds = Long.fromNumber(days * 86_400);
  const current = await connection.workflowService.describeNamespace({ namespace });
  const now = current.config?.workflowExecutionRetentionTtl?.seconds;
  if (now !== undefined && now !== null && Long.fromValue(now).equals(seconds)) return;
  await connection.workflowService.updateNamespace({
    namespace,
    config: { workflowExecutionRetentionTtl: { seconds } },
  });
}

/** The namespace's retention of closed workflows in days, as the server reports it. */
export async function retentionDays(connection: Connection, namespace: string): Promise<number> {
  const d = await connection.workflowService.describeNamespace({ namespace });
  const s = d.config?.workflowExecutionRetentionTtl?.seconds;
  return s === undefined || s === null ? 0 : Long.fromValue(s).toNumber() / 86_400;
}
