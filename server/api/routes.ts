/** The API's routes: each parses its input, checks who may, and calls the project service. */
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { findJurisdiction, jurisdiction, jurisdictions } from '../../machines/index.js';
import { regulationStatus } from '../../machines/shared/definition.js';
import { chinaDate } from '../../machines/shared/events.js';
import { whatIfAll } from '../../machines/whatif.js';
import { assertMayAct, assertMayApply, listScope, openProject } from '../access.js';
import { chartJson, statelySource } from '../charts.js';
import { HttpError, notFound, shortId } from '../errors.js';
import type { User } from '../identity.js';
import { TemporalUnavailable, UnknownPage } from '../projects.js';
import { readLists, type ReadModelKeeper } from '../read-model/keeper.js';
import { summaryOf } from '../read-model/row.js';
import type { Projects } from '../projects-api.js';
import { auditCsv } from './audit-csv.js';
import { asHttpError } from './errors.js';
import type { Log } from './middleware.js';
import { userOf } from './middleware.js';
import { actBody, idempotencyKey, keyword, listQuery, parse, statisticsQuery, projectId, submitBody, whatIfBody } from './schemas.js';
import { sendCaseArchive } from './case-archive.js';
import { assertVersionTakesFiles, bindRecords, checkNamedFiles, useDocumentRoutes, type DocumentsDeps } from './documents.js';

/** /healthz answers within this time, whatever Temporal does. */
const HEALTH_WAIT_MS = 2_500;

/** Whether the product can serve: Temporal reachable and a worker polling the task queue. */
export interface Health {
  temporal: boolean;
  workerPolling: boolean;
}

const idOf = (req: { params: Record<string, unknown> }) => {
  const result = projectId.safeParse(req.params.id);
  if (!result.success) throw notFound(`项目 ${shortId(req.params.id)} 不存在`);
  return result.data;
};

/** Mount the routes of API v1. */
/** GET /v1/projects: one keyset page from the read model, as project summaries. */
async function listPage(
  lists: ReadModelKeeper,
  user: User,
  query: Pick<z.output<typeof listQuery>, 'status' | 'awaiting' | 'q' | 'year' | 'sort' | 'pageSize' | 'pageToken'>,
  dueBefore: string | undefined,
  overdueAt: Date | undefined,
) {
  const page = await readLists(
    lists,
    (model) =>
      model.projects({
        scope: listScope(user),
        ...(query.status ? { status: query.status } : {}),
        ...(query.awaiting ? { awaiting: query.awaiting } : {}),
        ...(query.q ? { q: query.q } : {}),
        ...(query.year ? { planYear: query.year } : {}),
        ...(dueBefore ? { dueBefore } : {}),
        ...(overdueAt ? { flagged: { now: overdueAt.toISOString() } } : {}),
        ...(query.pageToken ? { after: query.pageToken } : {}),
        sort: query.sort,
        limit: query.pageSize,
      }),
    () => new UnknownPage(),
  );
  return {
    projects: page.rows.map(summaryOf),
    total: page.total,
    ...(page.next ? { nextPageToken: page.next } : {}),
    ...(lists.stale() ? { stale: true } : {}),
  };
}

export function useRoutes(
  app: Express,
  deps: { projects: Projects; lists: ReadModelKeeper; health: () => Promise<Health>; now: () => Date; log: Log; documents?: DocumentsDeps | undefined },
) {
  const { now, log } = deps;
  /** A project the user may see (server/access.ts: the same rule as the pages, for reading and acting). */
  const visibleProject = async (user: User, id: string) => (await openProject(deps.projects, user, id)).view;

  // /healthz and /readyz answer the same check (Temporal reachable, a worker polling): /readyz is the
  // name Kubernetes-style balancers look for. Neither is rate limited (server/api/middleware.ts PROBE_PATH).
  const probe = async (_req: Request, res: Response) => {
    // Answer within HEALTH_WAIT_MS even when the health check itself does not return.
    const down = { temporal: false, workerPolling: false };
    let timer: NodeJS.Timeout | undefined;
    const health = await Promise.race([deps.health().catch(() => down), new Promise<Health>((r) => (timer = setTimeout(() => r(down), HEALTH_WAIT_MS)))]);
    clearTimeout(timer);
    if (!(health.temporal && health.workerPolling)) res.setHeader('Retry-After', '5');
    res.status(health.temporal && health.workerPolling ? 200 : 503).json(health);
  };
  app.get('/healthz', probe);
  app.get('/readyz', probe);

  app.get('/openapi.json', async (_req, res) => {
    const { openApiDocument } = await import('./openapi.js');
    res.json(openApiDocument());
  });

  app.get('/v1/jurisdictions', (_req, res) => {
    const today = chinaDate(now().getTime());
    res.json(
      Object.values(jurisdictions).map((d) => ({
        id: d.id,
        name: d.name,
        chartVersion: d.version,
        regulation: d.regulation,
        ...regulationStatus(d.regulation, today),
      })),
    );
  });

  app.get('/v1/jurisdictions/:id/chart', (req, res) => {
    const def = findJurisdiction(String(req.params.id));
    if (!def) throw notFound(`辖区 ${shortId(req.params.id)} 不存在`);
    res.json(chartJson(def));
  });

  app.get('/v1/jurisdictions/:id/chart.stately.ts', (req, res) => {
    const def = findJurisdiction(String(req.params.id));
    if (!def) throw notFound(`辖区 ${shortId(req.params.id)} 不存在`);
    res.type('text/plain; charset=utf-8').send(statelySource(def));
  });

  app.post('/v1/what-if', (req, res) => {
    // Runs every chart: signed-in users only, under their credential's rate limit.
    userOf(req, res);
    const body = parse(whatIfBody, req.body, '');
    res.json({
      results: whatIfAll(
        Object.values(jurisdictions),
        body.application,
        body.overrides as Record<string, Record<string, unknown>>,
        body.date ?? chinaDate(now().getTime()),
      ),
    });
  });

  app.post('/v1/projects', async (req, res) => {
    const user = userOf(req, res);
    const body = parse(submitBody, req.body, '');
    const header = req.header('Idempotency-Key');
    const key = header === undefined ? undefined : parse(idempotencyKey, header, 'header.Idempotency-Key');
    assertMayApply(user, body.jurisdiction, body.application);
    // Files the application names: the applicant's own uploads, with the store's name, size and type.
    const files = await checkNamedFiles(deps.documents, user, undefined, body.application, 'application');
    const view = await deps.projects.submit(
      jurisdiction(body.jurisdiction).id,
      files.data as Record<string, unknown>,
      { actor: user.name },
      now(),
      key === undefined ? undefined : { idempotencyKey: key, userId: user.id },
    );
    await bindRecords(deps.documents, files.records, view.projectId, log);
    res.status(201).location(`/v1/projects/${view.projectId}`).json(view);
  });

  app.get('/v1/projects', async (req, res) => {
    const user = userOf(req, res);
    const { dueWithinDays, overdue, ...query } = parse(listQuery, req.query, 'query');
    const scope = listScope(user);
    if (query.jurisdiction && query.jurisdiction !== scope.jurisdiction)
      throw new HttpError(403, 'forbidden', '只能查看本辖区的项目', [{ field: 'query.jurisdiction', rule: 'scope', message: '只能查看本辖区的项目' }]);
    const within = dueWithinDays === undefined ? undefined : new Date(now().getTime() + dueWithinDays * 86_400_000).toISOString();
    const dueBefore = [query.dueBefore, within].filter((x): x is string => Boolean(x)).sort()[0];
    res.json(await listPage(deps.lists, user, query, dueBefore, overdue === 'true' ? now() : undefined));
  });

  // 统计 (issue 23): counts and amounts of the projects in the caller's scope, from the read model.
  app.get('/v1/statistics', async (req, res) => {
    const user = userOf(req, res);
    const query = parse(statisticsQuery, req.query, 'query');
    const scope = listScope(user);
    if (query.jurisdiction && query.jurisdiction !== scope.jurisdiction)
      throw new HttpError(403, 'forbidden', '只能查看本辖区的项目', [{ field: 'query.jurisdiction', rule: 'scope', message: '只能查看本辖区的项目' }]);
    const stats = await readLists(
      deps.lists,
      (model) =>
        model.statistics({
          scope,
          ...(query.year !== undefined ? { planYear: query.year } : {}),
          ...(query.category ? { category: query.category } : {}),
          now: now().toISOString(),
        }),
      (err) => err,
    );
    res.json({ jurisdiction: scope.jurisdiction, ...(query.year !== undefined ? { year: query.year } : {}), ...stats });
  });

  app.get('/v1/projects/:id', async (req, res) => {
    const user = userOf(req, res);
    res.json(await visibleProject(user, idOf(req)));
  });

  app.get('/v1/projects/:id/audit', async (req, res) => {
    const user = userOf(req, res);
    const id = idOf(req);
    const { format } = parse(z.strictObject({ format: z.enum(['json', 'csv']).default('json') }), req.query, 'query');
    const view = await visibleProject(user, id);
    const trail = await deps.projects.audit(id);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${id}-audit.csv`).send(auditCsv(trail, view.application));
    } else {
      res.json(trail);
    }
  });

  useDocumentRoutes(app, {
    documents: deps.documents,
    userOf,
    idOf,
    openProject: async (user, id) => {
      const opened = await openProject(deps.projects, user, id);
      const complete = opened.view.historyTotal <= opened.trail.length;
      return { view: opened.view, trail: opened.trail, whole: async () => (complete ? [] : deps.projects.audit(id)) };
    },
  });

  // The case archive: the closed-project package format with the application and every document's bytes (issue 21 item 5).
  app.get('/v1/projects/:id/archive', async (req, res) => {
    const user = userOf(req, res);
    const id = idOf(req);
    const { view } = await openProject(deps.projects, user, id);
    await sendCaseArchive(res, deps.documents, view, await deps.projects.audit(id));
  });

  app.post('/v1/projects/:id/tasks/:task/actions', async (req, res) => {
    const user = userOf(req, res);
    const id = idOf(req);
    const task = parse(keyword, req.params.task, 'task');
    const body = parse(actBody, req.body, '');
    const key = req.header('Idempotency-Key');
    const requestId = key === undefined ? undefined : parse(idempotencyKey, key, 'header.Idempotency-Key');
    const identity = {
      userId: user.id,
      jurisdiction: user.jurisdiction,
      department: user.department,
      roles: [...user.roles],
      ...(user.unit ? { unit: user.unit } : {}),
    };
    try {
      // The same scope as reading: a project the user may not see is refused before any command is sent.
      const view = await visibleProject(user, id).catch((err: unknown) => {
        throw err instanceof TemporalUnavailable ? new TemporalUnavailable({ mayStillApply: false }) : err;
      });
      const { open } = assertMayAct(user, view, task, body.action);
      // Files the step names: taken by the project's chart version, in the store with the hash named, and the user's own or this project's.
      assertVersionTakesFiles(view, task, body.action, body.data);
      const files = await checkNamedFiles(deps.documents, user, id, body.data, 'data');
      const data = files.data as typeof body.data;
      const answer = await deps.projects.act(
        id,
        { task, ...body, ...(data ? { data } : {}), department: user.department, actor: user.name, identity },
        requestId,
        {
          taskOpen: open,
        },
      );
      await bindRecords(deps.documents, files.records, id, log);
      res.json(answer);
    } catch (err) {
      // Refused attempts are logged, never written into the project.
      const refused = asHttpError(err);
      if (refused)
        log({
          level: 'warn',
          msg: 'action refused',
          requestId: res.locals.requestId,
          userId: user.id,
          projectId: id,
          task,
          action: body.action,
          status: refused.status,
          issues: refused.issues,
        });
      throw err;
    }
  });
}
