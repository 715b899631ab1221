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
  'bodyHash',
  'keyId',
  'issuedAt',
  'signature',
  'hash',
] as const;

/** A column's value: the signature's parts come from the entry's `command` (core/chain.ts covers them with the hash). */
const value = (h: HistoryEntry, c: (typeof CSV_COLUMNS)[number]): unknown =>
  c === 'keyId' || c === 'issuedAt' || c === 'signature' ? h.command?.[c] : (h as unknown as Record<string, unknown>)[c];

/**
 * The audit trail as CSV (RFC 4180), one row per entry with the signature it was accepted with and its
 * chain hash (a payload is in the JSON export only, which the hash also covers); formulas are neutralised for spreadsheets.
 */
export function auditCsv(trail: HistoryEntry[]): string {
  const cell = (v: unknown) => {
    let s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [CSV_COLUMNS.join(','), ...trail.map((h) => CSV_COLUMNS.map((c) => cell(value(h, c))).join(','))].join('\r\n') + '\r\n';
}
