/**
 * The read model's SQL, the same on every store (issue 23): version guard, merged involvement, 待办
 * and project lists with scope, filters, search and keyset pages. Run on PGlite in memory here
 * (test/server/read-model.test.ts) and on a real PostgreSQL server in the cluster tier
 * (test/cluster/read-model-postgres.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadModel, BadCursor } from '../../server/read-model/store.js';
import { rowOf } from '../../server/read-model/row.js';
import type { Sql } from '../../server/read-model/sql.js';
import { entry, projectView, step } from './fake-projects.js';

/** The suite over a store `open` gives (and `close` ends). */
export function readModelSuite(name: string, open: () => Promise<Sql>, close: () => Promise<void> = async () => {}) {
  let model: ReadModel;
  beforeAll(async () => {
    model = await ReadModel.open(await open());
  }, 600_000);
  afterAll(async () => {
    await model?.close();
    await close();
  });

  const NOW = '2026-03-10T02:00:00.000Z';
  const due = (d: string) => ({ now: NOW, soonUntil: '2026-03-13T16:00:00.000Z', due: d as 'overdue' | 'soon' | 'later' | 'none' });

  function project(n: number, fields: Parameters<typeof projectView>[0] extends infer F ? Partial<F> : never = {}) {
    return projectView({
      projectId: `weishan-2026-${String(n).padStart(4, '0')}`,
      jurisdiction: 'weishan',
      applicantUnit: n % 2 ? '县教育局' : '县卫健局',
      title: `项目${String(n).padStart(3, '0')}`,
      ...fields,
    });
  }

  describe(`read model on ${name}`, () => {
    it('keeps the newest version: a late or repeated write changes nothing, addressed departments are kept', async () => {
      await model.clear();
      const v2 = project(1, {
        tasks: [{ ...step('weishan', 'techReview', 'bigdata'), dueAt: '2026-03-12T16:00:00.000Z' }],
        history: [entry(1, 'submitted'), entry(2, 'notification', 'finance')],
        historyTotal: 2,
      });
      expect(await model.write([rowOf(v2)])).toBe(1);
      const v1 = { ...v2, historyTotal: 1, title: '旧标题', history: [entry(1, 'submitted')] };
      expect(await model.write([rowOf(v1)])).toBe(0);
      const v3 = { ...v2, historyTotal: 3, history: [entry(3, 'action', 'bigdata')], tasks: [] };
      expect(await model.write([rowOf(v3)])).toBe(1);
      const page = await model.projects({ scope: { jurisdiction: 'weishan', of: { department: 'finance' } }, sort: 'due', limit: 10 });
      // 财政局 was copied at entry 2, which the latest view's window no longer holds: it still finds the project.
      expect(page.rows.map((r) => r.title)).toEqual(['项目001']);
      expect(await model.versionOf(v2.projectId)).toBe(3);
      expect((await model.tasks({ scope: { jurisdiction: 'weishan' }, department: 'bigdata', sort: 'due', limit: 10 })).total).toBe(0);
    });

    it('lists 待办 by due time in keyset pages, with due lights, step, unit and search', async () => {
      await model.clear();
      const rows = Array.from({ length: 25 }, (_, i) =>
        rowOf(
          project(i + 1, {
            tasks: [
              {
                ...step('weishan', i % 5 === 0 ? 'contractFiling' : 'techReview', i % 5 === 0 ? 'applicant' : 'bigdata'),
                dueAt: new Date(Date.parse('2026-03-09T16:00:00Z') + i * 86_400_000).toISOString(),
              },
            ],
            history: [{ ...entry(1, 'submitted'), data: { proposal: { ref: `微大数据〔2026〕${i + 1}号` } } }],
          }),
        ),
      );
      await model.write(rows);
      const first = await model.tasks({ scope: { jurisdiction: 'weishan' }, department: 'bigdata', sort: 'due', limit: 8 });
      expect(first.total).toBe(20);
      expect(first.rows.map((r) => r.project.title)).toEqual(['项目002', '项目003', '项目004', '项目005', '项目007', '项目008', '项目009', '项目010']);
      const seen = [...first.rows];
      for (let next = first.next; next;) {
        const page = await model.tasks({ scope: { jurisdiction: 'weishan' }, department: 'bigdata', sort: 'due', limit: 8, after: next });
        seen.push(...page.rows);
        next = page.next;
      }
      expect(seen).toHaveLength(20);
      expect(new Set(seen.map((r) => r.project.projectId)).size).toBe(20);
      // NOW is 03-10 10:00 Beijing: 项目001, due 03-09 24:00, is overdue, and awaits its unit, not 大数据局.
      const overdue = await model.tasks({
        scope: { jurisdiction: 'weishan' },
        department: 'applicant',
        unit: '县教育局',
        due: due('overdue'),
        sort: 'due',
        limit: 50,
      });
      expect(overdue.rows.map((r) => r.project.title)).toEqual(['项目001']);
      const soon = await model.tasks({ scope: { jurisdiction: 'weishan' }, department: 'bigdata', due: due('soon'), sort: 'due', limit: 50 });
      expect(soon.rows.map((r) => r.project.title)).toEqual(['项目002', '项目003', '项目004', '项目005']);
      const byRef = await model.tasks({ scope: { jurisdiction: 'weishan' }, department: 'bigdata', q: '〔2026〕17号', sort: 'due', limit: 50 });
      expect(byRef.rows.map((r) => r.project.title)).toEqual(['项目017']);
    });

    it('treats a search as text, never as SQL, and refuses a forged cursor', async () => {
      const none = await model.projects({ scope: { jurisdiction: 'weishan' }, q: "x' or 1=1 --", sort: 'due', limit: 5 });
      expect(none.total).toBe(0);
      const pct = await model.projects({ scope: { jurisdiction: 'weishan' }, q: '%', sort: 'due', limit: 5 });
      expect(pct.total).toBe(0);
      await expect(model.projects({ scope: { jurisdiction: 'weishan' }, sort: 'due', limit: 5, after: 'bm9wZQ' })).rejects.toBeInstanceOf(BadCursor);
      const byTitle = await model.projects({ scope: { jurisdiction: 'weishan', of: { applicantUnit: '县卫健局' } }, sort: 'project', limit: 50 });
      expect(byTitle.rows.every((r) => r.applicantUnit === '县卫健局')).toBe(true);
      expect(byTitle.total).toBe(12);
    });

    it('counts and sums the projects in scope by status, unit, year and class, with overdue, escalated and sanctions now', async () => {
      await model.clear();
      const budget = (yuan: number) => ({ fen: yuan * 100 });
      const rows = [
        project(1, {
          applicantUnit: '县教育局',
          status: 'under_review',
          application: { title: 'a', applicantUnit: '县教育局', totalBudget: budget(1_000_000), planYear: 2025 },
        }),
        project(2, {
          applicantUnit: '县教育局',
          status: 'in_construction',
          application: { title: 'b', applicantUnit: '县教育局', totalBudget: budget(2_500_000), planYear: 2026 },
          tasks: [{ ...step('weishan', 'contractFiling', 'applicant'), dueAt: '2026-03-01T16:00:00.000Z', overdue: true, escalationLevel: 1 }],
          sanction: { level: 'funds_withheld', label: '未备案，暂不拨付后续资金' },
        }),
        project(3, {
          applicantUnit: '县卫健局',
          status: 'in_construction',
          application: { title: 'c', applicantUnit: '县卫健局', totalBudget: budget(400_000), planYear: 2026 },
          tasks: [{ ...step('weishan', 'techReview', 'bigdata'), dueAt: '2026-03-20T16:00:00.000Z' }],
        }),
        project(4, {
          applicantUnit: '县卫健局',
          status: 'under_review',
          application: { title: 'd', applicantUnit: '县卫健局', totalBudget: budget(300_000), planYear: 2026 },
        }),
        projectView({ projectId: 'xichuan-2026-0001', jurisdiction: 'xichuan', applicantUnit: '县教育局', title: '另一辖区' }),
      ].map((v) => rowOf(v));
      await model.write(rows);
      const all = await model.statistics({ scope: { jurisdiction: 'weishan' }, now: NOW });
      expect(all.total).toEqual({ key: '', count: 4, requestedFen: 420_000_000, approvedFen: 290_000_000 });
      expect(all.byStatus).toEqual([
        { key: 'in_construction', count: 2, requestedFen: 290_000_000, approvedFen: 290_000_000 },
        { key: 'under_review', count: 2, requestedFen: 130_000_000, approvedFen: 0 },
      ]);
      expect(all.byUnit.map((b) => [b.key, b.count, b.requestedFen])).toEqual([
        ['县卫健局', 2, 70_000_000],
        ['县教育局', 2, 350_000_000],
      ]);
      expect(all.byYear.map((b) => [b.key, b.count])).toEqual([
        ['2025', 1],
        ['2026', 3],
      ]);
      expect([all.overdue, all.escalated, all.sanctions]).toEqual([1, 1, [{ key: 'funds_withheld', count: 1 }]]);
      // One year only; and a department sees the figures of what its lists hold.
      expect((await model.statistics({ scope: { jurisdiction: 'weishan' }, planYear: 2025, now: NOW })).total.count).toBe(1);
      const bigData = await model.statistics({ scope: { jurisdiction: 'weishan', of: { department: 'bigdata' } }, now: NOW });
      expect([bigData.total.count, bigData.total.requestedFen, bigData.overdue]).toEqual([1, 40_000_000, 0]);
      // An empty scope counts nothing and says so.
      expect((await model.statistics({ scope: { jurisdiction: 'jingle' }, now: NOW })).total).toEqual({ key: '', count: 0, requestedFen: 0, approvedFen: 0 });
    });

    it('after a rebuild removes rows of projects it did not see, but never one written while it ran', async () => {
      await model.clear();
      await model.write([rowOf(project(901, { historyTotal: 1 }))]);
      const started = await model.clock();
      // Started while the rebuild listed Temporal: not in its listing, written after it began.
      await new Promise((r) => setTimeout(r, 5));
      await model.write([rowOf(project(902, { historyTotal: 1 }))]);
      expect(await model.retain([], started)).toBe(1);
      const left = await model.projects({ scope: { jurisdiction: 'weishan' }, sort: 'project', limit: 10 });
      expect(left.rows.map((r) => r.title)).toEqual(['项目902']);
    });
  });
}
