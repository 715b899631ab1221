import { generateKeyPairSync } from 'node:crypto';
import type { Client } from '@temporalio/client';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { ProjectView } from '../../contracts/messages.js';
import { ProjectService } from '../../server/projects.js';
import { CommandSigner } from '../../server/signing.js';
import { testApp } from '../helpers/app.js';
import { entry, FakeProjects, projectView, signedIn, step } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';

// Issue 20 item 7: the smaller gaps above the front door (docs/front-door.md), over the fake project service.
function setup() {
  const ids = testIdentities();
  const projects = new FakeProjects();
  const app = testApp({ projects, identities: ids.identities });
  const open = projects.add(
    projectView({
      projectId: 'weishan-20260302-00000d01',
      jurisdiction: 'weishan',
      applicantUnit: '微山县示例单位',
      tasks: [step('weishan', 'requirementsReview', 'bigData')],
    }),
    [entry(1, 'submitted', 'applicant')],
  );
  const tokenOf = (userId: string) => ids.bearer(userId).slice('Bearer '.length);
  const acts = () => projects.calls.filter((c) => c.method === 'act');
  return { ids, projects, app, open, tokenOf, acts };
}

/** The JSON text of `depth` levels of nesting, an object outside, objects and arrays by turns (as text: JSON.stringify of 45,000 levels overflows the test's own stack). */
const nested = (depth: number): string => {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const object = i % 2 === 0;
    open = object ? `${open}{"a":` : `${open}[`;
    close = `${object ? '}' : ']'}${close}`;
  }
  return `${open}"底"${close}`;
};

// (A lone surrogate cannot travel in a form body, which is UTF-8: the API's JSON check of it is in test/server/front-door.test.ts.)
const unsafeComments: Array<[name: string, comment: string]> = [
  ['NUL', '同意\u0000'],
  ['U+202E (right-to-left override)', '同意\u202E意同不'],
  ['U+2066 (left-to-right isolate)', '\u2066同意\u2069'],
  ['2,001 characters', '意'.repeat(2001)],
];

describe('one free-text rule for the API and the pages (server/free-text.ts)', () => {
  it.each(unsafeComments)('refuses a 办理意见 with %s at both doors, naming the field, and sends nothing', async (_name, comment) => {
    const s = setup();
    const api = await request(s.app)
      .post(`/v1/projects/${s.open.projectId}/tasks/requirementsReview/actions`)
      .set('Authorization', s.ids.bearer('weishan.bigdata'))
      .send({ action: 'approve', comment });
    expect(api.status).toBe(400);
    expect(api.body.error.issues.map((i: { field: string }) => i.field)).toContain('comment');

    const { agent, csrf } = await signedIn(s.app, s.tokenOf('weishan.bigdata'), 'weishan.bigdata');
    const page = await agent
      .post(`/projects/${s.open.projectId}/tasks/requirementsReview/approve`)
      .type('form')
      .send({ _csrf: await csrf('/tasks'), comment });
    expect(page.status).toBe(400);
    expect(page.text).toContain('办理意见');
    expect(page.text).toContain(api.body.error.issues.find((i: { field: string }) => i.field === 'comment').message);
    expect(s.acts()).toEqual([]);
  });

  it('accepts the same comment, trimmed, at both doors when it is clean', async () => {
    const s = setup();
    const api = await request(s.app)
      .post(`/v1/projects/${s.open.projectId}/tasks/requirementsReview/actions`)
      .set('Authorization', s.ids.bearer('weishan.bigdata'))
      .send({ action: 'approve', comment: '  同意，按程序办理。 ' });
    expect(api.status).toBe(200);
    const { agent, csrf } = await signedIn(s.app, s.tokenOf('weishan.bigdata'), 'weishan.bigdata');
    const page = await agent
      .post(`/projects/${s.open.projectId}/tasks/requirementsReview/approve`)
      .type('form')
      .send({ _csrf: await csrf('/tasks'), comment: '  同意，按程序办理。 ' });
    expect(page.status).toBe(303);
    expect(s.acts().map((c) => (c as { request: { comment?: string } }).request.comment)).toEqual(['同意，按程序办理。', '同意，按程序办理。']);
  });
});

/** The real project service over a Temporal client that answers from memory: what signs and hashes a command runs. */
function realService(view: ProjectView) {
  const updates: unknown[] = [];
  const client = {
    options: { namespace: 'default' },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
    workflowService: { listWorkflowExecutions: async () => ({ executions: [] }) },
    workflow: {
      getHandle: () => ({
        query: async (q: { name: string }) => (q.name === 'audit' ? view.history : view),
        describe: async () => ({ status: { name: 'RUNNING' } }),
        executeUpdate: async (_u: unknown, opts: unknown) => (updates.push(opts), view),
      }),
    },
  } as unknown as Client;
  const projects = new ProjectService({
    client,
    taskQueue: 'projects',
    historyEventLimit: 2_000,
    signer: new CommandSigner('test-key', generateKeyPairSync('ed25519').privateKey),
  });
  return { projects, updates };
}

describe('no 5xx on deeply nested data (issue 20: 7 shapes on the API, 19 on the pages)', () => {
  const depths = [17, 1_000, 25_000];
  it.each(depths)('answers data nested %i levels on a task that is not open with 400 naming `data`, and sends no update', async (depth) => {
    const s = setup();
    const { projects, updates } = realService(s.open);
    const app = testApp({ projects, identities: s.ids.identities });
    for (const task of ['financeReview', 'requirementsReview']) {
      const res = await request(app)
        .post(`/v1/projects/${s.open.projectId}/tasks/${task}/actions`)
        .set('Authorization', s.ids.bearer('weishan.bigdata'))
        .type('application/json')
        .send(`{"action":"approve","data":${nested(depth)}}`);
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { field: string }) => i.field)).toContain('data');
    }
    expect(updates).toEqual([]);
  });

  it('still accepts a payload as deep as the charts use', async () => {
    const s = setup();
    const { projects, updates } = realService(s.open);
    const app = testApp({ projects, identities: s.ids.identities });
    const res = await request(app)
      .post(`/v1/projects/${s.open.projectId}/tasks/financeReview/actions`)
      .set('Authorization', s.ids.bearer('weishan.bigdata'))
      .type('application/json')
      .send(`{"action":"approve","data":${nested(16)}}`);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error?.issues ?? []).toEqual([]);
    expect(updates).toHaveLength(1);
  });

  it('answers crafted form fields on a task that is not open, and on an open one, without a 5xx', async () => {
    const s = setup();
    const { projects } = realService(s.open);
    const app = testApp({ projects, identities: s.ids.identities });
    const { agent, csrf } = await signedIn(app, s.tokenOf('weishan.bigdata'), 'weishan.bigdata');
    const token = await csrf('/tasks');
    const deepName = `data${'.a'.repeat(400)}`;
    const shapes: Array<Record<string, string | string[]>> = [
      { [deepName]: 'x' },
      { 'data.__proto__.polluted': 'x', 'data.constructor.prototype.x': 'y' },
      { comment: ['一', '二'] },
      { 'data[a][b][c]': 'x', 'data.rows.99999.amount': '1' },
      { requestId: 'x'.repeat(5_000), comment: '同意' },
    ];
    for (const shape of shapes)
      for (const task of ['financeReview', 'requirementsReview']) {
        const res = await agent
          .post(`/projects/${s.open.projectId}/tasks/${task}/approve`)
          .type('form')
          .send({ _csrf: token, ...shape });
        expect(res.status, `${task} ${JSON.stringify(shape).slice(0, 60)}`).toBeLessThan(500);
      }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the probes are outside the rate limits', () => {
  it('answers /healthz and /readyz 200 however often they are asked, with a credential or without, while the API answers 429', async () => {
    const ids = testIdentities();
    const app = testApp({ identities: ids.identities, rateLimitPerMinute: 3, anonymousRateLimitPerMinute: 3 });
    const statuses = new Set<number>();
    for (let i = 0; i < 8; i++)
      for (const path of ['/healthz', '/readyz', '/HEALTHZ', '/readyz/']) {
        statuses.add((await request(app).get(path)).status);
        statuses.add((await request(app).get(path).set('Authorization', ids.bearer('weishan.admin'))).status);
      }
    expect([...statuses]).toEqual([200]);
    // The limits still hold for everything else, by credential and by address.
    const api = [];
    for (let i = 0; i < 5; i++) api.push((await request(app).get('/v1/jurisdictions').set('Authorization', ids.bearer('weishan.admin'))).status);
    expect(api).toContain(429);
    const anonymous = [];
    for (let i = 0; i < 5; i++) anonymous.push((await request(app).get('/V1/jurisdictions')).status);
    expect(anonymous).toContain(429);
  });

  it('declares /readyz in the OpenAPI document, and no 429 for either probe', async () => {
    const doc = (await request(testApp()).get('/openapi.json')).body as { paths: Record<string, { get: { responses: Record<string, unknown> } }> };
    for (const path of ['/healthz', '/readyz']) expect(Object.keys(doc.paths[path]!.get.responses).sort()).toEqual(['200', '503']);
    expect((await request(testApp({ health: async () => ({ temporal: true, workerPolling: false }) })).get('/readyz')).status).toBe(503);
  });
});

describe('Secure cookie and trust proxy', () => {
  const pagesApp = (extra: Record<string, unknown> = {}) => {
    const ids = testIdentities();
    let t = Date.UTC(2026, 2, 2, 1, 0);
    const lines: Array<Record<string, unknown>> = [];
    const app = testApp({
      identities: ids.identities,
      now: () => new Date(t),
      log: (l) => lines.push(l),
      pages: { now: () => new Date(t) } as never,
      ...extra,
    });
    const tokenOf = (u: string) => ids.bearer(u).slice('Bearer '.length);
    return { app, tokenOf, lines, advance: (ms: number) => (t += ms) };
  };

  it('marks the cookie Secure over HTTPS behind a trusted proxy, not over plain HTTP, and keys limits by the client address', async () => {
    const s = pagesApp({ trustProxy: 1 });
    const signin = async (proto?: string) => {
      const agent = request.agent(s.app);
      const get = agent.get('/signin');
      const page = await (proto ? get.set('X-Forwarded-Proto', proto) : get);
      return String(page.headers['set-cookie']);
    };
    expect(await signin('https')).toContain('Secure');
    expect(await signin()).not.toContain('Secure');
    const untrusted = pagesApp();
    const page = await request(untrusted.app).get('/signin').set('X-Forwarded-Proto', 'https');
    expect(String(page.headers['set-cookie'])).not.toContain('Secure');
  });
});
