import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { jingleApplication } from '../fixtures/jingle.js';
import { minimalPdf, minimalPng, pdfText, sha256 } from '../helpers/documents.js';
import { eventually } from '../helpers/eventually.js';
import { chromiumPath, launchBrowser, pageAs, screenshot, seriousViolations, startWebStack, submitAction, type WebStack } from '../helpers/browser.js';

// Issue 21 item 2, documents are files: uploaded in the browser, opened by the reviewer, carried over and replaced across a return.
describe.skipIf(!chromiumPath)('documents in a browser', () => {
  let web: WebStack;
  let browser: Browser;
  const APPLICANT = 'jingle.fixture-applicant';
  const REVIEWER = 'jingle.infobureau';

  beforeAll(async () => {
    [web, browser] = await Promise.all([startWebStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  const as = (userId: string) => pageAs(browser, web, userId);

  const act = submitAction;

  it('an applicant uploads a PDF, the reviewer opens the very bytes, a return carries it over, a replacement is v2', async () => {
    // The application names a PDF uploaded through the API (the same store the pages use).
    const proposal = minimalPdf('Proposal 2026');
    const applicant = await as(APPLICANT);
    const uploaded = await applicant.request.post(`${web.baseUrl}/v1/documents`, {
      headers: { Authorization: web.bearer(APPLICANT) },
      multipart: { file: { name: '项目建议书.pdf', mimeType: 'application/pdf', buffer: proposal } },
    });
    expect(uploaded.status()).toBe(201);
    const doc = (await uploaded.json()).documents[0];
    const created = await applicant.request.post(`${web.baseUrl}/v1/projects`, {
      headers: { Authorization: web.bearer(APPLICANT) },
      data: {
        jurisdiction: 'jingle',
        application: jingleApplication({
          materials: { ...(jingleApplication().materials as object), proposal: { ref: '静行审〔2026〕1号', title: '项目建议书', files: [doc] } },
        }),
      },
    });
    expect(created.status()).toBe(201);
    const id = (await created.json()).projectId as string;
    const projectUrl = `${web.baseUrl}/projects/${id}`;

    // The reviewer sees the file in the application, and the link opens exactly the bytes uploaded, inline as a PDF.
    const reviewer = await as(REVIEWER);
    await reviewer.goto(projectUrl);
    const link = reviewer.locator(`section.case-application li[data-document="${doc.id}"] a`).first();
    await expect(link.textContent()).resolves.toBe('项目建议书.pdf');
    const href = await link.getAttribute('href');
    const opened = await reviewer.request.get(`${web.baseUrl}${href}`);
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');
    expect(opened.headers()['content-disposition']).toMatch(/^inline;/);
    expect(sha256(await opened.body())).toBe(sha256(proposal));
    await expect(seriousViolations(reviewer)).resolves.toEqual([]);
    await screenshot(reviewer, 'documents-application');
    // Someone of another jurisdiction, signed in, cannot open it.
    const outsider = await as('weishan.bigdata');
    const refused = await outsider.request.get(`${web.baseUrl}${href}`);
    expect(refused.status()).toBe(403);

    await act(reviewer, 'review', 'return', (form) => form.getByLabel('办理意见').fill('请按审核意见修改建设方案，附件请用 PDF'));

    // The return is issued as a numbered 审核意见: the timeline links its PDF, which opens inline with the opinion in it.
    const opinionHref = await eventually(
      async () => {
        await applicant.goto(projectUrl);
        const link = applicant.locator('.issued[data-issued] a[target=_blank]').first();
        return (await link.count()) > 0 ? await link.getAttribute('href') : null;
      },
      (h) => Boolean(h),
      { ms: 20_000, what: 'the issued opinion on the page' },
    );
    await expect(applicant.locator('.issued[data-issued]').first().getAttribute('data-issued')).resolves.toMatch(/^静乐县政务信息管理局〔\d{4}〕1号$/);
    const opinionPdf = await applicant.request.get(`${web.baseUrl}${opinionHref}`);
    expect(opinionPdf.status()).toBe(200);
    expect(opinionPdf.headers()['content-type']).toBe('application/pdf');
    expect(opinionPdf.headers()['content-disposition']).toMatch(/^inline;/);
    await expect(pdfText(await opinionPdf.body()).then((t) => t.replace(/\s+/g, ''))).resolves.toContain('请按审核意见修改建设方案，附件请用PDF');
    await screenshot(applicant, 'documents-opinion-issued');

    // The applicant uploads in the browser: a PNG under a .pdf name is refused beside the input, the form kept.
    await applicant.goto(projectUrl);
    const revision = (page: Page) => page.locator('form[action$="/tasks/revision/submit"]');
    await act(applicant, 'revision', 'submit', async (form) => {
      await form.getByLabel('文号或文件编号').fill('静行审〔2026〕2号');
      await form.locator('input[type=file]').setInputFiles({ name: '修改后方案.pdf', mimeType: 'application/pdf', buffer: minimalPng() });
    });
    expect(applicant.url()).toContain(`/projects/${id}`);
    await expect(revision(applicant).locator('.field.files .field-errors').textContent()).resolves.toMatch(/扩展名与内容不符/);
    await expect(revision(applicant).getByLabel('文号或文件编号').inputValue()).resolves.toBe('静行审〔2026〕2号');
    await screenshot(applicant, 'documents-refused');

    // Then the real PDF: the step's data names it, and the reviewer opens it.
    const plan = minimalPdf('Revised plan v1');
    await act(applicant, 'revision', 'submit', async (form) => {
      await form.locator('input[type=file]').setInputFiles({ name: '修改后建设方案.pdf', mimeType: 'application/pdf', buffer: plan });
    });
    await reviewer.goto(projectUrl);
    const card = reviewer.locator('section.task-card:has(#task-review)');
    const v1 = card.locator('.case-submitted li[data-document] a, .case-version li[data-document] a').first();
    await expect(v1.textContent()).resolves.toBe('修改后建设方案.pdf');
    const planBytes = await reviewer.request.get(`${web.baseUrl}${await v1.getAttribute('href')}`);
    expect(sha256(await planBytes.body())).toBe(sha256(plan));

    // Returned again: the form opens with the file carried over (kept unless unticked); a replacement becomes v2.
    await act(reviewer, 'review', 'return', (form) => form.getByLabel('办理意见').fill('方案第三章仍缺数据安全设计'));
    await applicant.goto(projectUrl);
    const kept = revision(applicant).locator('input[data-kept-file]');
    await expect(kept.count()).resolves.toBe(1);
    await expect(kept.isChecked()).resolves.toBe(true);
    await screenshot(applicant, 'documents-carried-over');
    const replacement = minimalPdf('Revised plan v2');
    await act(applicant, 'revision', 'submit', async (form) => {
      await form.locator('input[data-kept-file]').uncheck();
      await form.locator('input[type=file]').setInputFiles({ name: '修改后建设方案（第二版）.pdf', mimeType: 'application/pdf', buffer: replacement });
    });
    await reviewer.goto(projectUrl);
    const review = reviewer.locator('section.task-card:has(#task-review)');
    const latest = review.locator('.case-version[data-version="2"] li[data-document] a, .case-submitted li[data-document] a').first();
    await expect(latest.textContent()).resolves.toBe('修改后建设方案（第二版）.pdf');
    expect(sha256(await (await reviewer.request.get(`${web.baseUrl}${await latest.getAttribute('href')}`)).body())).toBe(sha256(replacement));
    // What changed since the last review names the file.
    await expect(review.locator('table.case-changes').textContent()).resolves.toMatch(/附件/);
    await expect(seriousViolations(reviewer)).resolves.toEqual([]);
    await screenshot(reviewer, 'documents-versions');

    // The 审批表, one click from the project page: the application and every decision with who and when, printable.
    await reviewer.goto(projectUrl);
    await Promise.all([reviewer.waitForURL(/\/sheet$/), reviewer.getByRole('link', { name: '打印审批表' }).click()]);
    const opinions = reviewer.locator('table.sheet-opinions tbody tr');
    await expect(opinions.count()).resolves.toBe(5);
    await expect(opinions.allTextContents().then((t) => t.join(' '))).resolves.toContain('请按审核意见修改建设方案，附件请用 PDF');
    await expect(reviewer.locator('section.sheet-application li[data-document]').count()).resolves.toBe(1);
    await screenshot(reviewer, 'approval-sheet');
    const printed = await reviewer.pdf({ format: 'A4' });
    expect(printed.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const p of [applicant, reviewer, outsider]) await p.context().close();
  });
});
