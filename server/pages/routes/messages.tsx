/** @jsxImportSource preact */
/**
 * 消息 and 个人设置 (issue 24): the user's notices newest first, each linking to its project and
 * marked read when opened; the unread count pushed to every page's header; the user's own
 * preference and contact points.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { deliveryShown, settingsBody } from '../../api/messages.js';
import { NOTIFY_PREFERENCES, type User } from '../../identity.js';
import { sessionUser } from '../../sessions.js';
import { NOTICE_KIND_LABELS } from '../../../notifications/notice.js';
import { formatDateTime } from '../format.js';
import { DeliveryList } from '../components.js';
import { Pager } from '../views/lists.js';
import { pageOf } from '../worklist.js';
import { Csrf, type PageContext } from '../layout.js';
import type { Kit } from '../kit.js';
import { notFound } from '../../errors.js';

function SettingsForm({ user, ctx, issues }: { user: User; ctx: PageContext; issues?: Record<string, string> }) {
  const err = (f: string) =>
    issues?.[f] ? (
      <span class="field-error" id={`${f}-error`} role="alert">
        {issues[f]}
      </span>
    ) : null;
  const invalid = (f: string) => (issues?.[f] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${f}-error` } : {});
  return (
    <form method="post" action="/settings" class="settings">
      <Csrf token={ctx.csrfToken} />
      <fieldset>
        <legend>通知方式</legend>
        {Object.entries(NOTIFY_PREFERENCES).map(([k, label]) => (
          <label>
            <input type="radio" name="notify" value={k} checked={(user.notify ?? 'immediate') === k} /> {label}
          </label>
        ))}
        <p class="small muted">站内消息总会收到；“每日汇总”在每天固定时间把当天的通知合成一封邮件。</p>
      </fieldset>
      <label>
        电子邮箱
        <input type="email" name="email" value={user.email ?? ''} autoComplete="email" {...invalid('email')} />
        {err('email')}
      </label>
      <label>
        手机号码
        <input type="tel" name="mobile" value={user.mobile ?? ''} autoComplete="tel" {...invalid('mobile')} />
        {err('mobile')}
      </label>
      <label>
        即时通讯账号（钉钉、企业微信）
        <input type="text" name="imUserId" value={user.imUserId ?? ''} {...invalid('imUserId')} />
        {err('imUserId')}
      </label>
      <button type="submit">保存</button>
    </form>
  );
}

export function messageRoutes(router: Router, kit: Kit): void {
  const { deps, ctxOf, send, userOr, liveIntervalMs, log } = kit;
  const messages = deps.messages;
  if (!messages) return;

  router.get('/messages', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const q = z.object({ unread: z.enum(['1']).optional(), page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) }).parse(req.query);
    await messages.refresh();
    const all = messages.messagesOf(user).filter((m) => !q.unread || !m.read);
    const { rows: shown, page, pages } = pageOf(all, q.page);
    const ctx = ctxOf(req, user);
    send(
      res,
      200,
      '消息',
      'messages',
      ctx,
      <>
        <div class="page-head">
          <h1>消息</h1>
          <span class="muted small">
            共 {all.length} 条{q.unread ? '未读' : ''}，未读 {ctx.unread ?? 0} 条
          </span>
          <a href={q.unread ? '/messages' : '/messages?unread=1'}>{q.unread ? '全部消息' : '只看未读'}</a>
          {ctx.unread ? (
            <form method="post" action="/messages/read-all" class="inline">
              <Csrf token={ctx.csrfToken} />
              <button type="submit" class="link">
                全部标为已读
              </button>
            </form>
          ) : null}
        </div>
        {shown.length === 0 ? (
          <p class="empty">没有{q.unread ? '未读' : ''}消息。</p>
        ) : (
          <table class="list messages" id="message-table">
            <caption class="visually-hidden">发给您和本部门的通知，最新的在前</caption>
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">类别</th>
                <th scope="col">项目</th>
                <th scope="col">内容</th>
                <th scope="col">依据</th>
                <th scope="col">送达</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ notice: n, read }) => (
                <tr class={read ? 'read' : 'unread'} data-notice={n.id}>
                  <td>
                    <time dateTime={n.at}>{formatDateTime(n.at)}</time>
                    {read ? null : <span class="badge no">未读</span>}
                  </td>
                  <td>{NOTICE_KIND_LABELS[n.kind]}</td>
                  <td>
                    <a href={`/messages/${encodeURIComponent(n.id)}/open`}>{n.projectTitle || n.projectId}</a>
                  </td>
                  <td>
                    {n.text}
                    {n.actor ? <div class="small muted">催办人：{n.actor}</div> : null}
                  </td>
                  <td class="article">{n.article ?? '—'}</td>
                  <td>
                    <DeliveryList deliveries={messages.deliveriesOf(n.id).map(deliveryShown)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager action="/messages" query={q.unread ? 'unread=1' : ''} page={page} pages={pages} />
      </>,
    );
  });

  // Opening a message marks it read and goes to what it is about.
  router.get('/messages/:id/open', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    await messages.refresh();
    const m = messages.messageOf(user, String(req.params.id));
    if (!m) throw notFound('没有这条发给您的消息');
    await messages.markRead(user, [m.notice.id]);
    res.redirect(303, `${m.notice.path}${m.notice.task ? `#task-${m.notice.task}` : ''}`);
  });

  router.post('/messages/read-all', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    await messages.refresh();
    const n = await messages.markRead(
      user,
      messages.messagesOf(user).map((m) => m.notice.id),
    );
    req.session.flash = `已将 ${n} 条消息标为已读`;
    res.redirect(303, '/messages');
  });

  // The header's count, pushed: a new notice or one read elsewhere changes it on every open page.
  router.get('/events/messages', async (req, res) => {
    const user = await sessionUser(req, deps.identities);
    if (!user) return void res.status(401).end();
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    let last = -1;
    let open = true;
    let timer: NodeJS.Timeout | undefined;
    req.on('close', () => {
      open = false;
      clearTimeout(timer);
    });
    const tick = async () => {
      if (!open) return;
      if (!deps.identities.userByTokenHash(req.session.tokenHash ?? '')) return void res.end('event: signed-out\ndata: {}\n\n');
      try {
        await messages.refresh();
        const count = messages.unreadCount(user);
        res.write(count !== last ? `event: unread\ndata: ${JSON.stringify({ count })}\n\n` : ': keep-alive\n\n');
        last = count;
      } catch (err) {
        log({ level: 'warn', msg: 'live unread count failed', userId: user.id, error: String(err) });
      }
      if (open) timer = setTimeout(() => void tick(), Math.min(liveIntervalMs, 2_000));
    };
    await tick();
  });

  router.get('/settings', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const ctx = ctxOf(req, user);
    send(
      res,
      200,
      '个人设置',
      'settings',
      ctx,
      <>
        <h1>个人设置</h1>
        <p class="muted">通知会发到站内“消息”，并按您选择的方式发到下面填写的邮箱或账号。</p>
        <SettingsForm user={user} ctx={ctx} />
      </>,
    );
  });

  router.post('/settings', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    const body = req.body as Record<string, unknown>;
    const parsed = settingsBody.safeParse({
      notify: body.notify,
      email: typeof body.email === 'string' ? body.email.trim() : undefined,
      mobile: typeof body.mobile === 'string' ? body.mobile.trim() : undefined,
      imUserId: typeof body.imUserId === 'string' ? body.imUserId.trim() : undefined,
    });
    if (!parsed.success) {
      const issues = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
      const ctx = ctxOf(req, user);
      // What was typed stays in the form beside the error; nothing is saved.
      const typed = {
        ...user,
        ...Object.fromEntries(Object.entries(body).filter(([k, v]) => ['email', 'mobile', 'imUserId'].includes(k) && typeof v === 'string')),
      } as User;
      return send(
        res,
        400,
        '个人设置',
        'settings',
        ctx,
        <>
          <h1>个人设置</h1>
          <p class="flash error" role="alert">
            未保存：{Object.values(issues).join('；')}
          </p>
          <SettingsForm user={typed} ctx={ctx} issues={issues} />
        </>,
      );
    }
    deps.identities.updateSettings(user.id, parsed.data);
    req.session.flash = '个人设置已保存';
    res.redirect(303, '/settings');
  });
}
