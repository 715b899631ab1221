import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { chinaDate } from '../../machines/shared/events.js';
import { leaves } from '../../server/case-file.js';
import { chromiumPath, launchBrowser, pageAs, screenshot, seriousViolations, startWebStack, submitAction, type WebStack } from '../helpers/browser.js';

// Issue 21, the case file: a reviewer reads the whole application and every version of what was sent, in Debian's Chromium on a real dev server.
describe.skipIf(!chromiumPath)('the case file in a browser', () => {
  let web: WebStack;
  let browser: Browser;
  const inDays = (n: number) => chinaDate(Date.now() + n * 86_400_000);

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  const as = (userId: string) => pageAs(browser, web, userId);

  const act = submitAction;

  const doc = (form: Locator, legend: string) =>
    form.locator(`fieldset:has(> legend:text-is("${legend}")), fieldset:has(> legend:text-matches("^${legend}（"))`);

  it('shows a reviewer every field in 元 with its label, a return with its opinion, the form prefilled, and v1 beside v2 with what changed', async () => {
    const applicant = await as('weishan.applicant');
    await applicant.goto(`${web.baseUrl}/apply/weishan`);
    await applicant.getByLabel('项目名称').fill('微山县不动产登记“一窗受理”系统');
    await applicant.getByLabel('项目总预算（元）').fill('1299999.99');
    await applicant.getByLabel('计划建成日期').fill(inDays(300));
    await applicant.getByLabel('会议日期').fill(inDays(-20));
    await applicant.getByLabel('会议纪要文号').fill('微自然资党组〔2026〕9号');
    await applicant.getByRole('button', { name: '提交申报' }).click();
    await applicant.waitForURL(/\/projects\/weishan-/);
    const projectUrl = applicant.url();
    const id = projectUrl.split('/').pop()!;

    // 县大数据局 reads every field the applicant sent, each with its Chinese label, grouped with the article that asks for it.
    const bigData = await as('weishan.bigdata');
    await bigData.goto(projectUrl);
    const view = await (await bigData.request.get(`${web.baseUrl}/v1/projects/${id}`, { headers: { Authorization: web.bearer('weishan.bigdata') } })).json();
    const application = bigData.locator('section.case-application');
    const fields = leaves(view.application).map((l) => l.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['title', 'totalBudget', 'track', 'partyCommitteeResolution.minutesRef', 'plannedCompletionOn']));
    for (const field of fields) {
      await expect(application.locator(`dd[data-field="${field}"]`).count(), field).resolves.toBe(1);
      await expect(application.locator(`dt[data-field="${field}"]`).textContent(), field).resolves.toMatch(/[\u4e00-\u9fff]/);
    }
    await expect(application.locator('dd[data-field="totalBudget"]').textContent()).resolves.toBe('1,299,999.99 元');
    await expect(application.locator('dd[data-field="track"]').textContent()).resolves.toBe('常规项目（需求评审、技术评审，第六条）');
    await expect(application.locator('dd[data-field="partyCommitteeResolution.minutesRef"]').textContent()).resolves.toBe('微自然资党组〔2026〕9号');
    await expect(application.locator('.case-group h3').allTextContents()).resolves.toContain('党委（党组）会议集体研究（微山 第八条）');
    // The task card carries the whole application too, folded.
    const card = bigData.locator('section.task-card:has(#task-requirementsReview)');
    for (const field of fields) await expect(card.locator(`.case-application dd[data-field="${field}"]`).count(), field).resolves.toBe(1);
    await expect(seriousViolations(bigData)).resolves.toEqual([]);
    await screenshot(bigData, 'case-application');

    // A return with an opinion: the applicant finds it under 退回修改 in 我的申报, with the opinion.
    await act(bigData, 'requirementsReview', 'return', (form) => form.getByLabel('办理意见').fill('请补充上级文件依据和业务量测算'));
    await applicant.goto(`${web.baseUrl}/mine?status=returned`);
    const row = applicant.locator(`#project-table tr[data-project="${id}"]`);
    await expect(row.locator('.return-note').textContent()).resolves.toBe('退回意见：请补充上级文件依据和业务量测算');
    await screenshot(applicant, 'mine-returned');
    await row.getByRole('link').click();
    await expect(applicant.locator('section.task-card:has(#task-requirementsRevision) .return-opinion').textContent()).resolves.toContain(
      '请补充上级文件依据和业务量测算',
    );
    await act(applicant, 'requirementsRevision', 'submit', async (form) => {
      await form.getByLabel('文号或文件编号').fill('微自然资〔2026〕21号');
      await form.getByLabel('文件标题').fill('需求分析报告（修订稿）');
    });
    await bigData.goto(projectUrl);
    await expect(bigData.locator('section.task-card:has(#task-requirementsReview) .case-submitted').textContent()).resolves.toContain(
      '微自然资〔2026〕21号《需求分析报告（修订稿）》',
    );
    await act(bigData, 'requirementsReview', 'approve', (form) => form.getByLabel('办理意见').fill('必要性充分'));

    // v1 of the technical materials, amounts with 角分.
    await applicant.goto(projectUrl);
    await act(applicant, 'technicalMaterials', 'submit', async (form) => {
      for (const [legend, ref, title] of [
        ['建设方案', '微自然资〔2026〕30号', '建设方案'],
        ['密码应用方案', '微自然资〔2026〕31号', '密码应用方案'],
        ['产品安全可靠情况说明', '微自然资〔2026〕32号', '产品安全可靠情况说明'],
      ] as const) {
        await doc(form, legend).getByLabel('文号或文件编号').fill(ref);
        await doc(form, legend).getByLabel('文件标题').fill(title);
      }
      await form.getByLabel('网络安全预算（元）').fill('65000.50');
    });
    await bigData.goto(projectUrl);
    const review = bigData.locator('section.task-card:has(#task-technicalReview)');
    await expect(review.locator('.case-version[data-version="1"] dd[data-field="securityBudget"]').textContent()).resolves.toBe('65,000.50 元');
    await act(bigData, 'technicalReview', 'return', (form) =>
      form.getByLabel('办理意见').fill('密码应用方案应附密评机构意见，网络安全预算请按等保测评报价调整'),
    );

    // The applicant sees the opinion on the task card and the form as it was sent.
    await applicant.goto(projectUrl);
    const materials = applicant.locator('section.task-card:has(#task-technicalMaterials)');
    await expect(materials.locator('.return-opinion').textContent()).resolves.toContain('密码应用方案应附密评机构意见');
    // What was sent (v1) stays beside the opinion.
    await expect(materials.locator('.case-version[data-version="1"] dd[data-field="securityBudget"]').textContent()).resolves.toBe('65,000.50 元');
    const form = materials.locator('form[action$="/tasks/technicalMaterials/submit"]');
    await expect(form.locator('[data-prefilled]').count()).resolves.toBe(1);
    await expect(doc(form, '建设方案').getByLabel('文号或文件编号').inputValue()).resolves.toBe('微自然资〔2026〕30号');
    await expect(doc(form, '密码应用方案').getByLabel('文件标题').inputValue()).resolves.toBe('密码应用方案');
    await expect(form.getByLabel('网络安全预算（元）').inputValue()).resolves.toBe('65000.50');
    await screenshot(applicant, 'project-returned-prefilled');
    await act(applicant, 'technicalMaterials', 'submit', async (f) => {
      await doc(f, '密码应用方案').getByLabel('文号或文件编号').fill('微自然资〔2026〕35号');
      await doc(f, '密码应用方案').getByLabel('文件标题').fill('密码应用方案（附密评意见）');
      await f.getByLabel('网络安全预算（元）').fill('70000');
    });

    // The reviewer sees v2, v1 beside it, and exactly what changed since the return.
    await bigData.goto(projectUrl);
    await expect(review.locator('.return-opinion').textContent()).resolves.toContain('网络安全预算请按等保测评报价调整');
    await expect(review.locator('.case-version').evaluateAll((els) => els.map((e) => e.getAttribute('data-version')))).resolves.toEqual(['2', '1']);
    const changed = review.locator('table.case-changes tbody tr');
    await expect(changed.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-field')))).resolves.toEqual([
      'cryptoPlan.ref',
      'cryptoPlan.title',
      'securityBudget',
    ]);
    await expect(changed.nth(2).locator('td').allTextContents()).resolves.toEqual(['65,000.50 元', '70,000.00 元']);
    await expect(changed.nth(0).locator('th').textContent()).resolves.toBe('密码应用方案 · 文号或文件编号');
    await expect(review.locator('.case-version[data-version="2"] dd[data-field="securityBudget"]').textContent()).resolves.toBe('70,000.00 元');
    // Every step's data is in its timeline entry.
    const entries = bigData.locator('.timeline .entry-data');
    await expect(entries.allTextContents().then((t) => t.join(' '))).resolves.toContain('微自然资〔2026〕35号《密码应用方案（附密评意见）》');
    await expect(seriousViolations(bigData)).resolves.toEqual([]);
    await screenshot(bigData, 'project-versions');
    for (const p of [applicant, bigData]) await p.context().close();
  });
});
