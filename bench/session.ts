/**
 * A workspace session the benchmarks time pages with: signed in as a person does on /signin, and
 * each page's server time read from the app's own request log (handler start to response finish).
 */
import type { Express } from 'express';
import request from 'supertest';

/** What the app's log says of each request it served. */
export type Served = Array<{ path: string; ms: number }>;

/** A log that keeps each served request's path and server time in `served`. */
export const servedLog = (served: Served) => (e: Record<string, unknown>) =>
  void (e.msg === 'request' && served.push({ path: String(e.path), ms: Number(e.ms) }));

/** An agent signed in to `app` as `account`, and a timer of its page loads (a page that is not 200 stops the run). */
export async function timedSession(app: Express, served: Served, account: string, token: string | undefined) {
  const agent = request.agent(app);
  const form = await agent.get('/signin');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  await agent.post('/signin').type('form').send({ _csrf: csrf, account, token, next: '/tasks' });
  /** A page's server time (ms); `check` may refuse what the page shows. */
  const timed = async (url: string, check?: (html: string) => void) => {
    served.length = 0;
    const res = await agent.get(url);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    check?.(res.text);
    return served.find((s) => s.path === url.split('?')[0])!.ms;
  };
  return { agent, timed };
}
