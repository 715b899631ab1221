/**
 * The message centre and personal settings through the API (issue 24): a user's notices, marking
 * them read, their contact points and preference; the delivery states for administrators.
 */
import type { Express } from 'express';
import { z } from 'zod';
import { badRequest, HttpError } from '../errors.js';
import { zodIssues } from '../../machines/intake.js';
import { emailAddress, imUserId, mobileNumber, NOTIFY_PREFERENCES, type Identities, type User } from '../identity.js';
import type { MessageCentre } from '../messages.js';
import type { DeliveryRecord } from '../../notifications/dispatcher.js';
import { userOf } from './middleware.js';
import { parse } from './schemas.js';

const listQuery = z.strictObject({
  unread: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const noticeId = z.string().regex(/^[a-z]+-\d{8}-[0-9a-f]{8}#\d{1,7}$/, '通知编号的格式为 项目编号#序号');

/** Which notices to mark read. */
export const readBody = z.strictObject({ ids: z.array(noticeId).min(1).max(500) });

/** What a user may change of their own settings; '' removes a contact point. */
export const settingsBody = z.strictObject({
  notify: z
    .enum(
      Object.keys(NOTIFY_PREFERENCES) as [keyof typeof NOTIFY_PREFERENCES],
      '通知方式只能是 immediate（立即发送）、digest（每日汇总）或 inApp（仅站内消息）',
    )
    .optional(),
  email: z.union([z.literal(''), emailAddress]).optional(),
  mobile: z.union([z.literal(''), mobileNumber]).optional(),
  imUserId: z.union([z.literal(''), imUserId]).optional(),
});

/** A user as they see themselves: never their tokens. */
export const ownSettings = (u: User) => ({
  id: u.id,
  name: u.name,
  jurisdiction: u.jurisdiction,
  department: u.department,
  ...(u.unit ? { unit: u.unit } : {}),
  roles: u.roles,
  notify: u.notify ?? 'immediate',
  ...(u.email ? { email: u.email } : {}),
  ...(u.mobile ? { mobile: u.mobile } : {}),
  ...(u.imUserId ? { imUserId: u.imUserId } : {}),
});

/** A delivery as users see it beside a notice: the channel, whom, its state; not the address itself. */
export const deliveryShown = (d: DeliveryRecord) => ({
  channel: d.channel,
  label: d.label,
  state: d.state,
  at: d.at,
  attempts: d.attempts,
  ...(d.nextAt ? { nextAt: d.nextAt } : {}),
  ...(d.reason ? { reason: d.reason } : {}),
});

export function useMessageRoutes(app: Express, deps: { messages: MessageCentre; identities: Identities }) {
  const { messages } = deps;

  app.get('/v1/messages', async (req, res) => {
    const user = userOf(req, res);
    const q = parse(listQuery, req.query, 'query');
    await messages.refresh();
    const all = messages.messagesOf(user).filter((m) => q.unread !== '1' || !m.read);
    res.json({
      total: all.length,
      unread: messages.unreadCount(user),
      messages: all
        .slice(q.offset, q.offset + q.limit)
        .map((m) => ({ ...m.notice, read: m.read, deliveries: messages.deliveriesOf(m.notice.id).map(deliveryShown) })),
    });
  });

  app.post('/v1/messages/read', async (req, res) => {
    const user = userOf(req, res);
    const body = parse(readBody, req.body, '');
    await messages.refresh();
    const unknown = body.ids.findIndex((id) => !messages.messageOf(user, id));
    if (unknown >= 0)
      throw new HttpError(404, 'not_found', `没有发给您的通知 ${body.ids[unknown]}`, [
        { field: `ids.${unknown}`, rule: 'not_found', message: '没有这条发给您的通知' },
      ]);
    const marked = await messages.markRead(user, body.ids);
    res.json({ marked, unread: messages.unreadCount(user) });
  });

  app.get('/v1/me', (req, res) => {
    res.json(ownSettings(userOf(req, res)));
  });

  app.patch('/v1/me', (req, res) => {
    const user = userOf(req, res);
    const change = parse(settingsBody, req.body, '');
    try {
      res.json(ownSettings(deps.identities.updateSettings(user.id, change)));
    } catch (err) {
      // The store checks the whole user again: whatever it refuses is the request's fault, and nothing was saved.
      if (err instanceof z.ZodError) throw badRequest('请求不符合要求', zodIssues(err, ''));
      throw err;
    }
  });

  app.get('/v1/deliveries', async (req, res) => {
    const user = userOf(req, res);
    if (!user.roles.includes('administrator'))
      throw new HttpError(403, 'forbidden', '只有管理员可以查看投递记录', [{ field: 'authorization', rule: 'role', message: '只有管理员可以查看投递记录' }]);
    const q = parse(z.strictObject({ state: z.enum(['queued', 'retrying', 'sent', 'failed']).optional() }), req.query, 'query');
    await messages.refresh();
    res.json({ deliveries: messages.deliveriesIn(user.jurisdiction, q.state) });
  });
}
