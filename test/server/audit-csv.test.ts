// Issue 21 item 5: the audit CSV tells everything — payload columns, document hashes, Beijing time.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../contracts/messages.js';
import { auditCsv, beijingTime } from '../../server/api/audit-csv.js';

const sha = 'a'.repeat(64);
const trail: HistoryEntry[] = [
  { seq: 1, at: '2026-12-04T16:30:00.000Z', kind: 'submitted', message: '提交申报' },
  {
    seq: 2,
    at: '2026-12-05T02:00:00.000Z',
    kind: 'action',
    message: 'acceptance.pass',
    task: 'acceptance',
    action: 'pass',
    data: { acceptedOn: '2027-06-20', report: { ref: '=验收报告', sha256: sha }, aspects: ['goal', 'budget'] },
  },
  {
    seq: 3,
    at: '2026-12-05T03:00:00.000Z',
    kind: 'action',
    message: 'budget.approve',
    task: 'budget',
    action: 'approve',
    data: { amount: { fen: 100_000_050 } },
  },
];

/** The CSV as rows of cells (none of these cells holds a comma, a quote or a line break). */
const table = (csv: string) =>
  csv
    .trimEnd()
    .split('\r\n')
    .map((r) => r.split(','));

describe('the audit CSV', () => {
  it('writes the application on the submission’s row and each payload flattened into columns, with document hashes', () => {
    const [header, submitted, accepted, budget] = table(auditCsv(trail, { title: '智慧城管平台', totalBudget: { fen: 129_999_999 } }));
    const col = (row: string[] | undefined, name: string) => row![header!.indexOf(name)];
    expect(header!.slice(19)).toEqual([
      'application.title',
      'application.totalBudget',
      'data.acceptedOn',
      'data.report.ref',
      'data.report.sha256',
      'data.aspects',
      'data.amount',
    ]);
    expect(col(submitted, 'application.totalBudget')).toBe('1299999.99');
    expect(col(accepted, 'data.report.sha256')).toBe(sha);
    expect(col(accepted, 'data.aspects')).toBe('goal；budget');
    // A payload cell is neutralised for spreadsheets like every other.
    expect(col(accepted, 'data.report.ref')).toBe("'=验收报告");
    expect(col(budget, 'data.amount')).toBe('1000000.50');
    expect(col(budget, 'data.report.sha256')).toBe('');
  });

  it('writes times in Beijing time with +08:00, the same instants as the trail', () => {
    const [header, submitted] = table(auditCsv(trail));
    expect(submitted![header!.indexOf('at')]).toBe('2026-12-05T00:30:00.000+08:00');
    expect(Date.parse(beijingTime(trail[1]!.at))).toBe(Date.parse(trail[1]!.at));
  });
});
