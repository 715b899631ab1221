import { createHash, randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { z } from 'zod';
import { findJurisdiction, jurisdiction, jurisdictionIds, jurisdictions } from '../machines/index.js';
import { regulationStatus } from '../machines/shared/definition.js';
import { isoDate, text } from '../machines/shared/schemas.js';
import { whatIfAll } from '../machines/whatif.js';
import { zodIssues } from '../machines/intake.js';
import { chinaDate } from '../machines/shared/events.js';
import { PUBLIC_STATUSES, TASK_ACTION_LABELS } from '../machines/shared/meta.js';
import { chartJson, statelySource } from './charts.js';
import { badRequest, HttpError, notFound, shortId } from './errors.js';
import type { HistoryEntry } from '../workflows/messages.js';
import { assertMayAct, assertMayApply, assertMaySee, listScope } from './access.js';
import type { Identities, User } from './identity.js';
import { jurisdictionOfProject, TemporalUnavailable, type ProjectService } from './projects.js';
import { pagesRouter, type PagesDeps } from './pages/router.js';

/** Paths the API serves; every other path belongs to the pages. */
const API_PATH = /^\/(v1\/|v1$|healthz|openapi\.json)/;

/** /healthz answers within this time, whatever Temporal does. */
const HEALTH_WAIT_MS = 2_500;
/** Seconds a client should wait before retrying after a 503. */
const RETRY_AFTER_S = 5;

/** Whether the product can serve: Temporal reachable and a worker polling the task queue. */
export interface Health {
  temporal: boolean;
  workerPolling: boolean;
}

const projectId = z.string().regex(/^[a-z]+-\d{8}-[0-9a-f]{8}$/);
const keyword = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '只能包含字母、数字和下划线');

/** Body of POST /v1/projects; who submits comes from the credential. */
export const submitBody = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds),
  application: z.record(z.string(), z.unknown()),
});

/** Body of an action; the acting department and person come from the credential, never from here. */
export const actBody = z.strictObject({
  action: z.enum(Object.keys(TASK_ACTION_LABELS) as [keyof typeof TASK_ACTION_LABELS, ...(keyof typeof TASK_ACTION_LABELS)[]]),
  comment: text().max(2000).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

/** Query of GET /v1/projects; the caller's scope is added from the credential. */
export const listQuery = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds).optional(),
  status: z.enum(Object.keys(PUBLIC_STATUSES) as [string, ...string[]]).optional(),
  awaiting: keyword.optional(),
  dueBefore: z.iso.datetime().optional(),
  /** Projects with a time limit falling within this many days from now (0 = already due). */
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().regex(/^[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{22}$/, '无效的分页标记').optional(),
});

/** Body of POST /v1/what-if and the what-if CLI: shared fields plus per-jurisdiction fields. */
export const whatIfBody = z.strictObject({
  application: z.record(z.string(), z.unknown()),
  overrides: z.partialRecord(z.enum(jurisdictionIds), z.record(z.string(), z.unknown())).default({}),
  /** The day to evaluate on (validity, 淅川's 30 June); today when absent. */
  date: isoDate.optional(),
});

const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, '8 to 100 letters, digits, - or _');

function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest('请求不符合要求', zodIssues(result.error, where));
  return result.data;
}

const idOf = (req: Request) => {
  const result = projectId.safeParse(req.params.id);
  if (!result.success) throw notFound(`项目 ${shortId(req.params.id)} 不存在`);
  return result.data;
};

/** A structured log line. */
export type Log = (entry: Record<string, unknown>) => void;

/** What the API needs. */
export interface AppDeps {
  projects: ProjectService;
  identities: Identities;
  health: () => Promise<Health>;
  now?: () => Date;
  log?: Log;
  /** Requests per credential per minute before 429 (default 600). */
  rateLimitPerMinute?: number;
  /** Requests per client address per minute without a valid credential before 429 (default 60). */
  anonymousRateLimitPerMinute?: number;
  /** Options of the web pages (calendar, reminder window, saved views, session store). */
  pages?: Omit<PagesDeps, 'projects' | 'identities' | 'auditCsv' | 'now' | 'log'>;
}

/** The HTTP API v1. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const log: Log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const incoming = req.header('X-Request-Id');
    const requestId = incoming && /^[A-Za-z0-9_-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('Cache-Control', 'no-store');
    const started = performance.now();
    res.on('finish', () =>
      log({ level: 'info', msg: 'request', requestId, method: req.method, path: req.path, status: res.statusCode, userId: res.locals.user?.id, ms: Math.round(performance.now() - started) }),
    );
    next();
  });
  // A JSON API: no content to frame, script or embed.
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      frameguard: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );

  // The credential, if valid, before anything else: the rate limits are kept per credential, or per address without one.
  app.use((req, res, next) => {
    const match = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(req.header('Authorization') ?? '');
    const user = deps.identities.authenticate(match?.[1]);
    if (user) {
      res.locals.user = user;
      res.locals.credential = createHash('sha256').update(match![1]!).digest('hex');
    }
    next();
  });
  const limited = (field: string) => (_req: Request, _res: Response, next: NextFunction) =>
    next(new HttpError(429, 'rate_limited', '请求过于频繁，请稍后再试', [{ field, rule: 'rate_limit', message: '请求过于频繁' }]));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 600,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      skip: (_req, res) => !res.locals.credential,
      keyGenerator: (_req, res) => String(res.locals.credential),
      handler: limited('header.Authorization'),
    }),
  );
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.anonymousRateLimitPerMinute ?? 60,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // Probes of /healthz come from load balancers without credentials. The pages limit their
      // signed-in users per session (server/pages/router.tsx); here only the API and sign-in count.
      skip: (req, res) => Boolean(res.locals.credential) || req.path === '/healthz' || !(API_PATH.test(req.path) || (req.method === 'POST' && req.path === '/signin')),
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: limited('(address)'),
    }),
  );
  app.use(express.json({ limit: '100kb', strict: true }));

  /** The credential's user; 401 without one. */
  const userOf = (_req: Request, res: Response): User => {
    const user = res.locals.user as User | undefined;
    if (!user) throw new HttpError(401, 'unauthenticated', '需要有效的身份凭证（Authorization: Bearer <token>）', [{ field: 'header.Authorization', rule: 'required', message: '缺少或无效的身份凭证' }]);
    return user;
  };

  /** A project the user may see (the same scope for reading and acting), with the departments it has involved. */
  const visibleProject = async (user: User, id: string) => {
    // The id names the jurisdiction, so another jurisdiction's user is refused without asking Temporal.
    if (jurisdictionOfProject(id) !== user.jurisdiction) throw new HttpError(403, 'forbidden', '该项目不属于您所在的辖区', [{ field: 'authorization', rule: 'scope', message: '该项目不属于您所在的辖区' }]);
    const view = await deps.projects.view(id);
    try {
      assertMaySee(user, view, []);
    } catch (err) {
      // Only a reviewer's involvement in earlier steps can still grant sight; it needs the audit trail.
      if (!user.roles.includes('reviewer')) throw err;
      assertMaySee(user, view, (await deps.projects.audit(id)).flatMap((h) => (h.department ? [h.department] : [])));
    }
    return view;
  };

  app.get('/healthz', async (_req, res) => {
    // Answer within HEALTH_WAIT_MS even when the health check itself does not return.
    const down = { temporal: false, workerPolling: false };
    let timer: NodeJS.Timeout | undefined;
    const health = await Promise.race([deps.health().catch(() => down), new Promise<Health>((r) => (timer = setTimeout(() => r(down), HEALTH_WAIT_MS)))]);
    clearTimeout(timer);
    if (!(health.temporal && health.workerPolling)) res.setHeader('Retry-After', '5');
    res.status(health.temporal && health.workerPolling ? 200 : 503).json(health);
  });

  app.get('/openapi.json', async (_req, res) => {
    const { openApiDocument } = await import('./openapi.js');
    res.json(openApiDocument());
  });

  app.get('/v1/jurisdictions', (_req, res) => {
    const today = chinaDate(now().getTime());
    res.json(
      Object.values(jurisdictions).map((d) => ({ id: d.id, name: d.name, chartVersion: d.version, regulation: d.regulation, ...regulationStatus(d.regulation, today) })),
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
    // Runs all five charts: signed-in users only, under their credential's rate limit.
    userOf(req, res);
    const body = parse(whatIfBody, req.body, '');
    res.json({ results: whatIfAll(Object.values(jurisdictions), body.application, body.overrides as Record<string, Record<string, unknown>>, body.date ?? chinaDate(now().getTime())) });
  });

  app.post('/v1/projects', async (req, res) => {
    const user = userOf(req, res);
    const body = parse(submitBody, req.body, '');
    assertMayApply(user, body.jurisdiction, body.application);
    const view = await deps.projects.submit(jurisdiction(body.jurisdiction).id, body.application, { actor: user.name }, now());
    res.status(201).location(`/v1/projects/${view.projectId}`).json(view);
  });

  app.get('/v1/projects', async (req, res) => {
    const user = userOf(req, res);
    const { dueWithinDays, overdue, ...query } = parse(listQuery, req.query, 'query');
    const scope = listScope(user);
    if (query.jurisdiction && query.jurisdiction !== scope.jurisdiction) throw new HttpError(403, 'forbidden', '只能查看本辖区的项目', [{ field: 'query.jurisdiction', rule: 'scope', message: '只能查看本辖区的项目' }]);
    const within = dueWithinDays === undefined ? undefined : new Date(now().getTime() + dueWithinDays * 86_400_000).toISOString();
    const dueBefore = [query.dueBefore, within].filter((x): x is string => Boolean(x)).sort()[0];
    res.json(await deps.projects.list({ ...query, ...scope, ...(dueBefore ? { dueBefore } : {}), ...(overdue === 'true' ? { overdue: true } : {}) }));
  });

  app.get('/v1/projects/:id', async (req, res) => {
    const user = userOf(req, res);
    res.json(await visibleProject(user, idOf(req)));
  });

  app.get('/v1/projects/:id/audit', async (req, res) => {
    const user = userOf(req, res);
    const id = idOf(req);
    const { format } = parse(z.strictObject({ format: z.enum(['json', 'csv']).default('json') }), req.query, 'query');
    await visibleProject(user, id);
    const trail = await deps.projects.audit(id);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${id}-audit.csv`).send(auditCsv(trail));
    } else {
      res.json(trail);
    }
  });

  app.post('/v1/projects/:id/tasks/:task/actions', async (req, res) => {
    const user = userOf(req, res);
    const id = idOf(req);
    const task = parse(keyword, req.params.task, 'task');
    const body = parse(actBody, req.body, '');
    const key = req.header('Idempotency-Key');
    const requestId = key === undefined ? undefined : parse(idempotencyKey, key, 'header.Idempotency-Key');
    const identity = { userId: user.id, jurisdiction: user.jurisdiction, department: user.department, roles: [...user.roles], ...(user.unit ? { unit: user.unit } : {}) };
    try {
      // The same scope as reading: a project the user may not see is refused before any command is sent.
      const view = await visibleProject(user, id).catch((err: unknown) => {
        throw err instanceof TemporalUnavailable ? new TemporalUnavailable({ mayStillApply: false }) : err;
      });
      const { open } = assertMayAct(user, view, task, body.action);
      res.json(await deps.projects.act(id, { task, ...body, department: user.department, actor: user.name, identity }, requestId, { taskOpen: open }));
    } catch (err) {
      // Refused attempts are logged, never written into the project.
      if (err instanceof HttpError) log({ level: 'warn', msg: 'action refused', requestId: res.locals.requestId, userId: user.id, projectId: id, task, action: body.action, status: err.status, issues: err.issues });
      throw err;
    }
  });

  // The reviewers' workspace: HTML pages with sessions, beside the API (which keeps bearer tokens).
  app.use(pagesRouter({ ...deps.pages, projects: deps.projects, identities: deps.identities, auditCsv, now, log }));

  // A known path with a method it does not serve: 405 naming the methods it does.
  const routes = (app as unknown as { router: { stack: Array<{ route?: { methods: Record<string, boolean> }; match(path: string): boolean }> } }).router.stack.filter((l) => l.route);
  app.use((req: Request, res: Response) => {
    const allowed = new Set(routes.filter((l) => l.match(req.path)).flatMap((l) => Object.keys(l.route!.methods).map((m) => m.toUpperCase())));
    if (allowed.size === 0) throw notFound(`${req.method} ${shortId(req.path)} 不存在`);
    if (allowed.has('GET')) allowed.add('HEAD');
    res.setHeader('Allow', [...allowed].sort().join(', '));
    throw new HttpError(405, 'method_not_allowed', `${shortId(req.path)} 不支持 ${shortId(req.method)}`, [{ field: '(method)', rule: 'not_allowed', message: `可用方法：${[...allowed].sort().join(', ')}` }]);
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof TemporalUnavailable) {
      res.setHeader('Retry-After', String(RETRY_AFTER_S));
      if (err.pending?.idempotencyKey) res.setHeader('Idempotency-Key', err.pending.idempotencyKey);
      res.status(503).json({ error: { code: err.code, message: err.message, issues: err.issues, requestId: res.locals.requestId, ...(err.pending ? { mayStillApply: err.pending.mayStillApply } : {}), ...(err.pending?.idempotencyKey ? { idempotencyKey: err.pending.idempotencyKey } : {}), ...(err.pending?.projectId ? { projectId: err.pending.projectId } : {}) } });
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, issues: err.issues, requestId: res.locals.requestId } });
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    const bodyError = status === undefined ? undefined : BODY_ERRORS[status];
    if (bodyError) {
      // express.json: malformed JSON, an oversized body, an encoding or charset it cannot read.
      const header = status === 415 ? ((err as { type?: string }).type === 'charset.unsupported' ? 'header.Content-Type' : 'header.Content-Encoding') : '(body)';
      res.status(status!).json({ error: { code: bodyError.code, message: bodyError.message, issues: [{ field: header, rule: String((err as { type?: string }).type), message: bodyError.message }], requestId: res.locals.requestId } });
      return;
    }
    log({ level: 'error', msg: 'unhandled', requestId: res.locals.requestId, method: req.method, path: req.path, error: String((err as Error)?.stack ?? err) });
    res.status(500).json({ error: { code: 'internal', message: '服务器内部错误', issues: [], requestId: res.locals.requestId } });
  });

  return app;
}

/** What express.json's refusals answer. */
const BODY_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'invalid_json', message: '请求体不是有效的 JSON' },
  413: { code: 'payload_too_large', message: '请求体过大' },
  415: { code: 'unsupported_media_type', message: '只接受 UTF-8 编码的 JSON 请求体（Content-Encoding 可为 identity、gzip、deflate 或 br）' },
};

const CSV_COLUMNS = ['seq', 'at', 'kind', 'task', 'action', 'department', 'actor', 'userId', 'comment', 'article', 'message', 'fromStatus', 'toStatus', 'requestId'] as const;

/** The audit trail as CSV (RFC 4180), one row per entry; formulas are neutralised for spreadsheets. */
export function auditCsv(trail: HistoryEntry[]): string {
  const cell = (v: unknown) => {
    let s = v === undefined || v === null ? '' : String(v);
    if (/^[=+\-@]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [CSV_COLUMNS.join(','), ...trail.map((h) => CSV_COLUMNS.map((c) => cell((h as unknown as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n';
}
