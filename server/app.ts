import express, { type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { jurisdiction, jurisdictionIds, jurisdictions } from '../machines/index.js';
import { regulationStatus } from '../machines/shared/definition.js';
import { isoDate } from '../machines/shared/schemas.js';
import { whatIfAll } from '../machines/whatif.js';
import { zodIssues } from '../machines/intake.js';
import { chinaDate } from '../machines/shared/events.js';
import { PUBLIC_STATUSES, TASK_ACTION_LABELS } from '../machines/shared/meta.js';
import { chartJson, statelySource } from './charts.js';
import { badRequest, HttpError, notFound } from './errors.js';
import type { ProjectService } from './projects.js';

/** Whether the product can serve: Temporal reachable and a worker polling the task queue. */
export interface Health {
  temporal: boolean;
  workerPolling: boolean;
}

const projectId = z.string().regex(/^[a-z]+-\d{8}-[0-9a-f]{8}$/);
const keyword = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '只能包含字母、数字和下划线');
const text = (max: number) => z.string().trim().min(1).max(max);

const submitBody = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds),
  application: z.record(z.string(), z.unknown()),
  submittedBy: z.strictObject({ actor: text(100) }),
});

const actBody = z.strictObject({
  action: z.enum(Object.keys(TASK_ACTION_LABELS) as [keyof typeof TASK_ACTION_LABELS, ...(keyof typeof TASK_ACTION_LABELS)[]]),
  department: keyword,
  actor: text(100),
  comment: z.string().trim().max(2000).optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

const listQuery = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds).optional(),
  status: z.enum(Object.keys(PUBLIC_STATUSES) as [string, ...string[]]).optional(),
  awaiting: keyword.optional(),
  dueBefore: z.iso.datetime().optional(),
  /** Projects with a time limit falling within this many days from now (0 = already due). */
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/).optional(),
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
  if (!result.success) throw notFound(`项目 ${String(req.params.id)} 不存在`);
  return result.data;
};

/** The HTTP API v1. */
export function createApp(deps: { projects: ProjectService; health: () => Promise<Health>; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '100kb', strict: true }));

  app.get('/healthz', async (_req, res) => {
    const health = await deps.health().catch(() => ({ temporal: false, workerPolling: false }));
    res.status(health.temporal && health.workerPolling ? 200 : 503).json(health);
  });

  app.get('/v1/jurisdictions', (_req, res) => {
    const today = chinaDate(now().getTime());
    res.json(
      Object.values(jurisdictions).map((d) => ({ id: d.id, name: d.name, chartVersion: d.version, regulation: d.regulation, ...regulationStatus(d.regulation, today) })),
    );
  });

  app.get('/v1/jurisdictions/:id/chart', (req, res) => {
    const def = jurisdictions[String(req.params.id)];
    if (!def) throw notFound(`辖区 ${String(req.params.id)} 不存在`);
    res.json(chartJson(def));
  });

  app.get('/v1/jurisdictions/:id/chart.stately.ts', (req, res) => {
    const def = jurisdictions[String(req.params.id)];
    if (!def) throw notFound(`辖区 ${String(req.params.id)} 不存在`);
    res.type('text/plain; charset=utf-8').send(statelySource(def));
  });

  app.post('/v1/what-if', (req, res) => {
    const body = parse(whatIfBody, req.body, '');
    res.json({ results: whatIfAll(Object.values(jurisdictions), body.application, body.overrides as Record<string, Record<string, unknown>>, body.date ?? chinaDate(now().getTime())) });
  });

  app.post('/v1/projects', async (req, res) => {
    const body = parse(submitBody, req.body, '');
    const view = await deps.projects.submit(jurisdiction(body.jurisdiction).id, body.application, body.submittedBy, now());
    res.status(201).location(`/v1/projects/${view.projectId}`).json(view);
  });

  app.get('/v1/projects', async (req, res) => {
    const { dueWithinDays, overdue, ...query } = parse(listQuery, req.query, 'query');
    const within = dueWithinDays === undefined ? undefined : new Date(now().getTime() + dueWithinDays * 86_400_000).toISOString();
    const dueBefore = [query.dueBefore, within].filter((x): x is string => Boolean(x)).sort()[0];
    res.json(await deps.projects.list({ ...query, ...(dueBefore ? { dueBefore } : {}), ...(overdue === 'true' ? { overdue: true } : {}) }));
  });

  app.get('/v1/projects/:id', async (req, res) => {
    res.json(await deps.projects.view(idOf(req)));
  });

  app.get('/v1/projects/:id/audit', async (req, res) => {
    res.json(await deps.projects.audit(idOf(req)));
  });

  app.post('/v1/projects/:id/tasks/:task/actions', async (req, res) => {
    const id = idOf(req);
    const task = parse(keyword, req.params.task, 'task');
    const body = parse(actBody, req.body, '');
    const key = req.header('Idempotency-Key');
    const requestId = key === undefined ? undefined : parse(idempotencyKey, key, 'header.Idempotency-Key');
    res.json(await deps.projects.act(id, { task, ...body }, requestId));
  });

  app.use((req: Request) => {
    throw notFound(`${req.method} ${req.path} 不存在`);
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, issues: err.issues } });
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    if (status === 400 || status === 413) {
      // express.json: malformed JSON or an oversized body.
      const message = status === 413 ? '请求体过大' : '请求体不是有效的 JSON';
      res.status(status).json({ error: { code: status === 413 ? 'payload_too_large' : 'invalid_json', message, issues: [{ field: '(body)', rule: String((err as { type?: string }).type), message }] } });
      return;
    }
    console.error(JSON.stringify({ level: 'error', msg: 'unhandled', method: req.method, path: req.path, error: String((err as Error)?.stack ?? err) }));
    res.status(500).json({ error: { code: 'internal', message: '服务器内部错误', issues: [] } });
  });

  return app;
}
