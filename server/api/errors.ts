/**
 * Error mapping: the one place that decides the HTTP status of everything that can go wrong —
 * the service's domain errors, refusals, express's body parser, unknown paths and methods.
 */
import type { Express, NextFunction, Request, Response } from 'express';
import { HttpError, notFound, shortId } from '../errors.js';
import { ActionRefused, ProjectError, ProjectNotFound, SubmissionKeyReused, TemporalUnavailable, UnknownPage } from '../projects.js';
import type { Log } from './middleware.js';

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_S = 5;

const refusalStatus = { invalid: 400, forbidden: 403, conflict: 409, reused: 422 } as const;
const refusalCode = { invalid: 'invalid_request', forbidden: 'forbidden', conflict: 'conflict', reused: 'idempotency_key_reused' } as const;

/** The HTTP status and code of a domain error. */
export function httpStatusOf(err: ProjectError): { status: number; code: string } {
  if (err instanceof ActionRefused) return { status: refusalStatus[err.refusal.kind] ?? 400, code: refusalCode[err.refusal.kind] ?? 'invalid_request' };
  if (err instanceof ProjectNotFound || err instanceof UnknownPage) return { status: 404, code: err.code };
  if (err instanceof TemporalUnavailable) return { status: 503, code: err.code };
  if (err instanceof SubmissionKeyReused) return { status: 422, code: err.code };
  if (err.code === 'regulation_not_in_force') return { status: 409, code: err.code };
  return { status: 400, code: err.code };
}

/** Any error as the HttpError it answers with, or undefined for an unknown one (500). */
export function asHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof ProjectError) {
    const { status, code } = httpStatusOf(err);
    return new HttpError(status, code, err.message, err.issues);
  }
  return undefined;
}

/** After the routes: 404 for an unknown path, 405 naming the methods a known path serves, then the error handler. */
export function useErrorHandling(app: Express, log: Log) {
  // A known path with a method it does not serve: 405 naming the methods it does.
  const routes = (
    app as unknown as { router: { stack: Array<{ route?: { methods: Record<string, boolean> }; match(path: string): boolean }> } }
  ).router.stack.filter((l) => l.route);
  app.use((req: Request, res: Response) => {
    const allowed = new Set(routes.filter((l) => l.match(req.path)).flatMap((l) => Object.keys(l.route!.methods).map((m) => m.toUpperCase())));
    if (allowed.size === 0) throw notFound(`${req.method} ${shortId(req.path)} 不存在`);
    if (allowed.has('GET')) allowed.add('HEAD');
    res.setHeader('Allow', [...allowed].sort().join(', '));
    throw new HttpError(405, 'method_not_allowed', `${shortId(req.path)} 不支持 ${shortId(req.method)}`, [
      { field: '(method)', rule: 'not_allowed', message: `可用方法：${[...allowed].sort().join(', ')}` },
    ]);
  });

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof TemporalUnavailable) {
      res.setHeader('Retry-After', String(RETRY_AFTER_S));
      if (err.pending?.idempotencyKey) res.setHeader('Idempotency-Key', err.pending.idempotencyKey);
      res.status(503).json({
        error: {
          code: err.code,
          message: err.message,
          issues: err.issues,
          requestId: res.locals.requestId,
          ...(err.pending ? { mayStillApply: err.pending.mayStillApply } : {}),
          ...(err.pending?.idempotencyKey ? { idempotencyKey: err.pending.idempotencyKey } : {}),
          ...(err.pending?.projectId ? { projectId: err.pending.projectId } : {}),
        },
      });
      return;
    }
    const known = asHttpError(err);
    if (known) {
      // Every 503 says when to try again (the document store's own faults among them).
      if (known.status === 503) res.setHeader('Retry-After', String((known as { retryAfterSeconds?: number }).retryAfterSeconds ?? RETRY_AFTER_S));
      res.status(known.status).json({ error: { code: known.code, message: known.message, issues: known.issues, requestId: res.locals.requestId } });
      return;
    }
    const status = (err as { status?: number; type?: string }).status;
    const bodyError = status === undefined ? undefined : BODY_ERRORS[status];
    if (bodyError) {
      // express.json: malformed JSON, an oversized body, an encoding or charset it cannot read.
      const header =
        status === 415 ? ((err as { type?: string }).type === 'charset.unsupported' ? 'header.Content-Type' : 'header.Content-Encoding') : '(body)';
      res.status(status!).json({
        error: {
          code: bodyError.code,
          message: bodyError.message,
          issues: [{ field: header, rule: String((err as { type?: string }).type), message: bodyError.message }],
          requestId: res.locals.requestId,
        },
      });
      return;
    }
    log({ level: 'error', msg: 'unhandled', requestId: res.locals.requestId, method: req.method, path: req.path, error: String((err as Error)?.stack ?? err) });
    res.status(500).json({ error: { code: 'internal', message: '服务器内部错误', issues: [], requestId: res.locals.requestId } });
  });
}

/** What express.json's refusals answer. */
const BODY_ERRORS: Record<number, { code: string; message: string }> = {
  400: { code: 'invalid_json', message: '请求体不是有效的 JSON' },
  413: { code: 'payload_too_large', message: '请求体过大' },
  415: { code: 'unsupported_media_type', message: '只接受 UTF-8 编码的 JSON 请求体（Content-Encoding 可为 identity、gzip、deflate 或 br）' },
};
