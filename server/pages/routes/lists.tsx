/** @jsxImportSource preact */
import { createHash, randomBytes } from 'node:crypto';
import type { Router } from 'express';
import type { ComponentChildren } from 'preact';
import type { User } from '../../identity.js';
import { z } from 'zod';
import { jurisdictions } from '../../../machines/index.js';
import { HttpError, notFound } from '../../errors.js';
import { sessionUser } from '../../sessions.js';
import { CursorPager, ProjectTable, StaleNote, TaskTable } from '../views/lists.js';
import { doneRows, listFilter, projectRows, taskRows, type ProjectRow, type TaskRow } from '../worklist.js';
import { type Kit } from '../kit.js';
import { create as contentDisposition } from 'content-disposition';
import type { ListedProject } from '../../read-model/row.js';
import { EXPORT_LIMIT, listCsv, listXlsx } from '../export.js';
import { authority } from './statistics.js';

/** A short fingerprint of a task list as shown: which tasks, their time limits, lights and escalation. */
export function taskSignature(rows: TaskRow[]): string {
  const text = rows
    .map((r) => [r.view.projectId, r.task.task, r.task.dueAt ?? '', r.due.light, r.task.escalationLevel, r.task.urged?.at ?? '', r.view.updatedAt].join('/'))
    .join('|');
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/** 待办, 已办, 我的申报, 全部项目, 督办, the live task list and saved views. */
export function listRoutes(router: Router, kit: Kit): void {
  const { deps, now, today, reminderWorkingDays, liveIntervalMs, savedViews, log, worklist, ctxOf, send, userOr, filterOf, filterOfQuery, queryOf, listShell } =
    kit;

  router.get('/tasks', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const f = filterOf(req, user);
    const shown = await taskRows(worklist, user, f);
    const ctx = ctxOf(req, user);
    const who = user.roles.includes('applicant')
      ? (user.unit ?? '本单位')
      : (jurisdictions[user.jurisdiction]?.departments[user.department]?.name ?? user.department);
    send(
      res,
      200,
      '待办',
      'tasks',
      ctx,
      <>
        <h1>
          待办 <span class="muted small">· 等待{who}办理</span>
        </h1>
        {listShell(req, user, 'tasks', f, ctx)}
        <StaleNote stale={shown.stale} />
        <div id="live" data-live="/events/tasks" data-signature={taskSignature(shown.rows)} aria-live="polite" class="small muted"></div>
        <TaskTable rows={shown.rows} total={shown.total} />
        <CursorPager action="/tasks" query={queryOf(req)} next={shown.next} />
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
        const page = await taskRows(worklist, user, f);
        const signature = taskSignature(page.rows);
        res.write(signature !== last ? `event: tasks\ndata: ${JSON.stringify({ signature, count: page.total })}\n\n` : ': keep-alive\n\n');
        last = signature;
      } catch (err) {
        log({ level: 'warn', msg: 'live task list failed', userId: user.id, error: String(err) });
      }
      if (open) timer = setTimeout(() => void tick(), liveIntervalMs);
    };
    await tick();
  });

  /** A list page of projects (已办, 我的申报, 全部项目): heading, filters, one page of rows and the pager. */
  type ListPage = 'done' | 'mine' | 'projects';
  const listPage = (
    page: ListPage,
    title: string,
    heading: (user: User) => ComponentChildren,
    caption: string,
    load: (user: User, f: ReturnType<typeof filterOf>) => ReturnType<typeof projectRows>,
  ) =>
    router.get(`/${page}`, async (req, res) => {
      const user = await userOr(req, res);
      if (!user) return;
      const f = filterOf(req, user);
      const shown = await load(user, f);
      const ctx = ctxOf(req, user);
      send(
        res,
        200,
        title,
        page,
        ctx,
        <>
          {heading(user)}
          {listShell(req, user, page, f, ctx)}
          <StaleNote stale={shown.stale} />
          <ProjectTable rows={shown.rows} total={shown.total} caption={caption} done={page === 'done'} ctx={ctx} />
          <CursorPager action={`/${page}`} query={queryOf(req)} next={shown.next} />
        </>,
      );
    });

  listPage(
    'done',
    '已办',
    () => <h1>已办</h1>,
    '本部门办理过的项目',
    (user, f) => doneRows(worklist, user, f),
  );
  listPage(
    'mine',
    '我的申报',
    (user) => (
      <>
        <h1>
          我的申报 <span class="muted small">· {user.unit}</span>
        </h1>
        <p>
          <a href="/apply" class="button">
            新申报
          </a>
        </p>
      </>
    ),
    '本单位的项目',
    (user, f) => projectRows(worklist, user, {}, f),
  );
  listPage(
    'projects',
    '全部项目',
    () => (
      <h1>
        全部项目 <span class="muted small">· 您有权查看的项目</span>
      </h1>
    ),
    '项目',
    (user, f) => projectRows(worklist, user, {}, f),
  );

  router.get('/supervise', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    if (!user.roles.includes('supervisor'))
      throw new HttpError(403, 'forbidden', '只有督办人员可以使用督办', [{ field: 'authorization', rule: 'role', message: '需要督办角色' }]);
    const f = filterOf(req, user);
    const t = now();
    // Overdue, escalated or under a sanction; and, apart from those, what falls due within the reminder window.
    const [overduePage, soonPage] = await Promise.all([
      projectRows(worklist, user, { flagged: { now: t.toISOString() } }, { ...f, due: undefined, limit: f.limit ?? 200 }),
      projectRows(worklist, user, {}, { ...f, due: 'soon', limit: f.limit ?? 200 }),
    ]);
    const isOverdue = (r: ProjectRow) => Boolean(r.view.sanction) || r.tasks.some((x) => x.due.light === 'red' || x.task.escalationLevel > 0);
    const overdue = overduePage.rows;
    const dueSoon = soonPage.rows.filter((r) => !isOverdue(r) && r.tasks.some((x) => x.due.light === 'yellow'));
    const ctx = ctxOf(req, user);
    send(
      res,
      200,
      '督办',
      'supervise',
      ctx,
      <>
        <h1>督办</h1>
        {listShell(req, user, 'supervise', f, ctx)}
        <StaleNote stale={overduePage.stale} />
        <form method="post" action="/supervise/remind" id="bulk-remind" class="bulk">
          <input type="hidden" name="_csrf" value={ctx.csrfToken ?? ''} />
          <input type="hidden" name="requestId" value={`web-${randomBytes(12).toString('hex')}`} />
          <button type="submit" class="remind" data-bulk>
            向所选项目的待办部门催办
          </button>
          <span class="small muted" data-selection-count aria-live="polite"></span>
        </form>
        {f.due !== 'soon' ? (
          <>
            <h2>已超期、已上报或处于监督措施中的项目</h2>
            <ProjectTable rows={overdue} total={overduePage.total} caption="超期、上报或整改等监督措施中" remind ctx={ctx} />
          </>
        ) : null}
        {f.due !== 'overdue' ? (
          <>
            <h2>即将到期的项目</h2>
            <ProjectTable rows={dueSoon} caption={`${reminderWorkingDays} 个工作日内到期`} remind ctx={ctx} />
          </>
        ) : null}
      </>,
    );
  });

  // Any list as a file (issue 23): every row its filter matches, CSV or XLSX, Beijing times.
  const exportable = z.enum(['tasks', 'done', 'mine', 'projects', 'supervise', 'library']);
  router.get('/export/:page', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const page = exportable.safeParse(req.params.page);
    if (!page.success) throw notFound('没有这个列表');
    const { format = 'csv', ...query } = req.query as Record<string, unknown>;
    if (format !== 'csv' && format !== 'xlsx')
      throw new HttpError(400, 'invalid_request', '导出格式应为 csv 或 xlsx', [{ field: 'query.format', rule: 'enum', message: '导出格式应为 csv 或 xlsx' }]);
    if (page.data === 'library') authority(user, '项目库');
    if (page.data === 'supervise' && !user.roles.includes('supervisor'))
      throw new HttpError(403, 'forbidden', '只有督办人员可以使用督办', [{ field: 'authorization', rule: 'role', message: '需要督办角色' }]);
    const f = filterOfQuery(query, user);
    // Every page of the filter from its first, whatever page the list showed.
    const { after: _shown, ...all } = f;
    const fetch = (after?: string): ReturnType<typeof projectRows> | ReturnType<typeof taskRows> => {
      const g = { ...all, limit: 500, ...(after ? { after } : {}) };
      if (page.data === 'tasks') return taskRows(worklist, user, g);
      if (page.data === 'done') return doneRows(worklist, user, g);
      if (page.data === 'supervise') return projectRows(worklist, user, { flagged: { now: now().toISOString() } }, { ...g, due: undefined });
      return projectRows(worklist, user, {}, g);
    };
    const seen = new Map<string, ListedProject>();
    for (let after: string | undefined, first = true; (first || after) && seen.size < EXPORT_LIMIT; first = false) {
      const got = await fetch(after);
      for (const r of got.rows) if (!seen.has(r.view.projectId)) seen.set(r.view.projectId, r.view);
      after = got.next;
    }
    const rows = [...seen.values()].slice(0, EXPORT_LIMIT);
    const names = { tasks: '待办', done: '已办', mine: '我的申报', projects: '全部项目', supervise: '督办', library: '项目库' } as const;
    const name = `${names[page.data]}-${today()}`;
    if (format === 'xlsx') {
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .setHeader('Content-Disposition', contentDisposition(`${name}.xlsx`))
        .send(await listXlsx(rows, names[page.data]));
    } else {
      res
        .type('text/csv; charset=utf-8')
        .setHeader('Content-Disposition', contentDisposition(`${name}.csv`))
        .send(listCsv(rows));
    }
  });

  router.post('/views', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const body = z
      .strictObject({
        _csrf: z.string(),
        page: z.enum(['tasks', 'done', 'mine', 'supervise', 'projects']),
        query: z.string().max(1000),
        name: z.string().trim().min(1, '请填写视图名称').max(40),
      })
      .safeParse(req.body);
    if (!body.success)
      throw new HttpError(
        400,
        'invalid_request',
        '视图名称不正确',
        body.error.issues.map((i) => ({ field: i.path.join('.'), rule: i.code, message: i.message })),
      );
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
}
