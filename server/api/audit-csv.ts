import type { HistoryEntry } from '../../contracts/messages.js';
import { leaves, leafText } from '../case-file.js';

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

const BEIJING_MS = 8 * 3_600_000;

/** An instant in Beijing time with its offset, as the pages show it: 2026-12-05T10:00:00.000+08:00 (the same instant as the trail's UTC). */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t + BEIJING_MS).toISOString().slice(0, -1)}+08:00`;
}

/** A column's value: the signature's parts come from the entry's `command` (core/chain.ts covers them with the hash). */
const value = (h: HistoryEntry, c: (typeof CSV_COLUMNS)[number]): unknown =>
  c === 'at' ? beijingTime(h.at) : c === 'keyId' || c === 'issuedAt' || c === 'signature' ? h.command?.[c] : (h as unknown as Record<string, unknown>)[c];

/** An entry's payload as `data.<path>` cells (amounts in 元 with two decimals; a document's hash where it has one); the application on the submission's row. */
function payloadCells(h: HistoryEntry, application?: Record<string, unknown>): Map<string, string> {
  const cells = new Map<string, string>();
  const source = h.kind === 'submitted' && application ? { prefix: 'application', data: application } : { prefix: 'data', data: h.data };
  for (const l of leaves(source.data)) cells.set([source.prefix, ...l.path].join('.'), leafText(l.value));
  return cells;
}

/** One CSV cell (RFC 4180), a formula's leading sign neutralised for spreadsheets. */
export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The audit trail as CSV (RFC 4180), one row per entry with the signature it was accepted with, its
 * chain hash, then its payload flattened into one column per field (`data.securityBudget`,
 * `data.constructionPlan.ref`, …; with `application`, the submission's row carries the application as
 * `application.*`). Times are Beijing time with +08:00, the signature's `issuedAt` as signed; the JSON
 * export is the one the hash chain verifies. Formulas are neutralised for spreadsheets.
 */
export function auditCsv(trail: HistoryEntry[], application?: Record<string, unknown>): string {
  const cell = csvCell;
  const payloads = trail.map((h) => payloadCells(h, application));
  // Payload columns in the order their fields first appear, the application's first.
  const extra = [...new Set(payloads.flatMap((p) => [...p.keys()]))];
  return (
    [
      [...CSV_COLUMNS, ...extra].map(cell).join(','),
      ...trail.map((h, i) => [...CSV_COLUMNS.map((c) => cell(value(h, c))), ...extra.map((c) => cell(payloads[i]!.get(c)))].join(',')),
    ].join('\r\n') + '\r\n'
  );
}
