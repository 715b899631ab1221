import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chinaDate } from '../../machines/shared/events.js';
import { jurisdictionIds } from '../../machines/index.js';
import { fixtures } from '../fixtures/index.js';
import {
  chinaContext,
  chromiumPath,
  launchBrowser,
  pageAs,
  screenshot,
  seriousViolations,
  startWebStack,
  submitAction,
  type WebStack,
} from '../helpers/browser.js';

// The reviewers' workspace (issue 11) in Debian's Chromium against a real dev server.
describe.skipIf(!chromiumPath)('the workspace in a browser', () => {
  let web: WebStack;
  let browser: Browser;
  const DAY = 86_400_000;
  const today = () => chinaDate(Date.now());
  const inDays = (n: number) => chinaDate(Date.now() + n * DAY);
  let projectUrl = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  const as = (userId: string, width?: number) => pageAs(browser, web, userId, width);

  const act = submitAction;

  it('takes an application through review: errors beside their fields, a return with an opinion, a revision, approvals with payloads', async () => {
    const applicant = await as('weishan.applicant');
    await applicant.goto(`${web.baseUrl}/apply`);
    await applicant.getByRole('link', { name: '微山县', exact: true }).click();
    await applicant.getByLabel('项目名称').fill('微山县“一网通办”政务服务平台升级');
    await applicant.getByLabel('项目总预算（元）').fill('1000000');
    await applicant.getByLabel('计划建成日期').fill(inDays(300));
    await applicant.getByRole('button', { name: '提交申报' }).click();
    // 第八条: without the party committee's resolution the application is refused, beside that field, with the article.
    const refusal = applicant.locator('fieldset:has(legend:text("党委（党组）会议集体研究")) .field-errors');
    await expect(refusal.textContent()).resolves.toContain('微山 第八条');
    await expect(applicant.getByLabel('项目名称').inputValue()).resolves.toBe('微山县“一网通办”政务服务平台升级');
    await screenshot(applicant, 'apply-refused');
    await applicant.getByLabel('会议日期').fill(inDays(-20));
    await applicant.getByLabel('会议纪要文号').fill('微示例党组〔2026〕7号');
    await applicant.getByRole('button', { name: '提交申报' }).click();
    await applicant.waitForURL(/\/projects\/weishan-/);
    projectUrl = applicant.url();
    await expect(applicant.locator('h1').textContent()).resolves.toBe('微山县“一网通办”政务服务平台升级');
    await expect(applicant.locator('.status').first().textContent()).resolves.toBe('评审中');
    await expect(applicant.locator('#task-requirementsReview').textContent()).resolves.toContain('需求评审');
    // The applicant sees the step but has no form for 县大数据局's action.
    await expect(applicant.locator('form[action$="/tasks/requirementsReview/approve"]').count()).resolves.toBe(0);

    const bigData = await as('weishan.bigdata');
    await bigData.goto(`${web.baseUrl}/tasks`);
    const row = bigData.locator(`tr[data-project="${projectUrl.split('/').pop()}"]`);
    await expect(row.textContent()).resolves.toContain('需求评审');
    await expect(row.textContent()).resolves.toContain('第六条');
    await expect(row.locator('.light').textContent()).resolves.toMatch(/正常|即将到期/);
    await screenshot(bigData, 'tasks');
    await row.getByRole('link').click();
    await act(bigData, 'requirementsReview', 'return', (form) => form.getByLabel('办理意见').fill('建设依据不充分，请补充上级文件依据和业务需求分析'));
    await expect(bigData.locator('.flash').textContent()).resolves.toContain('已办理：需求评审 · 退回修改');
    await expect(bigData.locator('.timeline').textContent()).resolves.toContain('意见：建设依据不充分');

    await applicant.goto(`${web.baseUrl}/tasks`);
    await expect(applicant.locator('#task-table').textContent()).resolves.toContain('修改需求材料');
    await applicant.goto(projectUrl);
    await expect(applicant.locator('.status').first().textContent()).resolves.toBe('退回修改');
    await act(applicant, 'requirementsRevision', 'submit', async (form) => {
      await form.getByLabel('文号或文件编号').fill('需求分析报告（修订稿）');
    });
    await expect(applicant.locator('.status').first().textContent()).resolves.toBe('评审中');

    await bigData.goto(projectUrl);
    await act(bigData, 'requirementsReview', 'approve', (form) => form.getByLabel('办理意见').fill('必要性充分'));
    await expect(bigData.locator('.status').first().textContent()).resolves.toBe('待提交材料');

    // 第三十六条: network security at least 5% of the budget; the refusal names the field and the article.
    await applicant.goto(projectUrl);
    await act(applicant, 'technicalMaterials', 'submit', async (form) => {
      for (const [group, ref] of [
        ['建设方案', '建设方案-2026-11'],
        ['密码应用方案', '密码应用方案-2026-11'],
        ['产品安全可靠情况说明', '安全可靠说明-2026-11'],
      ] as const) {
        await form.locator(`fieldset:has(legend:text("${group}"))`).getByLabel('文号或文件编号').fill(ref);
      }
      await form.getByLabel('网络安全预算（元）').fill('10000');
    });
    const formError = applicant.locator('form[action$="/tasks/technicalMaterials/submit"] [role=alert]');
    await expect(formError.allTextContents().then((t) => t.join(' '))).resolves.toContain('第三十六条');
    await screenshot(applicant, 'project-refused-payload');
    await act(applicant, 'technicalMaterials', 'submit', (form) => form.getByLabel('网络安全预算（元）').fill('50000'));
    await expect(applicant.locator('.status').first().textContent()).resolves.toBe('评审中');

    await bigData.goto(projectUrl);
    await act(bigData, 'technicalReview', 'approve');
    await expect(bigData.locator('.status').first().textContent()).resolves.toBe('预算安排中');
    // 县大数据局 now sees 县财政局's step without a form for it.
    await expect(bigData.locator('section:has(#task-budget)').textContent()).resolves.toContain('由县财政局办理');
    await expect(bigData.locator('form[action$="/tasks/budget/approve"]').count()).resolves.toBe(0);

    const finance = await as('weishan.finance');
    await finance.goto(projectUrl);
    await act(finance, 'budget', 'approve', async (form) => {
      await form.getByLabel('金额（元）').fill('1000000');
      await form.getByLabel('批复文号').fill('微财预〔2026〕88号');
    });
    await expect(finance.locator('.status').first().textContent()).resolves.toBe('责任书备案中');
    const audit = await (await finance.request.get(`${projectUrl}/audit.csv`)).text();
    expect(audit).toContain('微财预〔2026〕88号'.length ? 'budget' : '');
    expect(audit).toContain('建设依据不充分');

    // The drawing marks the way the project went.
    await applicant.goto(projectUrl);
    await expect(applicant.locator('svg.chart a.state.is-active[data-state="weishan.project.lifecycle.responsibilityFiling"]').count()).resolves.toBe(1);
    await expect(applicant.locator('svg.chart a.state.is-visited[data-state="weishan.requirementsReview"]').count()).resolves.toBe(1);
    await expect(applicant.locator('svg.chart g.transition.is-taken[data-event="requirementsReview.return"]').count()).resolves.toBe(1);
    await screenshot(applicant, 'project');
    for (const p of [applicant, bigData, finance]) await p.context().close();
  });

  it('lets a supervisor find an overdue project and send 催办, recorded with who sent it', async () => {
    expect(projectUrl).not.toBe('');
    const id = projectUrl.split('/').pop()!;
    // Thirty days on, the responsibility filing's service level (10 working days) has passed.
    web.setOffset(30 * DAY);
    try {
      const supervisor = await as('weishan.supervisor');
      // A saved view: the filter kept on the server under a name, a link on the page from then on.
      await supervisor.goto(`${web.baseUrl}/supervise?due=overdue`);
      await supervisor.getByLabel('将当前筛选保存为').fill('超期项目');
      await Promise.all([supervisor.waitForEvent('load'), supervisor.getByRole('button', { name: '保存视图' }).click()]);
      await supervisor.goto(`${web.baseUrl}/supervise`);
      await expect(supervisor.getByRole('link', { name: '超期项目' }).getAttribute('href')).resolves.toBe('/supervise?due=overdue');
      const row = supervisor.locator(`#project-table tr[data-project="${id}"]`).first();
      await expect(row.locator('.light-red').count()).resolves.toBeGreaterThan(0);
      // Bulk selection lives in the page's store: the button says how many.
      await row.locator('input[data-select]').check();
      await expect(supervisor.locator('[data-selection-count]').textContent()).resolves.toBe('已选 1 个项目');
      await screenshot(supervisor, 'supervise');
      await Promise.all([supervisor.waitForEvent('load'), row.getByRole('button', { name: /催办/ }).click()]);
      await expect(supervisor.locator('.flash').textContent()).resolves.toContain('已催办项目建设单位');
      await supervisor.goto(projectUrl);
      const reminder = supervisor.locator('.timeline .entry.kind-reminder').first();
      await expect(reminder.textContent()).resolves.toContain('县大数据局督办人');
      await expect(reminder.textContent()).resolves.toContain('《项目建设主体责任书》备案');
      await supervisor.context().close();
    } finally {
      web.setOffset(0);
    }
  });

  it('counts the projects on 统计 and opens the list behind a bar; 项目库 totals them with their amounts', async () => {
    expect(projectUrl).not.toBe('');
    const id = projectUrl.split('/').pop()!;
    const supervisor = await as('weishan.supervisor');
    await supervisor.goto(`${web.baseUrl}/statistics`);
    await expect(supervisor.locator('#stat-totals').textContent()).resolves.toMatch(/项目\d+ 个/);
    const unitBars = supervisor.locator('#by-unit svg a');
    await expect(unitBars.count()).resolves.toBeGreaterThan(0);
    await screenshot(supervisor, 'statistics');
    // The bar of the applying unit of the project this file took through review: its list holds the project.
    const applicantUnit = (await supervisor.goto(projectUrl), await supervisor.locator('body').textContent()) ?? '';
    await supervisor.goto(`${web.baseUrl}/statistics`);
    const figures = await unitBars.evaluateAll((as) => as.map((a) => a.getAttribute('data-figure') ?? ''));
    const unit = unitBars.nth(figures.findIndex((f) => f && applicantUnit.includes(f)));
    await Promise.all([supervisor.waitForURL(/\/projects\?unit=/), unit.click()]);
    await expect(supervisor.locator(`tr[data-project="${id}"]`).count()).resolves.toBeGreaterThan(0);
    await supervisor.goto(`${web.baseUrl}/library`);
    await expect(supervisor.locator(`table.library tr[data-project="${id}"]`).textContent()).resolves.toContain('1,000,000.00 元');
    await screenshot(supervisor, 'library');
    await supervisor.context().close();
  });

  it('keeps a department out of another department’s projects and actions', async () => {
    const res = await fetch(`${web.baseUrl}/v1/projects`, {
      method: 'POST',
      headers: { authorization: web.bearer('weishan.fixture-applicant'), 'content-type': 'application/json' },
      body: JSON.stringify({
        jurisdiction: 'weishan',
        application: {
          title: '微山县智慧档案系统',
          applicantUnit: '微山县人力资源和社会保障局',
          totalBudget: 800000,
          plannedCompletionOn: inDays(200),
          partyCommitteeResolution: { meetingDate: today(), minutesRef: '纪要〔2026〕9号' },
        },
      }),
    });
    const { projectId } = (await res.json()) as { projectId: string };
    const finance = await as('weishan.finance');
    const page = await finance.goto(`${web.baseUrl}/projects/${projectId}`);
    expect(page?.status()).toBe(403);
    await expect(finance.locator('[role=alert]').textContent()).resolves.toContain('无权查看');
    // A hand-made form post with a valid CSRF token is refused as the API refuses it, before any command (server/access.ts).
    const csrfToken = await finance.locator('input[name=_csrf]').first().inputValue();
    const posted = await finance.request.post(`${web.baseUrl}/projects/${projectId}/tasks/requirementsReview/approve`, {
      form: { _csrf: csrfToken, requestId: 'web-forged-0001' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(403);
    expect(await posted.text()).toContain('无权查看');
    const bigData = await as('weishan.bigdata');
    await bigData.goto(`${web.baseUrl}/projects/${projectId}`);
    await expect(bigData.locator('.timeline').textContent()).resolves.not.toContain('通过');
    await finance.context().close();
    await bigData.context().close();
  });

  it('asks for an opinion before a return, even from a page without the browser’s own check', async () => {
    const bigData = await as('weishan.bigdata');
    await bigData.goto(`${web.baseUrl}/tasks`);
    const link = bigData.locator('#task-table tbody tr a').first();
    const href = (await link.getAttribute('href'))!;
    await bigData.goto(`${web.baseUrl}${href}`);
    const csrfToken = await bigData.locator('input[name=_csrf]').first().inputValue();
    const res = await bigData.request.post(`${web.baseUrl}${href}/tasks/requirementsReview/return`, {
      form: { _csrf: csrfToken, requestId: 'web-no-opinion-01', comment: '  ' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain('退回修改时应填写办理意见');
    await bigData.goto(`${web.baseUrl}${href}`);
    await expect(bigData.locator('.timeline').textContent()).resolves.not.toContain('退回修改');
    await bigData.context().close();
  });

  it('pushes new tasks to an open task list without a reload', async () => {
    const bigData = await as('weishan.bigdata');
    await bigData.goto(`${web.baseUrl}/tasks`);
    const before = await bigData.locator('#task-table tbody tr').count();
    await fetch(`${web.baseUrl}/v1/projects`, {
      method: 'POST',
      headers: { authorization: web.bearer('weishan.fixture-applicant'), 'content-type': 'application/json' },
      body: JSON.stringify({
        jurisdiction: 'weishan',
        application: {
          title: '微山县社保卡一卡通应用',
          applicantUnit: '微山县人力资源和社会保障局',
          totalBudget: 600000,
          plannedCompletionOn: inDays(200),
          partyCommitteeResolution: { meetingDate: today(), minutesRef: '纪要〔2026〕10号' },
        },
      }),
    });
    await bigData.waitForFunction((n) => document.querySelectorAll('#task-table tbody tr').length > n, before, { timeout: 20_000 });
    await expect(bigData.locator('#task-table').textContent()).resolves.toContain('微山县社保卡一卡通应用');
    await expect(bigData.locator('#live').textContent()).resolves.toContain('待办已更新');
    await bigData.context().close();
  });

  it('works by keyboard alone: sign in, open a task, approve it', async () => {
    const context = await chinaContext(browser);
    const page = await context.newPage();
    await page.goto(`${web.baseUrl}/signin`);
    const tabTo = async (matches: string, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, matches)) return;
      }
      throw new Error(`never reached ${matches} by Tab`);
    };
    await tabTo('#account');
    await page.keyboard.type('weishan.bigdata');
    await page.keyboard.press('Tab');
    await page.keyboard.type(web.token('weishan.bigdata'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/tasks/);
    await tabTo('#task-table a[href^="/projects/"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/projects\//);
    await tabTo('form[action$="/tasks/requirementsReview/approve"] button[type=submit]');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('已办理：需求评审 · 通过');
    await context.close();
  });

  it('draws 莱州’s joint review with each department’s region active, and the chart unmarked with its Stately export', async () => {
    // 莱州's trial regulation applied from 2022-09-29 to 2024-09-28: apply on a day inside it.
    web.setNow(new Date('2024-06-03T02:00:00Z'));
    let projectId: string;
    try {
      const res = await fetch(`${web.baseUrl}/v1/projects`, {
        method: 'POST',
        headers: { authorization: web.bearer('laizhou.fixture-applicant'), 'content-type': 'application/json' },
        body: JSON.stringify({ jurisdiction: 'laizhou', application: fixtures.laizhou!.variants[1] }),
      });
      expect(res.status).toBe(201);
      projectId = ((await res.json()) as { projectId: string }).projectId;
    } finally {
      web.setNow(undefined);
    }
    const page = await as('laizhou.bigdata', 1440);
    await page.goto(`${web.baseUrl}/projects/${projectId}`);
    const active = page.locator('svg.chart a.state.is-active');
    await expect(active.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).resolves.toEqual([
      'laizhou.publicService.review.bigData.pending',
      'laizhou.publicService.review.finance.pending',
      'laizhou.publicService.review.ndrc.pending',
    ]);
    // Three departments, three task cards; this reviewer has a form only for its own.
    await expect(page.locator('.task-card').count()).resolves.toBe(3);
    await expect(
      page.locator('.task-card form[action*="/tasks/"]').evaluateAll((fs) => [...new Set(fs.map((f) => f.getAttribute('action')!.split('/').slice(-2)[0]))]),
    ).resolves.toEqual(['bigDataReview']);
    // Selecting a state shows its article's text.
    await page.locator('svg.chart a.state[data-state="laizhou.publicService.review.finance.pending"]').click();
    await expect(page.locator('#article-panel').textContent()).resolves.toContain('按照项目分类履行审批程序');
    await screenshot(page, 'project-laizhou-joint-review');
    await page.goto(`${web.baseUrl}/charts/laizhou`);
    await expect(page.locator('svg.chart .is-active').count()).resolves.toBe(0);
    const exported = await page.request.get(`${web.baseUrl}${await page.getByRole('link', { name: '下载 Stately 格式' }).getAttribute('href')}`);
    expect(await exported.text()).toContain('createMachine(');
    await page.getByRole('button', { name: '缩放到页面宽度' }).click();
    await screenshot(page, 'chart-laizhou');
    await page.context().close();
  });

  it('has no serious accessibility violations on any page', async () => {
    const pages: Array<[string, string, string]> = [
      ['weishan.bigdata', '/tasks', 'tasks'],
      ['weishan.bigdata', '/done', 'done'],
      ['weishan.bigdata', projectUrl.replace(web.baseUrl, ''), 'project'],
      ['weishan.applicant', '/mine', 'mine'],
      ['weishan.applicant', '/apply/weishan', 'apply'],
      ['weishan.supervisor', '/supervise', 'supervise'],
      ['weishan.supervisor', '/projects', 'projects'],
      ['weishan.supervisor', '/charts/weishan', 'chart'],
      ['weishan.supervisor', '/statistics', 'statistics'],
      ['weishan.bigdata', '/library', 'library'],
      ['weishan.applicant', '/what-if', 'what-if'],
    ];
    const found: Record<string, unknown> = {};
    for (const [user, url, name] of pages) {
      const page = await as(user);
      await page.goto(`${web.baseUrl}${url}`);
      const v = await seriousViolations(page);
      if (v.length) found[name] = v;
      if (name === 'done') await expect(page.locator('#project-table').textContent()).resolves.toContain('技术评审 · 通过');
      if (['done', 'mine', 'projects', 'chart'].includes(name)) await screenshot(page, name);
      await page.context().close();
    }
    const context = await chinaContext(browser);
    const signin = await context.newPage();
    await signin.goto(`${web.baseUrl}/signin`);
    const v = await seriousViolations(signin);
    if (v.length) found.signin = v;
    await screenshot(signin, 'signin');
    await context.close();
    expect(found).toEqual({});
  });

  it('compares one application across the jurisdictions', async () => {
    const page = await as('weishan.applicant');
    await page.goto(`${web.baseUrl}/what-if`);
    await page.getByLabel('项目名称').fill('县级数据共享交换平台');
    await page.getByLabel('项目总预算（元）').fill('3000000');
    await page.locator('#whatif-application-plannedCompletionOn').fill(inDays(365));
    await page.getByText('微山县另需填写').click();
    await page.getByLabel('会议日期').fill(inDays(-10));
    await page.getByLabel('会议纪要文号').fill('党组〔2026〕12号');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '比较各辖区' }).click()]);
    const cards = page.locator('.compare article');
    await expect(cards.count()).resolves.toBe(jurisdictionIds.length);
    await expect(page.locator('#wi-weishan').textContent()).resolves.toContain('可受理');
    // 莱州's trial regulation ended on 2024-09-28: refused with its notice.
    await expect(page.locator('article:has(#wi-laizhou)').textContent()).resolves.toContain('2024-09-28');
    // 淅川 needs its own fields: its verdict names them in Chinese.
    await expect(page.locator('article:has(#wi-xichuan)').textContent()).resolves.toContain('建设年度');
    await screenshot(page, 'what-if');
    await page.context().close();
  });
});
