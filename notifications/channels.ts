/**
 * The channels a notice leaves the product by (issue 24): e-mail over SMTP (nodemailer) and webhooks
 * — a generic JSON post signed with HMAC for a county's own 协同办公 platform or SMS gateway, a
 * DingTalk custom robot with its 加签 signature, a WeCom group robot. Plain HTTPS posts, no SDK.
 * A channel sends one batch (one notice, or a digest of several) to one recipient, and throws with
 * the reason when the other side did not take it; retries are the dispatcher's.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { NOTICE_KIND_LABELS, type Notice } from './notice.js';

/** Who a batch goes to: an address, or what a webhook's receiver needs to route it. */
export interface Recipient {
  /** e-mail address for e-mail; for webhooks the group's or person's key, e.g. `dept:weishan/bigData` or `user:weishan.bigdata`. */
  to: string;
  name?: string;
  mobile?: string;
  imUserId?: string;
}

/** A channel: sends the notices of one batch to one recipient, once per call. */
export interface Channel {
  readonly id: string;
  /** At most this many sends a minute (robots limit their posts); notices waiting meanwhile go out together. */
  readonly perMinute?: number;
  send(batch: { id: string; notices: Notice[]; recipient: Recipient }): Promise<void>;
  /** Let go of what it holds open (the SMTP pool). */
  close?(): void;
}

/** A secret from the environment or a file, never from the configuration itself (so never in history or logs). */
export interface SecretSource {
  env?: string;
  file?: string;
}

/** The secret's value; a missing one refuses, naming where it was looked for (not the value). */
export function readSecret(source: SecretSource, what: string, env: Record<string, string | undefined> = process.env): string {
  if (source.env) {
    const v = env[source.env];
    if (v) return v;
    throw new Error(`${what}: environment variable ${source.env} is not set`);
  }
  if (source.file) {
    try {
      return readFileSync(source.file, 'utf8').trim();
    } catch (err) {
      throw new Error(`${what}: cannot read ${source.file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  throw new Error(`${what}: no secret configured`);
}

/** The plain text of a batch, in Chinese, with each notice's article and link. */
export function batchText(notices: readonly Notice[], baseUrl: string): string {
  const lines: string[] = [];
  if (notices.length > 1) lines.push(`共 ${notices.length} 条通知：`, '');
  for (const n of notices) {
    lines.push(`【${NOTICE_KIND_LABELS[n.kind]}】${n.projectTitle || n.projectId}（${n.jurisdictionName}）`);
    lines.push(n.text);
    if (n.actor) lines.push(`催办人：${n.actor}`);
    if (n.article) lines.push(`依据：《${n.regulation}》${n.article.replace(/^\S+\s/, '')}`);
    lines.push(`办理：${baseUrl}${n.path}`, '');
  }
  lines.push('此邮件由政务信息化项目审批系统发送，请勿直接回复。');
  return lines.join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The HTML body of a batch: the same content as the text, each notice linking to its project. */
export function batchHtml(notices: readonly Notice[], baseUrl: string): string {
  const items = notices.map(
    (n) =>
      `<li><p><strong>【${esc(NOTICE_KIND_LABELS[n.kind])}】${esc(n.projectTitle || n.projectId)}</strong>（${esc(n.jurisdictionName)}）</p>` +
      `<p>${esc(n.text)}</p>${n.actor ? `<p>催办人：${esc(n.actor)}</p>` : ''}` +
      `${n.article ? `<p>依据：《${esc(n.regulation)}》${esc(n.article.replace(/^\S+\s/, ''))}</p>` : ''}` +
      `<p><a href="${esc(baseUrl + n.path)}">打开项目办理</a></p></li>`,
  );
  return `<!DOCTYPE html><html lang="zh-CN"><body>${notices.length > 1 ? `<p>共 ${notices.length} 条通知：</p>` : ''}<ul>${items.join('')}</ul><p>此邮件由政务信息化项目审批系统发送，请勿直接回复。</p></body></html>`;
}

/** A batch's subject: the notice's own, or a digest's count. */
export const batchSubject = (notices: readonly Notice[]) =>
  notices.length === 1 ? notices[0]!.subject : `【汇总】政务信息化项目审批通知 ${notices.length} 条`;

export interface EmailOptions {
  host: string;
  port: number;
  secure: boolean;
  /** Refuse to send without STARTTLS (a 政务 mail server should offer it); off for a local catcher. */
  requireTLS: boolean;
  ignoreTLS: boolean;
  user?: string;
  password?: SecretSource;
  from: string;
  baseUrl: string;
  timeoutMs?: number;
}

/** E-mail over SMTP; the Message-ID is the batch's, so a batch sent twice after a crash is one message to mail clients. */
export function emailChannel(o: EmailOptions): Channel {
  // Pooled: a connection is kept open between messages rather than one greeting and TLS handshake each.
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 4,
    host: o.host,
    port: o.port,
    secure: o.secure,
    requireTLS: o.requireTLS,
    ignoreTLS: o.ignoreTLS,
    connectionTimeout: o.timeoutMs ?? 10_000,
    greetingTimeout: o.timeoutMs ?? 10_000,
    socketTimeout: o.timeoutMs ?? 20_000,
    ...(o.user ? { auth: { user: o.user, pass: readSecret(o.password ?? { env: 'SMTP_PASSWORD' }, 'notifications.email.password') } } : {}),
  });
  const domain = o.from.match(/@([^>\s]+)/)?.[1] ?? 'localhost';
  return {
    id: 'email',
    async send({ id, notices, recipient }) {
      await transport.sendMail({
        from: o.from,
        to: recipient.name ? { name: recipient.name, address: recipient.to } : recipient.to,
        subject: batchSubject(notices),
        text: batchText(notices, o.baseUrl),
        html: batchHtml(notices, o.baseUrl),
        messageId: `<${id.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`,
        headers: { 'X-Gov-Notices': notices.map((n) => n.id).join(' ') },
      });
    },
    close: () => transport.close(),
  };
}

export type WebhookKind = 'generic' | 'dingtalk' | 'wecom';

export interface WebhookOptions {
  name: string;
  kind: WebhookKind;
  url: string;
  secret?: string;
  perMinute?: number;
  baseUrl: string;
  timeoutMs?: number;
  /** For tests: the clock the signatures' timestamps come from. */
  now?: () => number;
}

/** The generic webhook's signature: hex HMAC-SHA256 over `<timestamp>.<body>`, as `X-Gov-Signature: sha256=<hex>`. */
export const genericSignature = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** DingTalk's 加签: base64 HMAC-SHA256 of `<timestamp ms>\n<secret>` keyed by the secret. */
export const dingTalkSign = (secret: string, timestamp: number) => createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');

/** Markdown for the robots: one block per notice with its article and link. */
function markdown(notices: readonly Notice[], baseUrl: string): { title: string; text: string } {
  const blocks = notices.map(
    (n) =>
      `**【${NOTICE_KIND_LABELS[n.kind]}】${n.projectTitle || n.projectId}**\n\n${n.text}${n.actor ? `\n\n催办人：${n.actor}` : ''}${n.article ? `\n\n依据：${n.article}` : ''}\n\n[打开项目办理](${baseUrl}${n.path})`,
  );
  return { title: batchSubject(notices), text: blocks.join('\n\n---\n\n') };
}

/** A webhook: generic signed JSON, a DingTalk robot or a WeCom robot. A non-2xx answer, or a robot's errcode, is a failure with its reason. */
export function webhookChannel(o: WebhookOptions): Channel {
  const now = o.now ?? Date.now;
  const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    return text;
  };
  const robotAnswer = (text: string) => {
    let answer: { errcode?: number; errmsg?: string } = {};
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      throw new Error(`the robot answered what is not JSON: ${text.slice(0, 200)}`);
    }
    if (answer.errcode !== 0) throw new Error(`errcode ${answer.errcode}: ${answer.errmsg ?? ''}`);
  };
  return {
    id: `webhook:${o.name}`,
    ...(o.perMinute ? { perMinute: o.perMinute } : {}),
    async send({ id, notices, recipient }) {
      if (o.kind === 'generic') {
        const body = JSON.stringify({
          delivery: id,
          recipient,
          notices: notices.map((n) => ({ ...n, url: `${o.baseUrl}${n.path}` })),
        });
        const ts = String(Math.floor(now() / 1000));
        await post(o.url, body, {
          'X-Gov-Delivery': id,
          'X-Gov-Timestamp': ts,
          ...(o.secret ? { 'X-Gov-Signature': `sha256=${genericSignature(o.secret, ts, body)}` } : {}),
        });
      } else if (o.kind === 'dingtalk') {
        const md = markdown(notices, o.baseUrl);
        const ts = now();
        const url = o.secret ? `${o.url}${o.url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${encodeURIComponent(dingTalkSign(o.secret, ts))}` : o.url;
        const at = recipient.mobile ? { at: { atMobiles: [recipient.mobile] } } : {};
        robotAnswer(await post(url, JSON.stringify({ msgtype: 'markdown', markdown: md, ...at })));
      } else {
        const md = markdown(notices, o.baseUrl);
        const mention = recipient.imUserId ? `\n\n<@${recipient.imUserId}>` : '';
        robotAnswer(await post(o.url, JSON.stringify({ msgtype: 'markdown', markdown: { content: `${md.text}${mention}` } })));
      }
    },
  };
}
