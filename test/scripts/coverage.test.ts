import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageNotes } from '../../machines/coverage.js';
import { chineseNumber, citedArticles } from '../../machines/shared/articles.js';
import { coverage, intakeRefusals, parseSources, type CoverageProblems } from '../../scripts/coverage.js';

/** An intake source citing articles in every place a line scan would count and a parser must not. */
const tricky = `
// 第一条 in a line comment
/** 第二条 in a doc comment */
export const labels = { urgent: '突发性项目（第三条）', cited: { title: '标签', article: '第十三条' } };
const url = 'http://example.org/第四条'; /* 第五条 after a string holding // */
const re = /第六条'/g;
const text = \`/* 第七条 inside a template */\`;
export const check = (a: { x: boolean; key: string }, item: string, ctx: { addIssue(i: unknown): void }) => {
  if (a.x) ctx.addIssue(articleIssue(['x'], '消息（第八条）', '微山 第九条'));
  ctx.addIssue(articleIssue(['conditions', a.key], \`消息\${item}\`, \`昆都仑 第十条第\${item}项\`)); // 第十一条
  if (a.x) ctx.addIssue(articleIssue(['y'], '消息（第十四条）', art(15)));
  ctx.addIssue(articleIssue(['list', a.key], '消息', art(16, Number(item)))); // 第十七条
  return [
    { field: 'application.planYear', rule: 'regulation', article: '淅川 第十二条', message: '逾期' },
    { field: 'application.plannedOn', rule: 'regulation', article: art([18, 19]).format(), message: '逾期' },
    { title: '标签', article: art(20) },
  ];
};
declare function articleIssue(path: unknown[], message: string, article: unknown): unknown;
declare function art(article: number | number[], item?: number): { format(): string };
`;

describe('article coverage', () => {
  let report: { markdown: string } & CoverageProblems;
  let dir: string;
  beforeAll(() => {
    report = coverage();
    dir = mkdtempSync(path.join(tmpdir(), 'coverage-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads article numbers as the texts write them', () => {
    expect([chineseNumber('十'), chineseNumber('十六'), chineseNumber('二十七'), chineseNumber('四十')]).toEqual([10, 16, 27, 40]);
    expect(citedArticles('（第三十三、三十四条）和 昆都仑 第十条第（三）项')).toEqual([33, 34, 10]);
  });

  it('counts only the articles intake refusals cite, named by the field they refuse; never comments or labels', () => {
    const file = path.join(dir, 'application.ts');
    writeFileSync(file, tricky);
    const source = parseSources([file]).get(file)!;
    expect(intakeRefusals(source, 'application')).toEqual([
      { where: 'application.x', articles: [9] },
      { where: 'application.conditions.*', articles: [10] },
      { where: 'application.y', articles: [15] },
      { where: 'application.list.*', articles: [16] },
      { where: 'application.planYear', articles: [12] },
      { where: 'application.plannedOn', articles: [18, 19] },
    ]);
  });

  it('leaves no article without an implementation or a stated reason, none with both, and cites none a text lacks', () => {
    expect({ missing: report.missing, contradicted: report.contradicted, unknown: report.unknown }).toEqual({ missing: [], contradicted: [], unknown: [] });
  });

  it('does not take the doc comment in departments.ts for an implementation of 微山 第四条', () => {
    const { 4: _dutiesReason, ...reasons } = coverageNotes.weishan!.reasons;
    const withoutReason = { ...coverageNotes, weishan: { ...coverageNotes.weishan!, reasons } };
    expect(coverage(withoutReason).missing).toEqual(['微山县 第4条']);
  });

  it('cites the article that sets a regulation’s dates as their implementation', () => {
    expect(report.markdown).toContain('| 42 | regulation.validFrom<br>regulation.validUntil |  |');
  });
});
