import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import session, { type SessionData, Store } from 'express-session';
import { csrfSync } from 'csrf-sync';
import type { Identities, User } from './identity.js';

declare module 'express-session' {
  interface SessionData {
    userId: string;
    /** sha256 of the token the person signed in with; the token itself is never kept. */
    tokenHash: string;
    signedInAt: string;
    /** When this session last made a request (the idle timeout counts from here). */
    lastSeenAt: string;
    /** One message shown on the next page (e.g. “已提交”). */
    flash: string;
  }
}

/**
 * How long an idle session lasts (every request renews it), and how long any session lasts at most
 * from sign-in, however busy: 等保 2.0 三级 身份鉴别 b “当登录连接超时自动退出”. Configured in
 * temporal.config.ts `api.sessionIdleMinutes` / `api.sessionAbsoluteHours`.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 8 * 3_600_000;

/** Cookie name of the web session. */
export const SESSION_COOKIE = 'gov.sid';

/**
 * Sessions in memory, pruned as they expire. A restart signs everyone out, which costs a person one
 * sign-in and keeps no session state on disk; several API processes would need a shared store here.
 */
export class SessionStore extends Store {
  private readonly sessions = new Map<string, { data: SessionData; expires: number }>();

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    const entry = this.sessions.get(sid);
    if (entry && entry.expires <= Date.now()) this.sessions.delete(sid);
    callback(null, entry && entry.expires > Date.now() ? entry.data : null);
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    this.prune();
    const expires = data.cookie.expires ? new Date(data.cookie.expires).getTime() : Date.now() + SESSION_IDLE_MS;
    this.sessions.set(sid, { data: JSON.parse(JSON.stringify(data)) as SessionData, expires });
    callback?.();
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.sessions.delete(sid);
    callback?.();
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    const entry = this.sessions.get(sid);
    if (entry && data.cookie.expires) entry.expires = new Date(data.cookie.expires).getTime();
    callback?.();
  }

  /** Sessions signed in with a token of this hash (the count tests and operators look at). */
  countFor(tokenHash: string): number {
    return [...this.sessions.values()].filter((s) => s.data.tokenHash === tokenHash && s.expires > Date.now()).length;
  }

  private prune() {
    const now = Date.now();
    for (const [sid, entry] of this.sessions) if (entry.expires <= now) this.sessions.delete(sid);
  }
}

/** sha256 of a bearer token, as the identity store keeps it. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Options of the web session. */
export interface SessionOptions {
  store?: SessionStore;
  /** Send the cookie over HTTPS only; on by default outside development. */
  /** 'auto' (default): Secure when the request came over HTTPS (req.secure, behind a balancer only with `trust proxy`); true always. */
  secureCookie?: boolean | 'auto';
  idleMs?: number;
  /** How long a session lasts from sign-in at most. */
  absoluteMs?: number;
  /** The clock both limits are counted by. */
  now?: () => Date;
  /** Where a session ended by a limit is logged. */
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * The session middleware: an httpOnly, SameSite=Strict cookie renewed on each request, and the two
 * limits: a signed-in session idle longer than `idleMs`, or older than `absoluteMs` since sign-in,
 * is replaced by a fresh, signed-out one that says why on the sign-in page.
 */
export function sessionMiddleware(opts: SessionOptions = {}): RequestHandler[] {
  const idleMs = opts.idleMs ?? SESSION_IDLE_MS;
  const absoluteMs = opts.absoluteMs ?? SESSION_ABSOLUTE_MS;
  const now = opts.now ?? (() => new Date());
  const limits: RequestHandler = (req, _res, next) => {
    const s = req.session;
    if (!s?.userId || !s.signedInAt) return next();
    const t = now().getTime();
    const idle = t - Date.parse(s.lastSeenAt ?? s.signedInAt);
    const age = t - Date.parse(s.signedInAt);
    if (!(idle > idleMs || age > absoluteMs)) {
      s.lastSeenAt = new Date(t).toISOString();
      return next();
    }
    const reason = age > absoluteMs ? 'absolute' : 'idle';
    opts.log?.({ level: 'info', msg: 'session ended by its time limit', reason, userId: s.userId });
    s.regenerate((err) => {
      if (err) return next(err);
      req.session.flash =
        reason === 'idle'
          ? `您已 ${Math.round(idleMs / 60_000)} 分钟未操作，登录已超时，请重新登录`
          : `登录已满 ${Math.round(absoluteMs / 3_600_000)} 小时，请重新登录`;
      next();
    });
  };
  return [
    session({
      name: SESSION_COOKIE,
      store: opts.store ?? new SessionStore(),
      // Sessions live in this process only, so a per-process secret loses nothing on restart.
      secret: randomBytes(32).toString('hex'),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'strict', secure: opts.secureCookie ?? 'auto', maxAge: idleMs, path: '/' },
    }),
    limits,
  ];
}

/**
 * CSRF protection by the synchroniser token pattern: a token kept in the session, sent back in a
 * hidden `_csrf` form field (or the `X-CSRF-Token` header for scripts) with every POST.
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined;
    return (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? req.header('x-csrf-token');
  },
  errorConfig: { statusCode: 403, message: '表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试', code: 'EBADCSRFTOKEN' },
});

/**
 * The signed-in user, if the session's token is still in the identity store. A session whose token
 * was revoked (or has expired) is ended here, on its next request.
 */
export async function sessionUser(req: Request, identities: Identities): Promise<User | undefined> {
  const s = req.session;
  if (!s?.tokenHash) return undefined;
  const user = identities.userByTokenHash(s.tokenHash);
  if (user && user.id === s.userId) return user;
  await new Promise<void>((resolve) => s.destroy(() => resolve()));
  return undefined;
}

/** Start a fresh session (a new id, against fixation) for a person who presented a valid token. */
export async function signIn(req: Request, user: User, token: string, at: Date = new Date()): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
  req.session.userId = user.id;
  req.session.tokenHash = tokenHash(token);
  req.session.signedInAt = at.toISOString();
  req.session.lastSeenAt = at.toISOString();
}

/** End the session. */
export async function signOut(req: Request): Promise<void> {
  await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
}
