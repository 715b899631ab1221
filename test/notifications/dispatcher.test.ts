// Issue 24: notices reach people. A real SMTP server (smtp-server, in process) and real HTTP
// receivers take what the dispatcher sends; the clock is injected, so backoff, give-up and the
// daily digest are stepped through rather than waited for.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Effect, EffectNotice } from '../../contracts/messages.js';
import { emailChannel, webhookChannel, type Channel } from '../../notifications/channels.js';
import { Dispatcher, nextDigestAt, type NotifySettings } from '../../notifications/dispatcher.js';
import { notifyingOutbox } from '../../notifications/index.js';
import { fileOutbox } from '../../activities/index.js';
import type { User } from '../../server/identity.js';

const BASE = 'https://xm.weishan.gov.cn';

/** The SMTP server: what it received, and a switch that makes it answer 421 (service not available). */
let smtp: SMTPServer;
let smtpPort: number;
let smtpDown = false;
const mails: ParsedMail[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, cb) {
      if (smtpDown) return cb(Object.assign(new Error('服务暂不可用'), { responseCode: 421 }));
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
});

let dir: string;
let clock: number;
const now = () => clock;
const dispatchers: Dispatcher[] = [];
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'notify-'));
  clock = Date.parse('2026-12-07T02:00:00Z'); // 10:00 Beijing
  mails.length = 0;
  smtpDown = false;
});
afterEach(async () => {
  for (const d of dispatchers.splice(0)) await d.stop();
  rmSync(dir, { recursive: true, force: true });
});

const users: User[] = [
  { id: 'weishan.bigdata', name: '王审核', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'], email: 'wang@dsj.weishan.gov.cn' },
  {
    id: 'weishan.bigdata2',
    name: '李审核',
    jurisdiction: 'weishan',
    department: 'bigData',
    roles: ['reviewer'],
    email: 'li@dsj.weishan.gov.cn',
    notify: 'digest',
  },
  {
    id: 'weishan.bigdata3',
    name: '赵审核',
    jurisdiction: 'weishan',
    department: 'bigData',
    roles: ['reviewer'],
    email: 'zhao@dsj.weishan.gov.cn',
    notify: 'inApp',
  },
  { id: 'weishan.gov', name: '县政府值班', jurisdiction: 'weishan', department: 'countyGovernment', roles: ['reviewer'], email: 'zhiban@weishan.gov.cn' },
  {
    id: 'weishan.applicant',
    name: '张申报',
    jurisdiction: 'weishan',
    department: 'applicant',
    unit: '微山县人民医院',
    roles: ['applicant'],
    email: 'zhang@hospital.cn',
  },
  {
    id: 'weishan.other',
    name: '孙申报',
    jurisdiction: 'weishan',
    department: 'applicant',
    unit: '微山县第一中学',
    roles: ['applicant'],
    email: 'sun@school.cn',
  },
  { id: 'laizhou.bigdata', name: '莱州审核', jurisdiction: 'laizhou', department: 'bigData', roles: ['reviewer'], email: 'lz@laizhou.gov.cn' },
];

const settings = (over: Partial<NotifySettings> = {}): NotifySettings => ({
  baseUrl: BASE,
  digestHour: 8,
  retry: { initialSeconds: 30, maxSeconds: 600, giveUpHours: 2 },
  departments: { weishan: { bigData: { email: 'dsj-group@weishan.gov.cn' } } },
  ...over,
});

let seq = 0;
const project = 'weishan-20261201-0000abcd';
function effect(n: Partial<EffectNotice> & Pick<EffectNotice, 'kind' | 'department' | 'message'>, type = 'notify'): Effect {
  seq++;
  return {
    id: `${project}#${seq}`,
    projectId: project,
    jurisdiction: 'weishan',
    type,
    params: { to: n.department, article: n.article ?? '微山 第十四条' },
    at: new Date(clock).toISOString(),
    notice: { title: '微山县智慧医疗平台', unit: '微山县人民医院', article: '微山 第十四条', ...n },
  };
}
const urge = () => effect({ kind: 'reminder', department: 'bigData', message: '请县大数据局尽快办理“技术评审”', task: 'technicalReview', actor: '刘督办' });

function dispatcher(channels: Channel[], over: Partial<NotifySettings> = {}, people: readonly User[] = users) {
  const d = new Dispatcher({ dir, writer: 'worker', settings: settings(over), channels, users: () => people, now, tickMs: 60_000 });
  dispatchers.push(d);
  return d;
}
/** As the worker's outbox does it: the notice is written to the outbox file, then planned. */
const deliver = (d: Dispatcher, e: Effect) => notifyingOutbox(fileOutbox(path.join(dir, 'notifications.jsonl')), d).deliver(e);
const email = () =>
  emailChannel({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    requireTLS: false,
    ignoreTLS: true,
    from: '微山县政务信息化项目审批 <noreply@weishan.gov.cn>',
    baseUrl: BASE,
    timeoutMs: 5_000,
  });
const to = (m: ParsedMail): string[] => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

describe('e-mail', () => {
  it('a supervisor’s 催办 reaches the awaited department’s people and its group address, with the link and the article', async () => {
    const d = dispatcher([email()]);
    await d.start();
    await deliver(d, urge());
    await d.flush();
    // 王 at once, the department's list at once; 李 chose the digest, 赵 the product only, nobody outside 县大数据局.
    expect(mails.flatMap(to).sort()).toEqual(['dsj-group@weishan.gov.cn', 'wang@dsj.weishan.gov.cn']);
    const m = mails.find((x) => to(x).includes('wang@dsj.weishan.gov.cn'))!;
    expect(m.subject).toBe('【催办】“微山县智慧医疗平台”');
    expect(m.text).toContain('请县大数据局尽快办理“技术评审”');
    expect(m.text).toContain('催办人：刘督办');
    expect(m.text).toContain('依据：《微山县政务信息化项目建设管理办法》第十四条');
    expect(m.text).toContain(`${BASE}/projects/${project}`);
    expect(m.html).toContain(`href="${BASE}/projects/${project}"`);
    expect(d.deliveries().filter((x) => x.state === 'sent')).toHaveLength(2);
  });

  it('an escalation reaches the superior; a notice to the applying side reaches only the project’s own unit', async () => {
    const d = dispatcher([email()]);
    await d.start();
    await deliver(
      d,
      effect({ kind: 'escalation', department: 'countyGovernment', message: '县大数据局未在办理时限内完成“技术评审”，已报县委、县政府', level: 1 }, 'escalate'),
    );
    await deliver(d, effect({ kind: 'reminder', department: 'applicant', message: '合同备案将于 2026-12-20 届满，请及时办理' }));
    await d.flush();
    const subjects = Object.fromEntries(mails.map((m) => [to(m)[0], m.subject]));
    expect(subjects).toEqual({ 'zhiban@weishan.gov.cn': '【上报】“微山县智慧医疗平台”', 'zhang@hospital.cn': '【到期提醒】“微山县智慧医疗平台”' });
  });

  it('a notice planned twice, or again after a restart, is sent once', async () => {
    const e = urge();
    const first = dispatcher([email()]);
    await first.start();
    await deliver(first, e);
    await deliver(first, e);
    await first.flush();
    await first.stop();
    const again = dispatcher([email()]);
    await again.start();
    await deliver(again, e);
    await again.flush();
    expect(mails).toHaveLength(2);
  });

  it('a notice the outbox wrote but the worker died before planning is planned and sent at the next start', async () => {
    await fileOutbox(path.join(dir, 'notifications.jsonl')).deliver(urge());
    const d = dispatcher([email()], { departments: {} });
    await d.start();
    await d.flush();
    expect(mails.flatMap(to)).toEqual(['wang@dsj.weishan.gov.cn']);
  });

  it('the server down during 50 notices: all are kept, retried with backoff, and each is delivered once when it is back — even across a worker restart', async () => {
    smtpDown = true;
    const first = dispatcher([email()], { departments: {} });
    await first.start();
    for (let i = 0; i < 50; i++) await deliver(first, urge());
    await first.flush();
    expect(mails).toHaveLength(0);
    // 王 at once; 李's wait for the digest and are not due.
    const waiting = first.deliveries().filter((x) => x.mode === 'immediate');
    expect(waiting).toHaveLength(50);
    expect(waiting.every((x) => x.state === 'retrying' && x.reason?.includes('421'))).toBe(true);
    // Not before the backoff: nothing is tried again at once.
    await first.flush();
    expect(waiting.map((x) => first.deliveries().find((y) => y.id === x.id)!.attempts)).toEqual(Array(50).fill(1));
    // The worker stops; the server comes back; a new worker on the same data folder resumes.
    await first.stop();
    smtpDown = false;
    clock += 31_000;
    const second = dispatcher([email()], { departments: {} });
    await second.start();
    await second.flush();
    expect(
      second
        .deliveries()
        .filter((x) => x.mode === 'immediate')
        .map((x) => x.state),
    ).toEqual(Array(50).fill('sent'));
    // The 50 notices waiting for 王 went out together, once.
    expect(mails).toHaveLength(1);
    expect(String(mails[0]!.headers.get('x-gov-notices')).split(' ')).toHaveLength(50);
    expect(mails[0]!.subject).toBe('【汇总】政务信息化项目审批通知 50 条');
    await second.flush();
    expect(mails).toHaveLength(1);
  });

  it('a server that stays down: the delivery is given up after the configured time, failed with the reason', async () => {
    smtpDown = true;
    const d = dispatcher([email()], { departments: {} });
    await d.start();
    await deliver(d, urge());
    for (let i = 0; i < 12; i++) {
      await d.flush();
      clock += 15 * 60_000;
    }
    const [x] = d.deliveries();
    expect(x!.state).toBe('failed');
    expect(x!.reason).toMatch(/421/);
    // The log says so for the API's timeline.
    const lines = readFileSync(path.join(dir, 'deliveries.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { state?: string });
    expect(lines.at(-1)!.state).toBe('failed');
  });

  it('a digest collects the day’s notices into one message at the configured hour', async () => {
    const d = dispatcher([email()], { departments: {} });
    await d.start();
    for (let i = 0; i < 3; i++) await deliver(d, urge());
    await d.flush();
    // 王 got each at once; 李's wait for 08:00 Beijing tomorrow.
    expect(mails.flatMap(to).filter((a) => a.startsWith('li@'))).toEqual([]);
    clock = nextDigestAt(clock, 8);
    expect(new Date(clock).toISOString()).toBe('2026-12-08T00:00:00.000Z');
    await d.flush();
    const digest = mails.filter((m) => to(m).includes('li@dsj.weishan.gov.cn'));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.text).toContain('共 3 条通知');
  });
});

describe('webhooks', () => {
  let server: Server;
  let url: string;
  const posts: Array<{ url: string; headers: Record<string, string | string[] | undefined>; body: string }> = [];
  let answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        posts.push({ url: req.url ?? '', headers: req.headers, body });
        const a = answer();
        res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(a.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    posts.length = 0;
    answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
  });

  it('the generic webhook is signed with HMAC over timestamp and body, as the receiver checks it', async () => {
    const secret = 's3cret-协同办公';
    const withMobile: User[] = users.map((u) => (u.id === 'weishan.bigdata' ? { ...u, mobile: '13800000000' } : u));
    const dd = dispatcher(
      [webhookChannel({ name: 'oa', kind: 'generic', url: `${url}/oa`, secret, baseUrl: BASE, now })],
      { departments: {}, personalWebhook: 'oa' },
      withMobile,
    );
    await dd.start();
    await deliver(dd, urge());
    await dd.flush();
    expect(posts).toHaveLength(1);
    const p = posts[0]!;
    const ts = String(p.headers['x-gov-timestamp']);
    const expected = createHmac('sha256', secret).update(`${ts}.${p.body}`).digest('hex');
    expect(p.headers['x-gov-signature']).toBe(`sha256=${expected}`);
    const body = JSON.parse(p.body) as { recipient: { mobile: string }; notices: Array<{ url: string; kind: string; article: string }> };
    expect(body.recipient.mobile).toBe('13800000000');
    expect(body.notices[0]).toMatchObject({ kind: 'urge', url: `${BASE}/projects/${project}`, article: '微山 第十四条' });
    // A tampered body fails the same check.
    expect(
      createHmac('sha256', secret)
        .update(`${ts}.${p.body.replace('urge', 'xxxx')}`)
        .digest('hex'),
    ).not.toBe(expected);
  });

  it('a DingTalk robot gets its 加签 and markdown; over its per-minute limit the rest wait and go out together', async () => {
    const secret = 'SECdingtalk';
    const robot = webhookChannel({ name: 'dsj', kind: 'dingtalk', url: `${url}/robot/send?access_token=abc`, secret, perMinute: 1, baseUrl: BASE, now });
    const d = dispatcher([robot], { departments: { weishan: { bigData: { webhooks: ['dsj'] } } } });
    await d.start();
    await deliver(d, urge());
    await d.flush();
    for (let i = 0; i < 4; i++) await deliver(d, urge());
    await d.flush();
    expect(posts).toHaveLength(1);
    clock += 61_000;
    await d.flush();
    expect(posts).toHaveLength(2);
    for (const p of posts) {
      const q = new URL(p.url, url).searchParams;
      const ts = Number(q.get('timestamp'));
      expect(q.get('sign')).toBe(createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64'));
      expect(q.get('access_token')).toBe('abc');
    }
    const second = JSON.parse(posts[1]!.body) as { msgtype: string; markdown: { title: string; text: string } };
    expect(second.msgtype).toBe('markdown');
    expect(second.markdown.title).toBe('【汇总】政务信息化项目审批通知 4 条');
    expect(second.markdown.text.match(/打开项目办理/g)).toHaveLength(4);
  });

  it('a WeCom robot’s errcode is a failure with its reason, retried', async () => {
    answer = () => ({ status: 200, body: '{"errcode":45009,"errmsg":"api freq out of limit"}' });
    const d = dispatcher([webhookChannel({ name: 'wx', kind: 'wecom', url: `${url}/cgi-bin/webhook/send?key=k`, baseUrl: BASE, now })], {
      departments: { weishan: { bigData: { webhooks: ['wx'] } } },
    });
    await d.start();
    await deliver(d, urge());
    await d.flush();
    expect(d.deliveries()[0]).toMatchObject({ state: 'retrying', reason: 'errcode 45009: api freq out of limit' });
    answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
    clock += 31_000;
    await d.flush();
    expect(d.deliveries()[0]!.state).toBe('sent');
    expect((JSON.parse(posts.at(-1)!.body) as { markdown: { content: string } }).markdown.content).toContain('请县大数据局尽快办理');
  });
});
