/**
 * Notices that reach people, end to end on the dev server (issue 24): a supervisor's 催办 goes
 * from the workflow's outbox through the worker's dispatcher to a real SMTP server, into the
 * awaited reviewer's message centre and onto the task; the reviewer reads it through the API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOutbox } from '../../activities/index.js';
import { emailChannel } from '../../notifications/channels.js';
import { Dispatcher } from '../../notifications/dispatcher.js';
import { notifyingOutbox } from '../../notifications/index.js';
import { MessageCentre } from '../../server/messages.js';
import { ProjectService } from '../../server/projects.js';
import { testApp } from '../helpers/app.js';
import { serverToday } from '../helpers/clock.js';
import { eventually } from '../helpers/eventually.js';
import { testIdentities } from '../helpers/identities.js';
import { startDevStack, testSigner, type DevStack } from '../helpers/temporal.js';
import { weishanApplication } from '../fixtures/weishan.js';

const BASE = 'https://xm.weishan.gov.cn';
const ids = testIdentities();
const REVIEWER = 'weishan.bigdata';
let stack: DevStack;
let app: ReturnType<typeof testApp>;
let projects: ProjectService;
let dir: string;
let smtp: SMTPServer;
let dispatcher: Dispatcher;
let messages: MessageCentre;
const mails: ParsedMail[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'messages-api-'));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, _s, cb) => void simpleParser(stream).then((m) => (mails.push(m), cb()), cb),
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  ids.identities.updateSettings(REVIEWER, { email: 'dsj@weishan.gov.cn' });
  dispatcher = new Dispatcher({
    dir,
    writer: 'worker',
    settings: { baseUrl: BASE, digestHour: 8, retry: { initialSeconds: 1, maxSeconds: 5, giveUpHours: 1 }, departments: {} },
    channels: [
      emailChannel({ host: '127.0.0.1', port, secure: false, requireTLS: false, ignoreTLS: true, from: '审批系统 <noreply@weishan.gov.cn>', baseUrl: BASE }),
    ],
    users: () => ids.identities.users,
    tickMs: 200,
  });
  await dispatcher.start();
  // As the product's worker does it: the notice to the outbox file, then its deliveries planned.
  stack = await startDevStack({ outbox: notifyingOutbox(fileOutbox(path.join(dir, 'notifications.jsonl')), dispatcher) });
  projects = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
  messages = new MessageCentre(dir, { refreshMs: 100 });
  app = testApp({ projects, identities: ids.identities, messages, dataDir: stack.dataDir });
});
afterAll(async () => {
  await dispatcher?.stop();
  await stack?.stop();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const as = (user: string) => ({ get: (url: string) => request(app).get(url).set('Authorization', ids.bearer(user)) });

describe('a supervisor’s 催办', () => {
  let projectId: string;
  beforeAll(async () => {
    const res = await request(app)
      .post('/v1/projects')
      .set('Authorization', ids.bearer('weishan.fixture-applicant'))
      .send({ jurisdiction: 'weishan', application: weishanApplication({}, serverToday()) });
    expect(res.status).toBe(201);
    projectId = res.body.projectId;
    const supervisor = ids.identities.users.find((u) => u.id === 'weishan.supervisor')!;
    await projects.remind(projectId, 'requirementsReview', {
      userId: supervisor.id,
      name: supervisor.name,
      department: supervisor.department,
      jurisdiction: supervisor.jurisdiction,
      roles: [...supervisor.roles],
    });
  });

  it('reaches the awaited reviewer by e-mail, with the deep link, the sender and the article', async () => {
    const mail = (await eventually(
      async () => mails.find((m) => String(m.headers.get('x-gov-notices')).startsWith(projectId)),
      (m) => m !== undefined,
      { what: 'the 催办 mail' },
    ))!;
    expect(mail.subject).toBe('【催办】“微山县智慧政务服务平台”');
    expect(mail.text).toContain(`${BASE}/projects/${projectId}`);
    expect(mail.text).toContain('请县大数据局尽快办理“需求评审”');
    expect(mail.text).toMatch(/催办人：.+督办人/);
    expect(mail.text).toContain('依据：《微山县政务信息化项目建设管理办法》第六条');
  });

  it('is in the reviewer’s message centre, unread, delivered, and on the awaited task', async () => {
    const list = await eventually(
      async () =>
        (await as(REVIEWER).get('/v1/messages')).body as {
          unread: number;
          messages: Array<Record<string, unknown> & { projectId: string; deliveries: Array<{ state: string }> }>;
        },
      (b) => b.messages.find((x) => x.projectId === projectId)?.deliveries[0]?.state === 'sent',
      { what: 'the delivered 催办 in the message centre' },
    );
    expect(list.unread).toBeGreaterThanOrEqual(1);
    const m = list.messages.find((x) => x.projectId === projectId)!;
    expect(m).toMatchObject({ kind: 'urge', read: false, departmentName: '县大数据局', article: '微山 第六条', path: `/projects/${projectId}` });
    expect(m.deliveries).toEqual([expect.objectContaining({ channel: 'email', state: 'sent', label: expect.stringContaining('审核人') })]);
    // The address itself is not shown to users.
    expect(JSON.stringify(m.deliveries)).not.toContain('dsj@weishan.gov.cn');

    const view = (await as(REVIEWER).get(`/v1/projects/${projectId}`)).body as { tasks: Array<{ task: string; urged?: { by: string; count: number } }> };
    expect(view.tasks.find((t) => t.task === 'requirementsReview')!.urged).toMatchObject({ by: expect.stringContaining('督办人'), count: 1 });
  });

  it('is not in another department’s message centre, nor another jurisdiction’s', async () => {
    for (const other of ['weishan.finance', 'laizhou.bigdata']) {
      const r = await as(other).get('/v1/messages');
      expect(r.status).toBe(200);
      expect((r.body.messages as Array<{ projectId: string }>).some((x) => x.projectId === projectId)).toBe(false);
    }
  });

  it('is marked read by the reviewer; a bad or foreign id is refused naming the field, and changes nothing', async () => {
    const before = (await as(REVIEWER).get('/v1/messages')).body as { unread: number; messages: Array<{ id: string; projectId: string }> };
    const id = before.messages.find((x) => x.projectId === projectId)!.id;
    const bad = await request(app)
      .post('/v1/messages/read')
      .set('Authorization', ids.bearer(REVIEWER))
      .send({ ids: ['no-such'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].field).toBe('ids.0');
    const foreign = await request(app)
      .post('/v1/messages/read')
      .set('Authorization', ids.bearer('weishan.finance'))
      .send({ ids: [id] });
    expect(foreign.status).toBe(404);
    expect((await as(REVIEWER).get('/v1/messages')).body.unread).toBe(before.unread);

    const ok = await request(app)
      .post('/v1/messages/read')
      .set('Authorization', ids.bearer(REVIEWER))
      .send({ ids: [id] });
    expect(ok.body).toEqual({ marked: 1, unread: before.unread - 1 });
    const after = (await as(REVIEWER).get('/v1/messages?unread=1')).body as { messages: Array<{ id: string }> };
    expect(after.messages.some((x) => x.id === id)).toBe(false);
    // A second API process on the same data folder sees the mark.
    const other = new MessageCentre(dir);
    await other.refresh();
    expect(
      other.messageOf(
        ids.identities.users.find((u) => u.id === REVIEWER)!,
        id,
      )?.read,
    ).toBe(true);
  });
});

describe('personal settings', () => {
  it('a user changes their own preference and e-mail; a bad address is refused naming the field and nothing is saved', async () => {
    const user = 'weishan.finance';
    const bad = await request(app).patch('/v1/me').set('Authorization', ids.bearer(user)).send({ email: 'not-an-address', notify: 'digest' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { field: string }) => i.field)).toEqual(['email']);
    expect((await as(user).get('/v1/me')).body).toMatchObject({ notify: 'immediate' });
    const ok = await request(app).patch('/v1/me').set('Authorization', ids.bearer(user)).send({ email: 'czj@weishan.gov.cn', notify: 'digest' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ email: 'czj@weishan.gov.cn', notify: 'digest' });
    const removed = await request(app).patch('/v1/me').set('Authorization', ids.bearer(user)).send({ email: '' });
    expect(removed.body.email).toBeUndefined();
  });

  it('only administrators see the deliveries of their jurisdiction', async () => {
    expect((await as('weishan.bigdata').get('/v1/deliveries')).status).toBe(403);
    const r = await as('weishan.admin').get('/v1/deliveries?state=sent');
    expect(r.status).toBe(200);
    expect((r.body.deliveries as Array<{ state: string }>).every((d) => d.state === 'sent')).toBe(true);
    expect((await as('laizhou.admin').get('/v1/deliveries')).body.deliveries).toEqual([]);
  });
});
