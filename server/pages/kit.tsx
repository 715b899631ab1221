/** @jsxImportSource preact */
import type { Request, Response } from 'express';
import type { ComponentChildren } from 'preact';
import { z } from 'zod';
import { Calendar } from '../../activities/calendar.js';
import { verifyChain } from '../../core/chain.js';
import { jurisdictions } from '../../machines/index.js';
import { chinaDate } from '../../machines/shared/events.js';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { openProject } from '../access.js';
import { HttpError, notFound } from '../errors.js';
import type { User } from '../identity.js';
import { SavedViews } from '../saved-views.js';
import { csrf, sessionUser } from '../sessions.js';
import { projectChart } from './chart.js';
import { taskTitles } from './chart-meta.js';
import { dueState } from './format.js';
import { page, type PageContext, type Section } from './layout.js';
import { ExportLinks, FilterBar, SavedViewsBar } from './views/lists.js';
import { ProjectPage, type Refused } from './views/project.js';
import { listFilter, stepOptions, type ListFilter, type WorklistDeps } from './worklist.js';
import type { PagesDeps } from './deps.js';
import { deliveryShown } from '../api/messages.js';
import type { DeliveryShown } from './components.js';

/** Identifiers as the pages accept them in paths and forms. */
export const projectIdSchema = z.string().regex(/^[a-z]+-\d{8}-[0-9a-f]{8}$/);
export const keyword = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/);
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/);

/** A safe place to return to: a local path only. */
export const localPath = (p: unknown) => (typeof p === 'string' && /^\/(?!\/)[A-Za-z0-9/_?=&.%-]*$/.test(p) ? p : '/');

/** What every group of page routes shares: the app's services and the page helpers (the project service keeps the caches). */
export function createKit(deps: PagesDeps) {
  const now = deps.now ?? (() => new Date());
  const calendar = deps.calendar ?? new Calendar();
  const reminderWorkingDays = deps.reminderWorkingDays ?? 2;
  const liveIntervalMs = deps.liveIntervalMs ?? 10_000;
  const savedViews = deps.savedViews ?? SavedViews.open();
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const worklist: WorklistDeps = { lists: deps.lists, calendar, reminderWorkingDays, now };
  const today = () => chinaDate(now().getTime());

  /** Open tasks of each request's user, counted before its page is drawn (countTasks). */
  const taskCounts = new WeakMap<Request, number>();
  const countTasks = async (req: Request) => {
    const user = await sessionUser(req, deps.identities);
    if (!user || !(user.roles.includes('reviewer') || user.roles.includes('applicant'))) return;
    try {
      await deps.lists.settled();
      const unit = user.department === 'applicant' ? { unit: user.unit ?? '' } : {};
      taskCounts.set(req, await deps.lists.model.taskCount({ jurisdiction: user.jurisdiction, department: user.department, ...unit }));
    } catch {
      // The store is down: the page shows no count rather than a wrong one.
    }
  };

  const ctxOf = (req: Request, user?: User): PageContext => {
    const flash = req.session.flash;
    if (flash) delete req.session.flash;
    return {
      ...(user ? { user } : {}),
      csrfToken: csrf.generateToken(req),
      ...(flash ? { flash } : {}),
      ...(user && deps.messages ? { unread: deps.messages.unreadCount(user) } : {}),
      ...(user && taskCounts.has(req) ? { taskCount: taskCounts.get(req)! } : {}),
    };
  };
  const send = (res: Response, status: number, title: string, section: Section, ctx: PageContext, body: ComponentChildren) =>
    res
      .status(status)
      .type('text/html; charset=utf-8')
      .send(page(title, section, ctx, body));

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

  const filterOf = (req: Request, user: User): ListFilter => filterOfQuery(req.query, user);
  /** A list filter from query parameters, for the user's own jurisdiction only. */
  const filterOfQuery = (query: unknown, user: User): ListFilter => {
    const parsed = listFilter.safeParse(query);
    if (!parsed.success)
      throw new HttpError(
        400,
        'invalid_request',
        '筛选条件不正确',
        parsed.error.issues.map((i) => ({ field: `query.${i.path.join('.')}`, rule: i.code, message: i.message })),
      );
    if (parsed.data.jurisdiction && parsed.data.jurisdiction !== user.jurisdiction) {
      throw new HttpError(403, 'forbidden', '只能查看本辖区的项目', [{ field: 'query.jurisdiction', rule: 'scope', message: '只能查看本辖区的项目' }]);
    }
    return parsed.data;
  };
  const queryOf = (req: Request) =>
    new URLSearchParams(Object.entries(req.query).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')).toString();
  const listShell = (req: Request, user: User, pageName: 'tasks' | 'done' | 'mine' | 'supervise' | 'projects', f: ListFilter, ctx: PageContext) => {
    const def = jurisdictions[user.jurisdiction]!;
    return (
      <>
        <FilterBar action={`/${pageName}`} filter={f} steps={stepOptions(def.id, taskTitles(def))} jurisdiction={def.id} />
        <SavedViewsBar page={pageName} views={savedViews.list(user.id, pageName)} query={queryOf(req)} ctx={ctx} />
        <ExportLinks page={pageName} query={queryOf(req)} />
      </>
    );
  };

  /** A project the user may see (server/access.ts: the same rule as the API), with its whole audit trail. */
  const visible = async (user: User, id: string): Promise<{ view: ProjectView; audit: HistoryEntry[] }> => {
    const { view, trail } = await openProject(deps.projects, user, id, { wholeTrail: true });
    return { view, audit: trail };
  };
  const idOf = (req: Request) => {
    const parsed = projectIdSchema.safeParse(req.params.id);
    if (!parsed.success) throw notFound(`项目 ${String(req.params.id)} 不存在`);
    return parsed.data;
  };

  /** How each notice of a project's trail was delivered, for the timeline (issue 24). */
  const deliveredOf = async (id: string, audit: HistoryEntry[]) => {
    await deps.messages!.refresh();
    const out = new Map<number, DeliveryShown[]>();
    for (const h of audit)
      if (h.kind === 'notification' || h.kind === 'reminder' || h.kind === 'escalation')
        out.set(h.seq, deps.messages!.deliveriesOf(`${id}#${h.seq}`).map(deliveryShown));
    return out;
  };

  const projectPage = async (req: Request, res: Response, user: User, id: string, status = 200, refused?: Refused) => {
    const { view, audit: known } = await visible(user, id);
    // The chain covers payloads and signatures, which a view's entries leave out: verify the audit trail itself (core/chain.ts).
    const audit = known === view.history ? await deps.projects.audit(id) : known;
    const chain = verifyChain(id, audit);
    const def = jurisdictions[view.jurisdiction]!;
    const t = now();
    const dues = new Map(view.tasks.map((task) => [task.task, dueState(task, t, calendar, reminderWorkingDays)]));
    const ctx = ctxOf(req, user);
    send(
      res,
      status,
      view.title,
      'project',
      ctx,
      <ProjectPage
        def={def}
        view={view}
        user={user}
        ctx={ctx}
        dues={dues}
        history={audit}
        chain={chain}
        chart={await projectChart(def, view, audit)}
        {...(refused ? { refused } : {})}
        {...(deps.messages ? { delivered: await deliveredOf(id, audit) } : {})}
      />,
    );
  };

  return {
    deps,
    now,
    today,
    calendar,
    reminderWorkingDays,
    liveIntervalMs,
    savedViews,
    log,
    worklist,
    ctxOf,
    send,
    userOr,
    filterOf,
    filterOfQuery,
    queryOf,
    listShell,
    countTasks,
    visible,
    idOf,
    projectPage,
  };
}

/** The shared part of the page routes. */
export type Kit = ReturnType<typeof createKit>;
