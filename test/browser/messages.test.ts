// Issue 24 in Debian's Chromium against a real dev server: a supervisor's 催办 is seen by the
// awaited reviewer — the badge in 待办 and the unread count without a reload — and opening the
// message marks it read; 个人设置 keeps what was typed beside an error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchBrowser, pageAs, screenshot, seriousViolations, startWebStack, type WebStack } from '../helpers/browser.js';
import { serverToday } from '../helpers/clock.js';
import { weishanApplication } from '../fixtures/weishan.js';

describe.skipIf(!chromiumPath)('notices in the browser', () => {
  let web: WebStack;
  let browser: Browser;
  let projectId = '';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebStack(), launchBrowser()]);
    const res = await fetch(`${web.baseUrl}/v1/projects`, {
      method: 'POST',
      headers: { Authorization: web.bearer('weishan.fixture-applicant'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ jurisdiction: 'weishan', application: weishanApplication({ title: '微山县智慧城管平台' }, serverToday()) }),
    });
    expect(res.status).toBe(201);
    projectId = ((await res.json()) as { projectId: string }).projectId;
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  const unread = (page: Page) => page.locator('#unread .badge.count');
  const unreadCount = async (page: Page) => ((await unread(page).isHidden()) ? 0 : Number(await unread(page).textContent()));

  it('the supervisor presses 催办; the reviewer’s open 待办 shows the badge and the unread count without a reload; opening the message marks it read', async () => {
    const reviewer = await pageAs(browser, web, 'weishan.bigdata');
    await reviewer.goto(`${web.baseUrl}/tasks`);
    const row = reviewer.locator(`tr[data-project="${projectId}"]`);
    await expect(row.textContent()).resolves.toContain('需求评审');
    await expect(row.locator('.badge.urged').count()).resolves.toBe(0);
    const before = await unreadCount(reviewer);

    const supervisor = await pageAs(browser, web, 'weishan.supervisor');
    await supervisor.goto(`${web.baseUrl}/projects/${projectId}`);
    await Promise.all([supervisor.waitForEvent('load'), supervisor.getByRole('button', { name: '催办县大数据局' }).click()]);
    await expect(supervisor.locator('.flash').textContent()).resolves.toContain('已催办');

    // Pushed, not reloaded: the page object is the same document throughout.
    const marker = await reviewer.evaluate(() => ((window as unknown as { __mark: number }).__mark = Math.random()));
    await reviewer.waitForFunction((n) => Number(document.querySelector('#unread .badge.count')?.textContent) === n, before + 1, { timeout: 20_000 });
    await reviewer.locator(`tr[data-project="${projectId}"] .badge.urged`).waitFor({ timeout: 20_000 });
    await expect(row.locator('.badge.urged').textContent()).resolves.toMatch(/已催办：.*督办人/);
    await expect(reviewer.evaluate(() => (window as unknown as { __mark: number }).__mark)).resolves.toBe(marker);
    await screenshot(reviewer, 'tasks-urged');

    await reviewer.getByRole('link', { name: /^消息/ }).click();
    await reviewer.waitForURL(/\/messages$/);
    const message = reviewer.locator('#message-table tr.unread', { hasText: '微山县智慧城管平台' }).first();
    await expect(message.textContent()).resolves.toContain('请县大数据局尽快办理“需求评审”');
    await expect(message.textContent()).resolves.toContain('微山 第六条');
    await expect(message.textContent()).resolves.toContain('仅站内消息');
    await expect(seriousViolations(reviewer)).resolves.toEqual([]);
    await screenshot(reviewer, 'messages');
    await Promise.all([reviewer.waitForURL(new RegExp(`/projects/${projectId}`)), message.getByRole('link').click()]);
    await expect(reviewer.locator('section[aria-labelledby="task-requirementsReview"] .badge.urged').textContent()).resolves.toContain('督办人');
    await expect(unreadCount(reviewer)).resolves.toBe(before);
    await reviewer.goto(`${web.baseUrl}/messages?unread=1`);
    await expect(reviewer.locator('#message-table tr', { hasText: '微山县智慧城管平台' }).count()).resolves.toBe(0);
    for (const p of [reviewer, supervisor]) await p.context().close();
  });

  it('个人设置: a bad address is refused beside its field with what was typed kept; a good one is saved', async () => {
    const page = await pageAs(browser, web, 'weishan.finance');
    await page.goto(`${web.baseUrl}/settings`);
    await page.getByLabel('每日汇总').check();
    await page.getByLabel('电子邮箱').fill('czj@weishan');
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.locator('#email-error').textContent()).resolves.toContain('邮箱地址格式不正确');
    await expect(page.getByLabel('电子邮箱').inputValue()).resolves.toBe('czj@weishan');
    await expect(page.getByLabel('电子邮箱').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('电子邮箱').fill('czj@weishan.gov.cn');
    await page.getByLabel('每日汇总').check();
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: '保存' }).click()]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('个人设置已保存');
    await expect(page.getByLabel('电子邮箱').inputValue()).resolves.toBe('czj@weishan.gov.cn');
    await expect(page.getByLabel('每日汇总').isChecked()).resolves.toBe(true);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    await page.context().close();
  });
});
