import type { HistoryEntry } from '../../contracts/messages.js';

const CSV_COLUMNS = [
  'seq',
  'at',
  'kind',
  'task',
  'action',
  'department',
  'actor',
  'userId',
  'comment',
  'article',
  'message',
  'fromStatus',
  'toStatus',
  'requestId',
] as const;

/** The audit trail as CSV (RFC 4180), one row per entry; formulas are neutralised for spreadsheets. */
export function auditCsv(trail: HistoryEntry[]): string {
  const cell = (v: unknown) => {
    let s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return (
    [CSV_COLUMNS.join(','), ...trail.map((h) => CSV_COLUMNS.map((c) => cell((h as unknown as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n'
  );
}
