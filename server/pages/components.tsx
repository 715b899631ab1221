/** @jsxImportSource preact */
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { PUBLIC_STATUSES, TASK_ACTION_LABELS, type PublicStatus, type TaskAction } from '../../machines/shared/meta.js';
import type { ComponentChildren } from 'preact';
import { Facts, IssuedLink } from './case-file.js';
import { formatDate, formatDateTime, LIGHT_LABELS, type DueState } from './format.js';
import type { DeliveryRecord } from '../../notifications/dispatcher.js';
import type { deliveryShown } from '../api/messages.js';

/** A delivery as a page shows it (server/api/messages.ts deliveryShown). */
export type DeliveryShown = ReturnType<typeof deliveryShown>;

/** The 红/黄/绿 light with its meaning in words (colour is never the only signal). */
export function LightBadge({ due }: { due: DueState }) {
  return (
    <span class={`light light-${due.light}`}>
      <span class="dot" aria-hidden="true"></span>
      {LIGHT_LABELS[due.light]}
    </span>
  );
}

/** Due date with working days left (工作日). */
export function DueCell({ dueAt, due }: { dueAt: string | undefined; due: DueState }) {
  if (!dueAt) return <span class="muted">—</span>;
  // dueAt is 24:00 of the last day, so the day shown is the one before that instant.
  const lastDay = new Date(Date.parse(dueAt) - 1).toISOString();
  return (
    <span class="due">
      <time dateTime={dueAt}>{formatDate(lastDay)}</time>
      <br />
      <span class="small">
        {due.workingDaysLeft === undefined
          ? due.calendarGap
            ? '工作日无法计算（缺少节假日数据）'
            : ''
          : due.light === 'red'
            ? due.workingDaysLeft < 0
              ? `已超期 ${-due.workingDaysLeft} 个工作日`
              : '已超期'
            : due.workingDaysLeft === 0
              ? '今日到期'
              : `剩余 ${due.workingDaysLeft} 个工作日`}
      </span>
    </span>
  );
}

/** Escalation level in words. */
export const escalationLabel = (level: number) => (level === 0 ? '未上报' : level === 1 ? '已报上一级' : '已报上两级');

/** A project's status as a badge, with the supervision sanction when one is in force. */
export function StatusBadge({ view }: { view: Pick<ProjectView, 'status' | 'statusLabel' | 'sanction' | 'execution'> }) {
  return (
    <span class="status-wrap">
      <span
        class={`status status-${view.execution ? 'terminated' : view.status}`}
        {...(view.execution ? { 'data-execution': view.execution.state, title: `原状态：${view.execution.lastStatusLabel}` } : {})}
      >
        {view.statusLabel}
      </span>
      {view.sanction ? <span class="status sanction">{view.sanction.label}</span> : null}
    </span>
  );
}

const KIND_LABELS: Record<HistoryEntry['kind'], string> = {
  submitted: '申报',
  action: '办理',
  deadline: '期限',
  reminder: '催办',
  escalation: '督办上报',
  notification: '通知',
  system: '系统',
  document: '文书',
};

/**
 * The project's history: who, which department, when, opinion, article, and what each step sent;
 * reminders, escalations, deadlines. `submitted`: what the submission entry shows (the application).
 */
export function Timeline({
  entries,
  departmentName,
  taskTitle,
  submitted,
  issuing = [],
  delivered,
}: {
  entries: HistoryEntry[];
  departmentName: (id: string) => string;
  taskTitle: (id: string) => string;
  submitted?: ComponentChildren;
  /** Opinions decided and not yet issued (ProjectView.issuing): their decisions say so until the document is there. */
  issuing?: ReadonlyArray<{ for: number; kind: string }>;
  /** How each notice entry was delivered (server/messages.ts), by sequence number. */
  delivered?: ReadonlyMap<number, DeliveryShown[]>;
}) {
  const pending = new Map(issuing.map((r) => [r.for, r.kind]));
  // A decision shows the opinion issued for it; the issuing is also an entry of its own, later.
  const issuedFor = new Map(entries.filter((h) => h.issued).map((h) => [h.issued!.for, h.issued!]));
  return (
    <ol class="timeline">
      {[...entries].reverse().map((h) => (
        <li class={`entry kind-${h.kind}`}>
          <div class="when">
            <time dateTime={h.at}>{formatDateTime(h.at)}</time>
          </div>
          <div class="what">
            <span class={`kind kind-${h.kind}`}>{KIND_LABELS[h.kind]}</span> <strong>{entryTitle(h, taskTitle)}</strong>
            {h.toStatus && h.fromStatus !== h.toStatus ? <span class="small muted">（状态变为 {h.toStatus ? statusText(h.toStatus) : ''}）</span> : null}
            <div class="small">
              {h.department ? <span>{departmentName(h.department)}</span> : null}
              {h.actor ? <span> · {h.actor}</span> : null}
              {h.article ? <span class="article"> · {h.article}</span> : null}
            </div>
            {h.comment ? <blockquote class="opinion">意见：{h.comment}</blockquote> : null}
            {delivered?.has(h.seq) ? <DeliveryList deliveries={delivered.get(h.seq)!} /> : null}
            {h.kind === 'submitted' && submitted ? submitted : null}
            {h.issued ? (
              <IssuedLink issued={h.issued} />
            ) : issuedFor.has(h.seq) ? (
              <IssuedLink issued={issuedFor.get(h.seq)!} />
            ) : pending.has(h.seq) ? (
              <div class="issued issuing small muted" data-issuing={h.seq}>
                《{pending.get(h.seq)}》正在编号印发，稍后刷新可见
              </div>
            ) : null}
            {h.kind === 'action' && h.data && Object.keys(h.data).length ? (
              <div class="entry-data" data-entry-data={h.seq}>
                <Facts data={h.data} />
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

const statusText = (s: PublicStatus) => PUBLIC_STATUSES[s] ?? s;

function entryTitle(h: HistoryEntry, taskTitle: (id: string) => string): string {
  if (h.kind === 'action' && h.action && h.task) return `${taskTitle(h.task)} · ${TASK_ACTION_LABELS[h.action as TaskAction] ?? h.action}`;
  return h.message;
}

/** How a delivery's state reads beside its notice. */
export const DELIVERY_STATE_LABELS: Record<DeliveryRecord['state'], string> = { queued: '待发送', retrying: '重试中', sent: '已发送', failed: '发送失败' };
const CHANNEL_LABEL = (c: string) => (c === 'email' ? '邮件' : c.startsWith('webhook:') ? `推送（${c.slice(8)}）` : c);

/** The deliveries of a notice in one line each: channel, whom, state, and why it failed or when it is tried again. */
export function DeliveryList({ deliveries }: { deliveries: DeliveryShown[] }) {
  if (deliveries.length === 0) return <span class="small muted">仅站内消息</span>;
  return (
    <ul class="deliveries small">
      {deliveries.map((d) => (
        <li class={`delivery delivery-${d.state}`}>
          {CHANNEL_LABEL(d.channel)} → {d.label}：{DELIVERY_STATE_LABELS[d.state]}
          {d.state === 'retrying' && d.nextAt ? `，${formatDateTime(d.nextAt)} 重试` : ''}
          {d.reason && d.state !== 'sent' ? `（${d.reason}）` : ''}
        </li>
      ))}
    </ul>
  );
}
