/** @jsxImportSource preact */
import { createHash, randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { Calendar } from '../../activities/calendar.js';
import { jurisdictions } from '../../machines/index.js';
import { intakeOf } from '../../machines/intake.js';
import type { Issue } from '../../machines/inspect.js';
import { chinaDate } from '../../machines/shared/events.js';
import { TASK_ACTION_LABELS, type TaskAction } from '../../machines/shared/meta.js';
import { whatIfAll } from '../../machines/whatif.js';
import type { HistoryEntry, ProjectView } from '../../workflows/messages.js';
import { assertMayApply, assertMaySee } from '../access.js';
import { HttpError, notFound } from '../errors.js';
import type { Identities, User } from '../identity.js';
import { jurisdictionOfProject, type ProjectService } from '../projects.js';
import { SavedViews } from '../saved-views.js';
import { csrf, sessionMiddleware, sessionUser, signIn, signOut, SessionStore } from '../sessions.js';
import { clientScript, stylesheet } from './assets.js';
import { projectChart } from './chart.js';
import { taskTitles } from './chart-meta.js';
import { dueState } from './format.js';
import { fieldsOf, readForm, type FormBody } from './forms.js';
import { page, type PageContext, type Section } from './layout.js';
import { ApplyForm, ApplyIndex, WhatIfPage, whatIfFields } from './views/apply.js';
import { FilterBar, Pager, ProjectTable, SavedViewsBar, TaskTable } from './views/lists.js';
import { NEEDS_OPINION, ProjectPage, type Refused } from './views/project.js';
import { ErrorPage, SignInPage } from './views/simple.js';
import { ChartIndex, ChartPage } from './views/charts.js';
import { doneRows, listFilter, pageOf, projectRows, stepOptions, taskRows, type ListFilter, type TaskRow, type WorklistDeps } from './worklist.js';
import { ViewCache } from './view-cache.js';
import { ListingCache } from './listing-cache.js';

/** What the pages need; everything but projects and identities has a default. */
export interface PagesDeps {
  projects: ProjectService;
  identities: Identities;
  /** The audit trail as CSV (the API's own writer). */
  auditCsv: (trail: HistoryEntry[]) => string;
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  calendar?: Calendar;
  /** Working days before a time limit that count as 黄 (the reminder window of temporal.config.ts). */
  reminderWorkingDays?: number;
  savedViews?: SavedViews;
  sessions?: SessionStore;
  secureCookie?: boolean;
  /** How often a live task list is compared with what its page shows. */
  liveIntervalMs?: number;
  /** How old a project listing from visibility may be before a request refreshes it (behind the answer). */
  listingRefreshMs?: number;
  /** Lay out every chart at start rather than on the first page that draws it (about a second each). */
  warmCharts?: boolean;
}

/** A short fingerprint of a task list as shown: which tasks, their time limits, lights and escalation. */
export function taskSignature(rows: TaskRow[]): string {
  const text = rows.map((r) => [r.view.projectId, r.task.task, r.task.dueAt ?? '', r.due.light, r.task.escalationLevel, r.view.updatedAt].join('/')).join('|');
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** Pages served beside the API; every other path is left to the API. */
const API_PATHS = /^\/(v1\/|v1$|healthz|openapi\.json)/;

const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const projectIdSchema = z.string().regex(/^[a-z]+-\d{8}-[0-9a-f]{8}$/);
const keyword = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);

/** A safe place to return to after sign-in: a local path only. */
const localPath = (p: unknown) => (typeof p === 'string' && /^\/(?!\/)[A-Za-z0-9/_?=&.%-]*$/.test(p) ? p : '/');

/** The reviewers' workspace: server-rendered pages with sessions and CSRF-protected forms. */
export function pagesRouter(deps: PagesDeps): express.Router {
  const now = deps.now ?? (() => new Date());
  const calendar = deps.calendar ?? new Calendar();
  const reminderWorkingDays = deps.reminderWorkingDays ?? 2;
  const liveIntervalMs = deps.liveIntervalMs ?? 10_000;
  const savedViews = deps.savedViews ?? SavedViews.open();
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const router = express.Router();

  const viewCache = new ViewCache(deps.projects);
  if (deps.warmCharts) setImmediate(() => void Promise.all(Object.values(jurisdictions).map((d) => projectChart(d))).catch(() => undefined));
  const listingCache = new ListingCache(deps.listingRefreshMs);
  const worklist: WorklistDeps = { projects: deps.projects, calendar, reminderWorkingDays, now, views: (summaries) => viewCache.views(summaries), listings: (key, fetch) => listingCache.get(key, fetch) };

  router.use((req, res, next) => (API_PATHS.test(req.path) ? next('router') : next()));
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    next();
  });

  router.get('/assets/app.css', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/css; charset=utf-8').send(stylesheet());
  });
  router.get('/favicon.ico', (_req, res) => void res.status(204).end());
  router.get('/assets/app.js', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/javascript; charset=utf-8').send(await clientScript());
  });

  router.use(sessionMiddleware({ ...(deps.sessions ? { store: deps.sessions } : {}), ...(deps.secureCookie !== undefined ? { secureCookie: deps.secureCookie } : {}) }));
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));
  router.use(csrf.csrfSynchronisedProtection);

  const ctxOf = (req: Request, user?: User): PageContext => {
    const flash = req.session.flash;
    if (flash) delete req.session.flash;
    return { ...(user ? { user } : {}), csrfToken: csrf.generateToken(req), ...(flash ? { flash } : {}) };
  };
  const send = (res: Response, status: number, title: string, section: Section, ctx: PageContext, body: ComponentChildren) =>
    res.status(status).type('text/html; charset=utf-8').send(page(title, section, ctx, body));

  /** The signed-in user, or a redirect to sign-in (which remembers where the person was going). */
  const userOr = async (req: Request, res: Response): Promise<User | undefined> => {
    const user = await sessionUser(req, deps.identities);
    if (user) {
      res.locals.user = user;
      return user;
    }
    res.redirect(303, `/signin?next=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
    return undefined;
  };

  router.get('/', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const home = user.roles.includes('supervisor') ? '/supervise' : user.roles.includes('reviewer') || user.roles.includes('applicant') ? '/tasks' : '/projects';
    res.redirect(303, home);
  });

  router.get('/signin', async (req, res) => {
    const user = await sessionUser(req, deps.identities);
    if (user) return res.redirect(303, localPath(req.query.next));
    send(res, 200, '登录', 'signin', ctxOf(req), <SignInPage ctx={ctxOf(req)} next={localPath(req.query.next)} />);
  });

  router.post('/signin', async (req, res) => {
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const user = deps.identities.authenticate(token);
    const next = localPath(req.body?.next);
    if (!user) {
      log({ level: 'warn', msg: 'sign-in refused', requestId: res.locals.requestId });
      const ctx = ctxOf(req);
      return send(res, 401, '登录', 'signin', ctx, <SignInPage ctx={ctx} next={next} error="身份凭证无效或已被撤销" />);
    }
    await signIn(req, user, token);
    log({ level: 'info', msg: 'signed in', requestId: res.locals.requestId, userId: user.id });
    res.redirect(303, next);
  });

  router.post('/signout', async (req, res) => {
    await signOut(req);
    res.redirect(303, '/signin');
  });

  // Lists ------------------------------------------------------------------------------------

  const filterOf = (req: Request, user: User): ListFilter => {
    const parsed = listFilter.safeParse(req.query);
    if (!parsed.success) throw new HttpError(400, 'invalid_request', '筛选条件不正确', parsed.error.issues.map((i) => ({ field: `query.${i.path.join('.')}`, rule: i.code, message: i.message })));
    if (parsed.data.jurisdiction && parsed.data.jurisdiction !== user.jurisdiction) {
      throw new HttpError(403, 'forbidden', '只能查看本辖区的项目', [{ field: 'query.jurisdiction', rule: 'scope', message: '只能查看本辖区的项目' }]);
    }
    return parsed.data;
  };
  const queryOf = (req: Request) => new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  const listShell = (req: Request, user: User, pageName: 'tasks' | 'done' | 'mine' | 'supervise' | 'projects', f: ListFilter, ctx: PageContext) => {
    const def = jurisdictions[user.jurisdiction]!;
    return (
      <>
        <FilterBar action={`/${pageName}`} filter={f} steps={stepOptions(def.id, taskTitles(def))} jurisdiction={def.id} />
        <SavedViewsBar page={pageName} views={savedViews.list(user.id, pageName)} query={queryOf(req)} ctx={ctx} />
      </>
    );
  };

  router.get('/tasks', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const f = filterOf(req, user);
    const rows = await taskRows(worklist, user, f);
    const shown = pageOf(rows, f.page);
    const ctx = ctxOf(req, user);
    const who = user.roles.includes('applicant') ? (user.unit ?? '本单位') : (jurisdictions[user.jurisdiction]?.departments[user.department]?.name ?? user.department);
    send(
      res,
      200,
      '待办',
      'tasks',
      ctx,
      <>
        <h1>待办 <span class="muted small">· 等待{who}办理</span></h1>
        {listShell(req, user, 'tasks', f, ctx)}
        <div id="live" data-live="/events/tasks" data-signature={taskSignature(rows)} aria-live="polite" class="small muted"></div>
        <TaskTable rows={shown.rows} total={shown.total} />
        <Pager action="/tasks" query={queryOf(req)} page={shown.page} pages={shown.pages} />
      </>,
    );
  });

  // 待办 pushed: every few seconds the server compares the user's task list with the last one it
  // sent and, when it changed, sends its signature; the page then refreshes its table.
  router.get('/events/tasks', async (req, res) => {
    const user = await sessionUser(req, deps.identities);
    if (!user) return void res.status(401).end();
    const f = filterOf(req, user);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    let last = '';
    let timer: NodeJS.Timeout | undefined;
    let open = true;
    req.on('close', () => {
      open = false;
      clearTimeout(timer);
    });
    const tick = async () => {
      if (!open) return;
      // A revoked token ends the stream as it ends the session.
      if (!deps.identities.userByTokenHash(req.session.tokenHash ?? '')) {
        res.end('event: signed-out\ndata: {}\n\n');
        return;
      }
      try {
        const rows = await taskRows(worklist, user, f);
        const signature = taskSignature(rows);
        res.write(signature !== last ? `event: tasks\ndata: ${JSON.stringify({ signature, count: rows.length })}\n\n` : ': keep-alive\n\n');
        last = signature;
      } catch (err) {
        log({ level: 'warn', msg: 'live task list failed', userId: user.id, error: String(err) });
      }
      if (open) timer = setTimeout(() => void tick(), liveIntervalMs);
    };
    await tick();
  });

  router.get('/done', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const f = filterOf(req, user);
    const rows = await doneRows(worklist, user, f);
    const ctx = ctxOf(req, user);
    send(res, 200, '已办', 'done', ctx, <>
      <h1>已办</h1>
      {listShell(req, user, 'done', f, ctx)}
      <ProjectTable rows={pageOf(rows, f.page).rows} total={rows.length} caption="本部门办理过的项目" done ctx={ctx} />
      <Pager action="/done" query={queryOf(req)} page={pageOf(rows, f.page).page} pages={pageOf(rows, f.page).pages} />
    </>);
  });

  router.get('/mine', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const f = filterOf(req, user);
    const rows = await projectRows(worklist, user, {}, f);
    const ctx = ctxOf(req, user);
    send(res, 200, '我的申报', 'mine', ctx, <>
      <h1>我的申报 <span class="muted small">· {user.unit}</span></h1>
      <p><a href="/apply" class="button">新申报</a></p>
      {listShell(req, user, 'mine', f, ctx)}
      <ProjectTable rows={pageOf(rows, f.page).rows} total={rows.length} caption="本单位的项目" ctx={ctx} />
      <Pager action="/mine" query={queryOf(req)} page={pageOf(rows, f.page).page} pages={pageOf(rows, f.page).pages} />
    </>);
  });

  router.get('/projects', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const f = filterOf(req, user);
    const rows = await projectRows(worklist, user, {}, f);
    const ctx = ctxOf(req, user);
    send(res, 200, '全部项目', 'projects', ctx, <>
      <h1>全部项目 <span class="muted small">· 您有权查看的项目</span></h1>
      {listShell(req, user, 'projects', f, ctx)}
      <ProjectTable rows={pageOf(rows, f.page).rows} total={rows.length} caption="项目" ctx={ctx} />
      <Pager action="/projects" query={queryOf(req)} page={pageOf(rows, f.page).page} pages={pageOf(rows, f.page).pages} />
    </>);
  });

  router.get('/supervise', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    if (!user.roles.includes('supervisor')) throw new HttpError(403, 'forbidden', '只有督办人员可以使用督办', [{ field: 'authorization', rule: 'role', message: '需要督办角色' }]);
    const f = filterOf(req, user);
    const t = now();
    const soonDays = Math.max(3, reminderWorkingDays * 2 + 2);
    // What visibility knows is overdue (a fired time limit, a sanction) and what falls due soon, judged by our clock.
    const [flagged, soon] = await Promise.all([
      projectRows(worklist, user, { overdue: true }, { ...f, due: undefined }),
      projectRows(worklist, user, { dueBefore: new Date(t.getTime() + soonDays * 86_400_000).toISOString() }, { ...f, due: undefined }),
    ]);
    const byId = new Map([...flagged, ...soon].map((r) => [r.view.projectId, r]));
    const all = [...byId.values()].filter((r) => !f.step || r.tasks.some((x) => x.task.task === f.step));
    const isOverdue = (r: (typeof all)[number]) => Boolean(r.view.sanction) || r.tasks.some((x) => x.due.light === 'red' || x.task.escalationLevel > 0);
    const overdue = all.filter(isOverdue);
    const dueSoon = all.filter((r) => !isOverdue(r) && r.tasks.some((x) => x.due.light === 'yellow'));
    const ctx = ctxOf(req, user);
    send(res, 200, '督办', 'supervise', ctx, <>
      <h1>督办</h1>
      {listShell(req, user, 'supervise', f, ctx)}
      <form method="post" action="/supervise/remind" id="bulk-remind" class="bulk">
        <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
        <input type="hidden" name="requestId" value={`web-${randomBytes(12).toString('hex')}`} />
        <button type="submit" class="remind" data-bulk>
          向所选项目的待办部门催办
        </button>
        <span class="small muted" data-selection-count aria-live="polite"></span>
      </form>
      {f.due !== 'soon' ? <>
        <h2>已超期、已上报或处于监督措施中的项目</h2>
        <ProjectTable rows={overdue} caption="超期、上报或整改等监督措施中" remind ctx={ctx} />
      </> : null}
      {f.due !== 'overdue' ? <>
        <h2>即将到期的项目</h2>
        <ProjectTable rows={dueSoon} caption={`${reminderWorkingDays} 个工作日内到期`} remind ctx={ctx} />
      </> : null}
    </>);
  });

  const supervisorOf = (user: User) => {
    if (!user.roles.includes('supervisor')) throw new HttpError(403, 'forbidden', '只有督办人员可以催办', [{ field: 'authorization', rule: 'role', message: '需要督办角色' }]);
    return { userId: user.id, name: user.name, department: user.department, jurisdiction: user.jurisdiction, roles: [...user.roles] };
  };

  router.post('/projects/:id/remind', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const by = supervisorOf(user);
    const task = keyword.safeParse(req.body?.task);
    if (!task.success) throw new HttpError(400, 'invalid_request', '请选择要催办的事项', [{ field: 'task', rule: 'required', message: '请选择要催办的事项' }]);
    await visible(user, id);
    const requestId = requestIdSchema.safeParse(req.body?.requestId);
    // The form's request id: a form sent twice (a double click, a retry) reminds once.
    const view = await deps.projects.remind(id, task.data, by, requestId.success ? requestId.data : undefined);
    viewCache.drop(id);
    listingCache.clear();
    const awaited = view.tasks.find((x) => x.task === task.data);
    req.session.flash = `已催办${awaited?.departmentName ?? ''}：${view.title}`;
    res.redirect(303, localPath(req.body?.back) === '/supervise' ? '/supervise' : `/projects/${id}`);
  });

  router.post('/supervise/remind', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const by = supervisorOf(user);
    const raw = (req.body as FormBody).project;
    const ids = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((x) => projectIdSchema.safeParse(x).success).slice(0, 100);
    if (ids.length === 0) throw new HttpError(400, 'invalid_request', '请先选择项目', [{ field: 'project', rule: 'required', message: '请先选择要催办的项目' }]);
    const base = requestIdSchema.safeParse((req.body as FormBody).requestId);
    let sent = 0;
    for (const id of ids) {
      const { view } = await visible(user, id);
      for (const x of view.tasks) {
        await deps.projects.remind(id, x.task, by, base.success ? `${base.data}-${id.slice(-8)}-${x.task}`.slice(0, 100) : undefined);
        sent++;
      }
      viewCache.drop(id);
    }
    listingCache.clear();
    req.session.flash = `已向 ${ids.length} 个项目的待办部门催办 ${sent} 次`;
    res.redirect(303, '/supervise');
  });

  router.post('/views', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const body = z.strictObject({ _csrf: z.string(), page: z.enum(['tasks', 'done', 'mine', 'supervise', 'projects']), query: z.string().max(1000), name: z.string().trim().min(1, '请填写视图名称').max(40) }).safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'invalid_request', '视图名称不正确', body.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.code, message: i.message })));
    // Only a filter the page itself accepts is kept.
    const filter = listFilter.safeParse(Object.fromEntries(new URLSearchParams(body.data.query)));
    if (!filter.success) throw new HttpError(400, 'invalid_request', '筛选条件不正确', [{ field: 'query', rule: 'invalid', message: '筛选条件不正确' }]);
    savedViews.save(user.id, { name: body.data.name, page: body.data.page, query: body.data.query }, randomBytes(8).toString('hex'), now());
    req.session.flash = `已保存视图“${body.data.name}”`;
    res.redirect(303, `/${body.data.page}${body.data.query ? `?${body.data.query}` : ''}`);
  });

  router.post('/views/:id/delete', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const view = savedViews.list(user.id).find((v) => v.id === String(req.params.id));
    if (!view || !savedViews.remove(user.id, view.id)) throw notFound('视图不存在');
    req.session.flash = `已删除视图“${view.name}”`;
    res.redirect(303, `/${view.page}`);
  });

  // A project --------------------------------------------------------------------------------

  const visible = async (user: User, id: string): Promise<{ view: ProjectView; audit: HistoryEntry[] }> => {
    if (jurisdictionOfProject(id) !== user.jurisdiction) throw new HttpError(403, 'forbidden', '该项目不属于您所在的辖区', [{ field: 'authorization', rule: 'scope', message: '该项目不属于您所在的辖区' }]);
    const view = await deps.projects.view(id);
    // The view carries the latest history entries; the whole trail is asked for only when it has more.
    const audit = view.historyTotal <= view.history.length ? view.history : await deps.projects.audit(id);
    assertMaySee(user, view, user.roles.includes('reviewer') ? audit.flatMap((h) => (h.department && h.kind === 'action' ? [h.department] : [])) : []);
    return { view, audit };
  };
  const idOf = (req: Request) => {
    const parsed = projectIdSchema.safeParse(req.params.id);
    if (!parsed.success) throw notFound(`项目 ${String(req.params.id)} 不存在`);
    return parsed.data;
  };

  const projectPage = async (req: Request, res: Response, user: User, id: string, status = 200, refused?: Refused) => {
    const { view, audit } = await visible(user, id);
    const def = jurisdictions[view.jurisdiction]!;
    const t = now();
    const dues = new Map(view.tasks.map((task) => [task.task, dueState(task, t, calendar, reminderWorkingDays)]));
    const ctx = ctxOf(req, user);
    send(res, status, view.title, 'project', ctx, <ProjectPage def={def} view={view} user={user} ctx={ctx} dues={dues} history={audit} chart={await projectChart(def, view, audit)} {...(refused ? { refused } : {})} />);
  };

  router.get('/projects/:id', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    await projectPage(req, res, user, idOf(req));
  });

  router.get('/projects/:id/audit.csv', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    await visible(user, id);
    const audit = await deps.projects.audit(id);
    res.type('text/csv; charset=utf-8').attachment(`${id}-audit.csv`).send(`\uFEFF${deps.auditCsv(audit)}`);
  });

  router.post('/projects/:id/tasks/:task/:action', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const id = idOf(req);
    const task = keyword.safeParse(req.params.task);
    const action = String(req.params.action) as TaskAction;
    if (!task.success || !(action in TASK_ACTION_LABELS)) throw notFound('该事项不存在');
    const body = req.body as FormBody;
    const comment = typeof body.comment === 'string' ? body.comment.trim() : '';
    const refuse = (status: number, message: string, issues: Issue[]) => projectPage(req, res, user, id, status, { task: task.data, action, message, issues, values: body });
    if (NEEDS_OPINION.includes(action) && !comment) {
      return refuse(400, `${TASK_ACTION_LABELS[action]}时应填写办理意见`, [{ field: 'comment', rule: 'required', message: `${TASK_ACTION_LABELS[action]}时应填写办理意见，说明理由` }]);
    }
    const schema = intakeOf(jurisdictionOfProject(id)).payloads[`${task.data}.${action}`];
    const data = schema ? readForm(fieldsOf(schema), body, 'data') : {};
    const requestId = requestIdSchema.safeParse(body.requestId);
    const identity = { userId: user.id, jurisdiction: user.jurisdiction, department: user.department, roles: [...user.roles], ...(user.unit ? { unit: user.unit } : {}) };
    try {
      await deps.projects.act(id, { task: task.data, action, ...(comment ? { comment } : {}), data, department: user.department, actor: user.name, identity }, requestId.success ? requestId.data : undefined);
    } catch (err) {
      if (err instanceof HttpError && err.status < 500) {
        log({ level: 'warn', msg: 'action refused', requestId: res.locals.requestId, userId: user.id, projectId: id, task: task.data, action, status: err.status, issues: err.issues });
        if (err.status === 403 || err.status === 404) throw err;
        return refuse(err.status, err.message, err.issues);
      }
      throw err;
    }
    viewCache.drop(id);
    listingCache.clear();
    const title = taskTitles(jurisdictions[jurisdictionOfProject(id)]!).get(task.data) ?? task.data;
    req.session.flash = `已办理：${title} · ${TASK_ACTION_LABELS[action]}`;
    res.redirect(303, `/projects/${id}`);
  });

  // Applying ---------------------------------------------------------------------------------

  const today = () => chinaDate(now().getTime());
  const defOf = (req: Request) => {
    const def = jurisdictions[String(req.params.jurisdiction)];
    if (!def) throw notFound(`辖区 ${String(req.params.jurisdiction)} 不存在`);
    return def;
  };
  const mayApplyIn = (user: User, j: string) => user.roles.includes('applicant') && user.jurisdiction === j;

  router.get('/apply', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    send(res, 200, '新申报', 'apply', ctxOf(req, user), <ApplyIndex defs={Object.values(jurisdictions)} today={today()} own={user.jurisdiction} />);
  });

  router.get('/apply/:jurisdiction', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const def = defOf(req);
    const ctx = ctxOf(req, user);
    send(res, 200, `${def.name}新申报`, 'apply', ctx, <ApplyForm def={def} ctx={ctx} today={today()} mayApply={mayApplyIn(user, def.id)} {...(user.unit ? { unit: user.unit } : {})} />);
  });

  router.post('/apply/:jurisdiction', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const def = defOf(req);
    const body = req.body as FormBody;
    const application = readForm(fieldsOf(intakeOf(def.id).applicationSchema), body, 'application');
    try {
      assertMayApply(user, def.id, application);
      const view = await deps.projects.submit(def.id, application, { actor: user.name }, now());
      listingCache.clear();
      req.session.flash = `已提交申报：${view.title}`;
      res.redirect(303, `/projects/${view.projectId}`);
    } catch (err) {
      if (!(err instanceof HttpError) || err.status >= 500) throw err;
      const ctx = ctxOf(req, user);
      send(res, err.status, `${def.name}新申报`, 'apply', ctx, <ApplyForm def={def} ctx={ctx} today={today()} mayApply={mayApplyIn(user, def.id)} values={body} issues={err.issues} message={err.message} />);
    }
  });

  const whatIf = async (req: Request, res: Response, values?: FormBody) => {
    const user = await userOr(req, res);
    if (!user) return;
    const defs = Object.values(jurisdictions);
    let results;
    if (values) {
      const { shared, own } = whatIfFields(defs);
      const overrides = Object.fromEntries(own.map(({ def, fields }) => [def.id, readForm(fields, values, `overrides.${def.id}`)]));
      results = whatIfAll(defs, readForm(shared, values, 'application'), overrides, today());
    }
    const ctx = ctxOf(req, user);
    send(res, 200, '辖区比较', 'whatif', ctx, <WhatIfPage defs={defs} ctx={ctx} {...(user.unit ? { unit: user.unit } : {})} {...(values ? { values } : {})} {...(results ? { results } : {})} />);
  };
  router.get('/what-if', (req, res) => whatIf(req, res));
  router.post('/what-if', (req, res) => whatIf(req, res, req.body as FormBody));

  // Charts -----------------------------------------------------------------------------------

  router.get('/charts', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    send(res, 200, '流程图', 'charts', ctxOf(req, user), <ChartIndex defs={Object.values(jurisdictions)} />);
  });

  router.get('/charts/:jurisdiction', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const def = defOf(req);
    send(res, 200, `${def.name}流程图`, 'charts', ctxOf(req, user), <ChartPage def={def} svg={await projectChart(def)} />);
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const user = res.locals.user as User | undefined;
    const ctx = ctxOf(req, user);
    if ((err as { code?: string }).code === 'EBADCSRFTOKEN') {
      return send(res, 403, '无权访问', 'signin', ctx, <ErrorPage status={403} message={(err as Error).message} issues={[{ field: '_csrf', rule: 'csrf', message: '表单校验码无效' }]} />);
    }
    if (err instanceof HttpError) return send(res, err.status, '出错了', 'signin', ctx, <ErrorPage status={err.status} message={err.message} issues={err.issues} />);
    log({ level: 'error', msg: 'page failed', requestId: res.locals.requestId, path: req.path, error: String((err as Error)?.stack ?? err) });
    send(res, 500, '出错了', 'signin', ctx, <ErrorPage status={500} message={`服务暂时不可用，请稍后再试（请求编号 ${String(res.locals.requestId)}）`} issues={[]} />);
  });

  return router;
}
