/**
 * The list pages over the read model (issue 23), in process over a fake project service and a real
 * PGlite: keyset pages, search by 文号 and title, the year filter, the count beside 待办, exports as
 * CSV and XLSX in Beijing time, and clear 400s for malformed filters.
 */
import ExcelJS from 'exceljs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { entry, FakeProjects, projectView, signedIn, step } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';

const { identities, bearer } = testIdentities();
const projects = new FakeProjects();
const app = testApp({ projects, identities, now: () => new Date('2026-03-10T02:00:00Z') });
const session = (userId: string) => signedIn(app, bearer(userId).slice('Bearer '.length), userId);

// 60 微山 projects awaiting 县大数据局, due one day after another; every third one from 2025.
const ids = Array.from({ length: 60 }, (_, i) => {
  const n = String(i + 1).padStart(3, '0');
  return projects.add(
    projectView({
      projectId: `weishan-20260302-0000b${n}`,
      jurisdiction: 'weishan',
      applicantUnit: i % 2 ? '微山县教育和体育局' : '微山县卫生健康局',
      title: `智慧项目${n}`,
      application: { title: `智慧项目${n}`, applicantUnit: 'x', totalBudget: { fen: 123_456_78 + i }, ...(i % 3 === 0 ? { planYear: 2025 } : {}) },
      submittedAt: i % 3 === 0 ? '2025-11-02T00:00:00.000Z' : '2026-03-02T00:00:00.000Z',
      tasks: [{ ...step('weishan', 'requirementsReview', 'bigData'), dueAt: new Date(Date.parse('2026-03-10T16:00:00Z') + i * 86_400_000).toISOString() }],
    }),
    [{ ...entry(1, 'submitted', 'applicant'), data: { proposal: { ref: `微大数据字〔2026〕${i + 1}号` } } }],
  ).projectId;
});

const rowsOf = (html: string) => [...html.matchAll(/<tr class="light-row-[a-z]+" data-project="([^"]+)"/g)].map((m) => m[1]);

describe('lists from the read model', () => {
  it('pages 待办 by keyset, 50 at a time, with the count in the navigation', async () => {
    const { agent } = await session('weishan.bigdata');
    const first = await agent.get('/tasks');
    expect(first.status).toBe(200);
    expect(first.text).toContain('共 60 项待办，本页 50 项');
    expect(first.text).toMatch(/id="task-count-nav"[^>]*>60</);
    expect(rowsOf(first.text)).toEqual(ids.slice(0, 50));
    const next = /href="(\/tasks\?after=[^"]+)" rel="next"/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const second = await agent.get(next!);
    expect(rowsOf(second.text)).toEqual(ids.slice(50));
    expect(second.text).toContain('已是最后一页');
  });

  it('searches by 文号, title, unit or id, and filters by year', async () => {
    const { agent } = await session('weishan.bigdata');
    expect(rowsOf((await agent.get('/tasks').query({ q: '〔2026〕17号' })).text)).toEqual([ids[16]]);
    expect(rowsOf((await agent.get('/tasks').query({ q: '智慧项目04' })).text)).toHaveLength(10);
    expect(rowsOf((await agent.get('/tasks').query({ q: ids[5]! })).text)).toEqual([ids[5]]);
    expect(rowsOf((await agent.get('/tasks').query({ q: "'; drop table read_projects; --" })).text)).toEqual([]);
    const y2025 = await agent.get('/projects').query({ year: '2025' });
    expect(y2025.text).toContain('共 20 个项目');
    // The search above did nothing to the store: every project is still listed.
    expect((await agent.get('/tasks')).text).toContain('共 60 项待办');
  });

  it('answers a malformed filter with 400 naming the parameter', async () => {
    const { agent } = await session('weishan.bigdata');
    const year = await agent.get('/tasks').query({ year: '20x5' });
    expect(year.status).toBe(400);
    expect(year.text).toContain('<strong>年度：</strong>');
    const after = await agent.get('/tasks').query({ after: 'not a cursor!' });
    expect(after.status).toBe(400);
    expect(after.text).toContain('分页标记无效');
    const forged = await agent.get('/tasks').query({ after: Buffer.from('["due","x"]').toString('base64url') });
    expect(forged.status).toBe(400);
    const api = await request(app).get('/v1/projects').query({ year: 'soon' }).set('Authorization', bearer('weishan.bigdata'));
    expect([api.status, api.body.error.issues[0].field]).toEqual([400, 'query.year']);
  });

  it('exports the whole filtered list as CSV and Excel, with Beijing times and amounts in 元', async () => {
    const { agent } = await session('weishan.bigdata');
    const csv = await agent.get('/export/tasks').query({ format: 'csv', q: '智慧项目00' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('.csv');
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toContain('项目编号,项目名称,申报单位');
    // 智慧项目001 … 009: nine rows, and the header.
    expect(lines).toHaveLength(10);
    expect(lines[1]).toContain(ids[0]);
    expect(lines[1]).toContain('123456.78');
    expect(lines[1]).toContain('2026-03-11T00:00:00.000+08:00');

    const xlsx = await agent
      .get('/export/projects')
      .query({ format: 'xlsx' })
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.rowCount).toBe(61);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const amount = header.indexOf('申报金额（元）') + 1;
    expect(sheet.getRow(2).getCell(amount).value).toBe(123456.78);
    const bad = await agent.get('/export/tasks').query({ format: 'pdf' });
    expect([bad.status, bad.text.includes('导出格式应为 csv 或 xlsx')]).toEqual([400, true]);
  });

  it('counts the projects of the lists on 统计, each figure a link to the list behind it, and answers the same as JSON', async () => {
    const { agent } = await session('weishan.supervisor');
    const page = await agent.get('/statistics');
    expect(page.status).toBe(200);
    // 60 projects of 123,456.78 元 and a few 分 more each.
    expect(page.text).toMatch(/<dt>项目<\/dt><dd><a href="\/projects">60<\/a> 个/);
    expect(page.text).toContain('<svg role="group" aria-label="按年度：2025 年度 20 个，2026 年度 40 个"');
    const link = (figure: string) => new RegExp(`<a href="([^"]+)" data-figure="${figure}">`).exec(page.text)?.[1]?.replaceAll('&amp;', '&');
    const byYear = await agent.get(link('2025 年度')!);
    expect(byYear.text).toContain('共 20 个项目');
    const byUnit = await agent.get(link('微山县卫生健康局')!);
    expect(byUnit.text).toContain('共 30 个项目');
    expect(byUnit.text).toContain(ids[0]);
    expect(byUnit.text).not.toContain(ids[1]);
    // One year only, as the form asks.
    expect((await agent.get('/statistics').query({ year: '2025' })).text).toMatch(/<dt>项目<\/dt><dd><a href="\/projects\?year=2025">20<\/a> 个/);

    const api = await request(app).get('/v1/statistics').set('Authorization', bearer('weishan.supervisor'));
    expect(api.status).toBe(200);
    expect(api.body.total.count).toBe(60);
    expect(api.body.byUnit.map((b: { key: string; count: number }) => [b.key, b.count])).toEqual([
      ['微山县卫生健康局', 30],
      ['微山县教育和体育局', 30],
    ]);
    expect(api.body.total.requestedFen).toBe(Array.from({ length: 60 }, (_, i) => 123_456_78 + i).reduce((a, b) => a + b, 0));
    const bad = await request(app).get('/v1/statistics').query({ year: 'next' }).set('Authorization', bearer('weishan.supervisor'));
    expect([bad.status, bad.body.error.issues[0].field]).toEqual([400, 'query.year']);
    // An applying unit has its own lists, not 统计.
    const applicant = await session('weishan.fixture-applicant');
    expect((await applicant.agent.get('/statistics')).status).toBe(403);
  });

  it('holds every project in 项目库 with year and amounts, the totals of all its pages, its filters kept, and exports it', async () => {
    const { agent } = await session('weishan.bigdata');
    const page = await agent.get('/library').query({ year: '2026', unit: '微山县教育和体育局' });
    expect(page.status).toBe(200);
    // Odd ones are 教育和体育局's, every third one is of 2025: 20 of 2026.
    const expected = ids.filter((_, i) => i % 2 === 1 && i % 3 !== 0);
    expect(page.text).toContain(`共 ${expected.length} 个项目，本页 ${expected.length} 个`);
    const sum = expected.reduce((a, id) => a + 123_456_78 + ids.indexOf(id), 0);
    expect(page.text).toMatch(/<div><dt>项目<\/dt><dd>20 个<\/dd><\/div><div><dt>申报金额<\/dt><dd>([^<]+)<\/dd>/);
    expect(/<dt>申报金额<\/dt><dd>([^<]+)<\/dd>/.exec(page.text)?.[1]).toBe(
      `${(sum / 100 / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`,
    );
    // The unit chosen from 统计 stays when the form is sent again.
    expect(page.text).toContain('<input type="hidden" name="unit" value="微山县教育和体育局"/>');
    expect(page.text).toContain('申报单位：微山县教育和体育局');
    const csv = await agent.get('/export/library').query({ format: 'csv', year: '2026', unit: '微山县教育和体育局' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toContain('.csv');
    expect(
      csv.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n'),
    ).toHaveLength(expected.length + 1);
    const applicant = await session('weishan.fixture-applicant');
    expect((await applicant.agent.get('/library')).status).toBe(403);
    expect((await applicant.agent.get('/export/library')).status).toBe(403);
  });
});
