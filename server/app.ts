/**
 * The HTTP API v1, composed: middleware (server/api/middleware.ts), routes (server/api/routes.ts)
 * and error mapping (server/api/errors.ts), over the project service (server/projects-api.ts, implemented by server/projects.ts).
 */
import { useMessageRoutes } from './api/messages.js';
import type { MessageCentre } from './messages.js';
import express from 'express';
import type { Identities } from './identity.js';
import type { Projects } from './projects-api.js';
import type { ReadModelKeeper } from './read-model/keeper.js';
import { useErrorHandling } from './api/errors.js';
import { useMiddleware, type Log } from './api/middleware.js';
import { useRoutes, type Health } from './api/routes.js';
import type { DocumentsDeps } from './api/documents.js';
import { auditCsv } from './api/audit-csv.js';
import type { PagesDeps } from './pages/deps.js';
import { pagesRouter } from './pages/router.js';

export { actBody, listQuery, submitBody, whatIfBody } from './api/schemas.js';
export { auditCsv } from './api/audit-csv.js';
export type { Health } from './api/routes.js';
export type { Log } from './api/middleware.js';

/** What the API needs. */
export interface AppDeps {
  projects: Projects;
  /** The read model every list reads (server/read-model/keeper.ts). */
  lists: ReadModelKeeper;
  identities: Identities;
  health: () => Promise<Health>;
  now?: () => Date;
  log?: Log;
  /** Requests per credential per minute before 429 (default 600). */
  rateLimitPerMinute?: number;
  /** Requests per client address per minute without a valid credential before 429 (default 60). */
  anonymousRateLimitPerMinute?: number;
  /**
   * express `trust proxy` (default false: req.ip is the socket's peer). Behind a balancer set it to
   * the hops or addresses of the balancers, so rate limits and lockout see the client (X-Forwarded-For)
   * and req.secure the client's HTTPS (X-Forwarded-Proto), which the Secure cookie follows.
   */
  trustProxy?: boolean | number | string;
  /** The document store and upload limits (temporal.config.ts `documents`); without it no file can be uploaded or named. */
  documents?: DocumentsDeps;
  /** The message centre (server/messages.ts); without it there is no /v1/messages and no /messages. */
  messages?: MessageCentre;
  /** Options of the web pages (calendar, reminder window, saved views, session store). */
  pages?: Omit<PagesDeps, 'projects' | 'lists' | 'identities' | 'auditCsv' | 'now' | 'log'>;
}

/** The HTTP API v1. */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date());
  const log: Log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.trustProxy ?? false);
  useMiddleware(app, { ...deps, log });
  useRoutes(app, { projects: deps.projects, lists: deps.lists, health: deps.health, now, log, documents: deps.documents });
  if (deps.messages) useMessageRoutes(app, { messages: deps.messages, identities: deps.identities });
  // The reviewers' workspace: HTML pages with sessions, beside the API (which keeps bearer tokens).
  app.use(
    pagesRouter({
      ...deps.pages,
      projects: deps.projects,
      lists: deps.lists,
      identities: deps.identities,
      auditCsv,
      now,
      log,
      ...(deps.documents ? { documents: deps.documents } : {}),
      ...(deps.messages ? { messages: deps.messages } : {}),
    }),
  );
  useErrorHandling(app, log);
  return app;
}
