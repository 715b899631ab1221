/**
 * Notices in the benchmark (issue 24): how many a second the worker's outbox takes into the
 * in-product channel (written to the outbox file and planned), and how many a second reach a local
 * SMTP server (smtp-server, in process) — one message per notice, no batching, and a burst that the
 * dispatcher batches per recipient; then the message centre reading them all from a cold start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { fileOutbox } from '../activities/index.js';
import type { Effect } from '../contracts/messages.js';
import { emailChannel } from '../notifications/channels.js';
import { Dispatcher, type NotifySettings } from '../notifications/dispatcher.js';
import { notifyingOutbox } from '../notifications/index.js';
import type { Person } from '../notifications/people.js';
import { MessageCentre } from '../server/messages.js';

export interface NoticeSpeed {
  notices: number;
  /** Into the outbox file and planned, no channel configured (the in-product channel). */
  inProductPerSecond: number;
  /** One notice at a time, each its own message to one recipient. */
  smtpPerSecond: number;
  /** The same count at once to the same recipient: messages sent, and notices a second. */
  smtpBurst: { messages: number; noticesPerSecond: number };
  /** The message centre's first read of every notice (an API process starting), ms. */
  centreColdReadMs: number;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function noticeSpeed(count = 500): Promise<NoticeSpeed> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-notices-'));
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => (received++, cb()));
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  const people: Person[] = [{ id: 'bench.bigdata', name: '审核人', jurisdiction: 'weishan', department: 'bigData', email: 'dsj@bench.local' }];
  const settings: NotifySettings = {
    baseUrl: 'http://127.0.0.1:3000',
    digestHour: 8,
    retry: { initialSeconds: 1, maxSeconds: 5, giveUpHours: 1 },
    departments: {},
  };
  let seq = 0;
  const effect = (): Effect => {
    seq++;
    return {
      id: `weishan-20261207-0000beef#${seq}`,
      projectId: 'weishan-20261207-0000beef',
      jurisdiction: 'weishan',
      type: 'notify',
      params: { to: 'bigData', article: '微山 第六条' },
      at: new Date().toISOString(),
      notice: {
        kind: 'reminder',
        department: 'bigData',
        message: '请县大数据局尽快办理“需求评审”',
        article: '微山 第六条',
        actor: '督办人',
        title: '基准项目',
        unit: '基准单位',
      },
    };
  };
  try {
    const quiet = new Dispatcher({ dir: path.join(dir, 'a'), writer: 'worker', settings, channels: [], users: () => people, tickMs: 60_000 });
    await quiet.start();
    const inProduct = notifyingOutbox(fileOutbox(path.join(dir, 'a', 'notifications.jsonl')), quiet);
    let t = performance.now();
    for (let i = 0; i < count; i++) await inProduct.deliver(effect());
    const inProductPerSecond = round(count / ((performance.now() - t) / 1000));
    await quiet.stop();

    const centre = new MessageCentre(path.join(dir, 'a'));
    t = performance.now();
    await centre.refresh();
    const centreColdReadMs = round(performance.now() - t);

    const mail = () =>
      emailChannel({
        host: '127.0.0.1',
        port,
        secure: false,
        requireTLS: false,
        ignoreTLS: true,
        from: 'bench <noreply@bench.local>',
        baseUrl: settings.baseUrl,
      });
    const one = new Dispatcher({ dir: path.join(dir, 'b'), writer: 'worker', settings, channels: [mail()], users: () => people, tickMs: 60_000 });
    await one.start();
    const outbox = notifyingOutbox(fileOutbox(path.join(dir, 'b', 'notifications.jsonl')), one);
    const n = Math.min(count, 200);
    t = performance.now();
    for (let i = 0; i < n; i++) {
      await outbox.deliver(effect());
      await one.flush();
    }
    const smtpPerSecond = round(n / ((performance.now() - t) / 1000));
    await one.stop();

    const burst = new Dispatcher({ dir: path.join(dir, 'c'), writer: 'worker', settings, channels: [mail()], users: () => people, tickMs: 60_000 });
    await burst.start();
    const burstOutbox = notifyingOutbox(fileOutbox(path.join(dir, 'c', 'notifications.jsonl')), burst);
    const before = received;
    t = performance.now();
    await Promise.all(Array.from({ length: count }, () => burstOutbox.deliver(effect())));
    while (burst.deliveries().some((d) => d.state !== 'sent')) await burst.flush();
    const noticesPerSecond = round(count / ((performance.now() - t) / 1000));
    await burst.stop();
    return { notices: count, inProductPerSecond, smtpPerSecond, smtpBurst: { messages: received - before, noticesPerSecond }, centreColdReadMs };
  } finally {
    await new Promise<void>((r) => smtp.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
}
