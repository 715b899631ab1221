/** @jsxImportSource preact */
import { rateLimit } from 'express-rate-limit';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Calendar } from '../../activities/calendar.js';
import { jurisdictions } from '../../machines/index.js';
import type { HistoryEntry } from '../../contracts/messages.js';
import { asHttpError } from '../api/errors.js';
import type { Identities, User } from '../identity.js';
import type { SavedViews } from '../saved-views.js';
import { DEFAULT_LOCKOUT, SignInGuard, type LockoutPolicy } from '../sign-in-guard.js';
import { csrf, sessionMiddleware, sessionUser, signIn, signOut, type SessionStore } from '../sessions.js';
import { clientScript, stylesheet } from './assets.js';
import { projectChart } from './chart.js';
import { ErrorPage, SignInPage } from './views/simple.js';
import type { PagesDeps } from './deps.js';
import { createKit, localPath } from './kit.js';
import { listRoutes } from './routes/lists.js';
import { statisticsRoutes } from './routes/statistics.js';
import { projectRoutes } from './routes/project.js';
import { applyRoutes } from './routes/apply.js';
import { messageRoutes } from './routes/messages.js';
import { multipartForms } from './uploads.js';

/** Pages served beside the API; every other path is left to the API. */
const API_PATHS = /^\/(v1\/|v1$|healthz|readyz|openapi\.json)/i;

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The reviewers' workspace: server-rendered pages with sessions and CSRF-protected forms. */
export function pagesRouter(deps: PagesDeps): express.Router {
  const kit = createKit(deps);
  const { log, ctxOf, send, userOr, now } = kit;
  const guard = new SignInGuard(deps.signInLockout ?? DEFAULT_LOCKOUT, () => now().getTime());
  const router = express.Router();
  if (deps.warmCharts) setImmediate(() => void Promise.all(Object.values(jurisdictions).map((d) => projectChart(d))).catch(() => undefined));

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

  router.use(
    sessionMiddleware({
      ...(deps.sessions ? { store: deps.sessions } : {}),
      ...(deps.secureCookie !== undefined ? { secureCookie: deps.secureCookie } : {}),
      ...(deps.sessionIdleMs !== undefined ? { idleMs: deps.sessionIdleMs } : {}),
      ...(deps.sessionAbsoluteMs !== undefined ? { absoluteMs: deps.sessionAbsoluteMs } : {}),
      now,
      log,
    }),
  );
  // Each browser session is limited as each API credential is (the API limits addresses without one).
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 600,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      keyGenerator: (req) => `session:${req.sessionID}`,
    }),
  );
  // Forms with files are multipart: read here, their _csrf checked before any file is stored.
  router.use(multipartForms({ documents: deps.documents, identities: deps.identities }));
  router.use(express.urlencoded({ extended: false, limit: '100kb', parameterLimit: 500 }));
  router.use(csrf.csrfSynchronisedProtection);
  // The count beside 待办 in the navigation, from the read model (issue 23), on every page a signed-in user opens.
  router.use(async (req, _res, next) => {
    if (req.method === 'GET' && !req.path.startsWith('/events/')) await kit.countTasks(req);
    next();
  });

  listRoutes(router, kit);
  statisticsRoutes(router, kit);
  projectRoutes(router, kit);
  applyRoutes(router, kit);
  messageRoutes(router, kit);

  router.get('/', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const home = user.roles.includes('supervisor')
      ? '/supervise'
      : user.roles.includes('reviewer') || user.roles.includes('applicant')
        ? '/tasks'
        : '/projects';
    res.redirect(303, home);
  });

  router.get('/signin', async (req, res) => {
    const user = await sessionUser(req, deps.identities);
    if (user) return res.redirect(303, localPath(req.query.next));
    send(res, 200, '登录', 'signin', ctxOf(req), <SignInPage ctx={ctxOf(req)} next={localPath(req.query.next)} />);
  });

  router.post('/signin', async (req, res) => {
    const account = typeof req.body?.account === 'string' ? req.body.account.trim().slice(0, 100) : '';
    const token = typeof req.body?.token === 'string' ? req.body.token.trim() : '';
    const next = localPath(req.body?.next);
    const refuse = (status: number, field: 'account' | 'token', error: string) => {
      const ctx = ctxOf(req);
      return send(res, status, '登录', 'signin', ctx, <SignInPage ctx={ctx} next={next} account={account} field={field} error={error} />);
    };
    if (!account) return refuse(400, 'account', '请填写账号');
    const locked = guard.lockedUntil(account);
    if (locked) {
      log({ level: 'warn', msg: 'sign-in refused: account locked', audit: 'sign-in', account, until: locked.toISOString(), requestId: res.locals.requestId });
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((locked.getTime() - now().getTime()) / 1000))));
      return refuse(429, 'account', lockedMessage(locked, deps.signInLockout ?? DEFAULT_LOCKOUT));
    }
    const user = deps.identities.authenticate(token);
    // The credential must be the named account's: one that belongs to someone else counts as a failure of this account.
    if (!user || user.id !== account) {
      const lockedNow = guard.failed(account);
      log({ level: 'warn', msg: 'sign-in refused', audit: 'sign-in', account, requestId: res.locals.requestId });
      if (lockedNow) {
        // The audit line 等保 asks for: which account, until when (the token is never logged).
        log({
          level: 'warn',
          msg: 'account locked after repeated failed sign-ins',
          audit: 'sign-in-lockout',
          account,
          until: lockedNow.toISOString(),
          requestId: res.locals.requestId,
        });
        return refuse(429, 'account', lockedMessage(lockedNow, deps.signInLockout ?? DEFAULT_LOCKOUT));
      }
      return refuse(401, 'token', '账号或身份凭证无效，或凭证已被撤销');
    }
    guard.succeeded(account);
    await signIn(req, user, token, now());
    log({ level: 'info', msg: 'signed in', audit: 'sign-in', requestId: res.locals.requestId, userId: user.id });
    res.redirect(303, next);
  });

  router.post('/signout', async (req, res) => {
    await signOut(req);
    res.redirect(303, '/signin');
  });

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const user = res.locals.user as User | undefined;
    const ctx = ctxOf(req, user);
    if ((err as { code?: string }).code === 'EBADCSRFTOKEN') {
      return send(
        res,
        403,
        '无权访问',
        'signin',
        ctx,
        <ErrorPage status={403} message={(err as Error).message} issues={[{ field: '_csrf', rule: 'csrf', message: '表单校验码无效' }]} />,
      );
    }
    const known = asHttpError(err);
    if (known) return send(res, known.status, '出错了', 'signin', ctx, <ErrorPage status={known.status} message={known.message} issues={known.issues} />);
    log({ level: 'error', msg: 'page failed', requestId: res.locals.requestId, path: req.path, error: String((err as Error)?.stack ?? err) });
    send(
      res,
      500,
      '出错了',
      'signin',
      ctx,
      <ErrorPage status={500} message={`服务暂时不可用，请稍后再试（请求编号 ${String(res.locals.requestId)}）`} issues={[]} />,
    );
  });

  return router;
}

/** What a locked account is told: until when (北京时间), and whom to ask. */
function lockedMessage(until: Date, policy: LockoutPolicy): string {
  const hm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(until);
  return `该账号 ${Math.round(policy.windowMs / 60_000)} 分钟内登录失败 ${policy.maxFailures} 次，已锁定至 ${hm}（北京时间）；请届时再试，或请管理员核实`;
}
