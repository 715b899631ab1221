/** The API's middleware: request ids and logs, security headers, the credential, rate limits, JSON bodies. */
import { createHash, randomUUID } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { HttpError } from '../errors.js';
import type { Identities, User } from '../identity.js';

/** Paths the API serves; every other path belongs to the pages. */
const API_PATH = /^\/(v1\/|v1$|healthz|readyz|openapi\.json)/i;

/**
 * The probes, as express routes them (case-insensitive, with or without a trailing slash): never
 * rate limited, with a credential or without, so load never takes a healthy instance out of a
 * balancer (issue 20; 等保 2.0 availability).
 */
export const PROBE_PATH = /^\/(healthz|readyz)\/?$/i;

/** A structured log line. */
export type Log = (entry: Record<string, unknown>) => void;

/** Install the middleware every route runs behind, in order. */
export function useMiddleware(app: Express, deps: { identities: Identities; log: Log; rateLimitPerMinute?: number; anonymousRateLimitPerMinute?: number }) {
  const { log } = deps;
  app.use((req, res, next) => {
    const incoming = req.header('X-Request-Id');
    const requestId = incoming && /^[A-Za-z0-9_-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('Cache-Control', 'no-store');
    const started = performance.now();
    res.on('finish', () =>
      log({
        level: 'info',
        msg: 'request',
        requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        userId: res.locals.user?.id,
        ms: Math.round(performance.now() - started),
      }),
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
      skip: (req, res) => !res.locals.credential || PROBE_PATH.test(req.path),
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
      skip: (req, res) =>
        Boolean(res.locals.credential) || PROBE_PATH.test(req.path) || !(API_PATH.test(req.path) || (req.method === 'POST' && req.path === '/signin')),
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: limited('(address)'),
    }),
  );
  app.use(express.json({ limit: '100kb', strict: true }));
}

/** The credential's user; 401 without one. */
export const userOf = (_req: Request, res: Response): User => {
  const user = res.locals.user as User | undefined;
  if (!user)
    throw new HttpError(401, 'unauthenticated', '需要有效的身份凭证（Authorization: Bearer <token>）', [
      { field: 'header.Authorization', rule: 'required', message: '缺少或无效的身份凭证' },
    ]);
  return user;
};
