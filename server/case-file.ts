/**
 * The case file (案卷) read from what history already holds (issue 21): an application or a step's
 * payload as leaves with their paths, the versions a step was submitted in across returns, and
 * what changed between two of them. Nothing here changes what a workflow records; pages, the
 * audit CSV and tests read the same leaves.
 */
import type { HistoryEntry } from '../contracts/messages.js';
import { isAmount, fen } from '../machines/shared/money.js';

/** One value of a payload at its path: amounts in 分 (exact), everything else as recorded. */
export interface Leaf {
  path: string[];
  value: string | number | boolean | string[] | { fen: number };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFile = (v: unknown): v is { name: string; sha256: string } => isRecord(v) && typeof v.name === 'string' && typeof v.sha256 === 'string';

/**
 * The leaves of a payload, in the order it holds them: an amount `{ fen }` is one leaf, a list of
 * words one leaf, a list of objects (e.g. 分年度预算) one group of leaves per row. Amounts of
 * projects from before 角/分 are whole yuan numbers; in an amount field they read as yuan (fen()).
 */
export function leaves(data: unknown, path: string[] = []): Leaf[] {
  if (data === undefined || data === null) return [];
  if (isRecord(data)) {
    if (isAmount(data) && Object.keys(data).length === 1) return [{ path, value: { fen: fen(data as { fen: number }) } }];
    return Object.entries(data).flatMap(([k, v]) =>
      // A material's files are one leaf: each file by its name and the SHA-256 of its bytes (machines/shared/schemas.ts fileRef).
      k === 'files' && Array.isArray(v) && v.every(isFile)
        ? [{ path: [...path, k], value: v.map((f) => `${f.name} sha256:${f.sha256}`) }]
        : leaves(v, [...path, k]),
    );
  }
  if (Array.isArray(data)) {
    if (data.every((v) => typeof v === 'string')) return [{ path, value: data as string[] }];
    return data.flatMap((v, i) => leaves(v, [...path, String(i)]));
  }
  if (typeof data === 'string' || typeof data === 'number' || typeof data === 'boolean') return [{ path, value: data }];
  return [{ path, value: JSON.stringify(data) }];
}

/** An amount in 分 as 元 with 角分, two decimals, as a spreadsheet and a form read it: 1999999.99. */
export const yuanText = (fenValue: number): string => {
  const sign = fenValue < 0 ? '-' : '';
  const f = Math.abs(fenValue);
  return `${sign}${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`;
};

/** A leaf as plain text (CSV, form values, comparisons): amounts in 元 with two decimals, lists joined by `；`. */
export function leafText(value: Leaf['value']): string {
  if (typeof value === 'object' && !Array.isArray(value)) return yuanText(value.fen);
  if (Array.isArray(value)) return value.join('；');
  return String(value);
}

/** One submission of a step: the entry that carried it, numbered from 1 in the order sent. */
export interface Version {
  number: number;
  entry: HistoryEntry;
}

/** Whether an entry is an action that sent papers (a submission), as opposed to a decision on them. */
const isSubmission = (h: HistoryEntry) => h.kind === 'action' && (h.action === 'submit' || h.action === 'pass' || h.action === 'fail');

/** Every submission of a task in the trail, v1 first. */
export function versionsOf(history: readonly HistoryEntry[], task: string): Version[] {
  return history.filter((h) => isSubmission(h) && h.task === task).map((entry, i) => ({ number: i + 1, entry }));
}

/** The last element that satisfies `test` (Array.prototype.findLast is ES2023, beyond this project's lib). */
function findLast<T>(list: readonly T[], test: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return list[i];
  return undefined;
}

/** The decision that sent papers back, with its opinion: a `return` entry. */
export const isReturn = (h: HistoryEntry) => h.kind === 'action' && h.action === 'return';

/**
 * What a task awaiting a decision is deciding on: the submission that came last before it opened
 * again, and the versions of that step. For a task awaiting papers (a submission of its own), the
 * return that asked for them, if one came after its last version, and the versions it sent before.
 */
export interface TaskCase {
  /** Whether the task sends papers (the applicant's side) rather than decides on them. */
  answers: boolean;
  /** The step whose papers are before the reviewer (or the applicant's own step), with every version it was sent in. */
  submitted?: { task: string; versions: Version[] };
  /** The last return that concerns this task: the opinion the applicant answers, or the reviewer's own earlier return. */
  lastReturn?: HistoryEntry;
}

/**
 * The case of the task `task` as the trail shows it. A review task reviews the latest submission
 * made since its own last decision (or before it, when none came since); an applicant's task
 * answers the latest return made after its own last version.
 */
export function caseOf(history: readonly HistoryEntry[], task: string, submits: boolean): TaskCase {
  let lastOwn = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.kind === 'action' && h.task === task) {
      lastOwn = i;
      break;
    }
  }
  if (submits) {
    const ret = findLast(history.slice(lastOwn + 1), isReturn);
    const versions = versionsOf(history, task);
    return { answers: true, ...(versions.length ? { submitted: { task, versions } } : {}), ...(ret ? { lastReturn: ret } : {}) };
  }
  const own = lastOwn >= 0 ? history[lastOwn]! : undefined;
  const latest = findLast(history, (h) => isSubmission(h) && h.task !== task);
  return {
    answers: false,
    ...(latest?.task ? { submitted: { task: latest.task, versions: versionsOf(history, latest.task) } } : {}),
    ...(own && isReturn(own) ? { lastReturn: own } : {}),
  };
}

/** A field that differs between two versions: its path, the value before and after (absent when it was not there). */
export interface Change {
  path: string[];
  before?: Leaf['value'];
  after?: Leaf['value'];
}

/** The fields that differ between two payloads, in the order of the newer one (then those it dropped). */
export function changes(before: unknown, after: unknown): Change[] {
  const key = (l: Leaf) => l.path.join('.');
  const old = new Map(leaves(before).map((l) => [key(l), l.value]));
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const l of leaves(after)) {
    const k = key(l);
    seen.add(k);
    const was = old.get(k);
    if (was === undefined || leafText(was) !== leafText(l.value)) out.push({ path: l.path, ...(was !== undefined ? { before: was } : {}), after: l.value });
  }
  for (const l of leaves(before)) if (!seen.has(key(l))) out.push({ path: l.path, before: l.value });
  return out;
}

/**
 * A payload as the flat body a generated form reads back (server/pages/forms.tsx readForm):
 * `prefix.path` → text, amounts in 元, booleans 'true'/'false', lists of words as several values.
 */
export function formBodyOf(data: unknown, prefix: string): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  // A material's files are carried over as they were (each as JSON, kept unless the applicant unticks it).
  const withoutFiles = (v: unknown, path: string[]): unknown => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(
      Object.entries(v).flatMap(([k, x]) => {
        if (k === 'files' && Array.isArray(x)) {
          body[[prefix, ...path, k].join('.')] = x.map((f) => JSON.stringify(f));
          return [];
        }
        return [[k, withoutFiles(x, [...path, k])]];
      }),
    );
  };
  for (const l of leaves(withoutFiles(data, []))) body[[prefix, ...l.path].join('.')] = Array.isArray(l.value) ? l.value : leafText(l.value);
  return body;
}
