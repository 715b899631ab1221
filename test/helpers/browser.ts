import os from 'node:os';
import { fileOutbox } from '../../activities/index.js';
import { MessageCentre } from '../../server/messages.js';
import { localDocumentStore } from '../../documents/store.js';
import { DOCUMENT_TYPE_NAMES } from '../../documents/sniff.js';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { Calendar } from '../../activities/calendar.js';
import { testApp } from './app.js';
import { ProjectService } from '../../server/projects.js';
import { testIdentities } from './identities.js';
import { startDevStack, testSigner, type DevStack } from './temporal.js';
import { testYears } from './clock.js';

/**
 * Debian's Chromium (package `chromium`, with `fonts-noto-cjk`), never a downloaded browser.
 * `CHROMIUM_PATH` names another. Under CI=true a missing browser fails the run; elsewhere the
 * browser tests are skipped with a loud notice.
 */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)));

if (!chromiumPath) {
  const message =
    'No Chromium found (/usr/bin/chromium): browser tests of the web pages do NOT run. Install Debian packages chromium and fonts-noto-cjk (npm test does so when run as root).';
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`\n${'!'.repeat(100)}\n!!! ${message}\n${'!'.repeat(100)}\n`);
}

/** Launch the browser headless. */
export function launchBrowser(): Promise<Browser> {
  // The UI language (date inputs' 年/月/日 order) comes from the environment and chromium-l10n.
  return chromium.launch({
    executablePath: chromiumPath!,
    args: ['--no-sandbox', '--font-render-hinting=none', '--lang=zh-CN'],
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' },
  });
}

/** A browser context as a person in China sees the pages: zh-CN, Asia/Shanghai, scale 1. */
export function chinaContext(browser: Browser, width = 1280): Promise<BrowserContext> {
  return browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, viewport: { width, height: 900 } });
}

/** The product's web pages and API on a real dev server, with a clock the test can move. */
export interface WebStack {
  baseUrl: string;
  stack: DevStack;
  /** The raw token of a test user (see test/helpers/identities.ts). */
  token(userId: string): string;
  identities: ReturnType<typeof testIdentities>['identities'];
  /** Bearer header of a test user, for API calls. */
  bearer(userId: string): string;
  /** Move the pages' and API's clock (ms added to the real time). */
  setOffset(ms: number): void;
  /** Pin the clock to an instant (or back to real time with undefined). */
  setNow(at: Date | undefined): void;
  stop(): Promise<void>;
}

/** Start a dev server, a worker and the app on a free port. */
export async function startWebStack(): Promise<WebStack> {
  const ids = testIdentities();
  let offset = 0;
  let pinned: Date | undefined;
  const documentsDir = mkdtempSync(path.join(os.tmpdir(), 'web-documents-'));
  const store = localDocumentStore(documentsDir, () => pinned ?? new Date(Date.now() + offset));
  // The worker stores the opinions it issues where the pages open documents, and writes its notices
  // to the outbox file the message centre reads (the in-product channel; no e-mail is configured).
  const stack = await startDevStack({ store, outbox: fileOutbox(path.join(documentsDir, 'notifications.jsonl')) });
  const messages = new MessageCentre(documentsDir, { refreshMs: 200 }).follow();
  const app = testApp({
    projects: new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() }),
    dataDir: stack.dataDir,
    identities: ids.identities,
    now: () => pinned ?? new Date(Date.now() + offset),
    pages: { calendar: new Calendar(testYears()), liveIntervalMs: 500 },
    messages,
    documents: { store, limits: { maxFileBytes: 5 * 1024 * 1024, maxRequestBytes: 20 * 1024 * 1024, maxFilesPerRequest: 10, types: DOCUMENT_TYPE_NAMES } },
  });
  const server: Server = createServer(app);
  // Port 0: the system picks a free port, so parallel test files never collide.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stack,
    identities: ids.identities,
    token: (userId) => ids.bearer(userId).replace(/^Bearer /, ''),
    bearer: ids.bearer,
    setOffset: (ms) => void (offset = ms),
    setNow: (at) => void (pinned = at),
    async stop() {
      messages.stop();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await stack.stop();
      rmSync(documentsDir, { recursive: true, force: true });
    },
  };
}

/** A page of its own (a fresh context in Beijing time) signed in as a test user. */
export async function pageAs(browser: Browser, web: WebStack, userId: string, width?: number): Promise<Page> {
  const page = await (await chinaContext(browser, width)).newPage();
  await signIn(page, web, userId);
  return page;
}

/** Open an action's form on the project page, fill it and submit it, waiting for the page it leads to. */
export async function submitAction(page: Page, task: string, action: string, fill: (form: Locator) => Promise<void> = async () => {}): Promise<void> {
  const details = page.locator(`details.action-${action}:has(form[action$="/tasks/${task}/${action}"])`);
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  const form = details.locator('form');
  await fill(form);
  await Promise.all([page.waitForEvent('load'), form.locator('button[type=submit]').click()]);
}

/** Sign in through the sign-in page as a person would. */
export async function signIn(page: Page, web: WebStack, userId: string): Promise<void> {
  await page.goto(`${web.baseUrl}/signin`);
  await page.getByLabel('账号').fill(userId);
  await page.getByLabel('身份凭证').fill(web.token(userId));
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

/**
 * Where screenshots go: the git-ignored tmp/screenshots/ on a test run, so `npm test` leaves a
 * clone clean; `npm run screenshots` points SCREENSHOTS_DIR at docs/screenshots/ (committed, shown
 * in the README and docs/operations.md) to renew them.
 */
const screenshots = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.resolve(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

/** A full-page screenshot of the page, named `<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') does not apply.
  const result = (await page.evaluate(
    `${axeSource}; axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  )) as {
    violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}
