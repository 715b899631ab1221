/** @jsxImportSource preact */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { User } from '../identity.js';
import { isAuthority } from '../access.js';
import { jurisdictions } from '../../machines/index.js';

/** A page's place in the navigation. */
export type Section =
  | 'tasks'
  | 'done'
  | 'mine'
  | 'supervise'
  | 'projects'
  | 'library'
  | 'statistics'
  | 'charts'
  | 'apply'
  | 'whatif'
  | 'signin'
  | 'project'
  | 'messages'
  | 'settings';

interface NavItem {
  section: Section;
  href: string;
  label: string;
  show: (u: User) => boolean;
}

const has = (u: User, role: string) => u.roles.includes(role as never);

const NAV: NavItem[] = [
  { section: 'tasks', href: '/tasks', label: '待办', show: (u) => has(u, 'reviewer') || has(u, 'applicant') },
  { section: 'done', href: '/done', label: '已办', show: (u) => has(u, 'reviewer') },
  { section: 'mine', href: '/mine', label: '我的申报', show: (u) => has(u, 'applicant') },
  { section: 'supervise', href: '/supervise', label: '督办', show: (u) => has(u, 'supervisor') },
  { section: 'projects', href: '/projects', label: '全部项目', show: () => true },
  { section: 'library', href: '/library', label: '项目库', show: isAuthority },
  { section: 'statistics', href: '/statistics', label: '统计', show: isAuthority },
  { section: 'apply', href: '/apply', label: '新申报', show: (u) => has(u, 'applicant') },
  { section: 'charts', href: '/charts', label: '流程图', show: () => true },
  { section: 'whatif', href: '/what-if', label: '辖区比较', show: () => true },
];

/** What every page gets: who is signed in, the CSRF token for its forms, a one-time message. */
export interface PageContext {
  user?: User;
  csrfToken?: string;
  flash?: string;
  /** Notices the user has not opened (server/messages.ts), shown beside 消息 in the header; absent without a message centre. */
  unread?: number;
  /** Open tasks awaiting the user (the read model), beside 待办; absent where not counted. */
  taskCount?: number;
}

/** The hidden CSRF field every form carries. */
export const Csrf = ({ token }: { token: string | undefined }) => <input type="hidden" name="_csrf" value={token ?? ''} />;

/** The page shell: lang="zh-CN" (so Chromium picks Simplified Chinese glyphs), navigation, main landmark. */
function Shell({ title, section, ctx, children }: { title: string; section: Section; ctx: PageContext; children: ComponentChildren }) {
  const user = ctx.user;
  return (
    <html lang="zh-CN">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · 政务信息化项目审批`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script type="module" src="/assets/app.js" defer></script>
      </head>
      <body data-section={section}>
        <a class="skip" href="#main">
          跳到正文
        </a>
        <header class="top">
          <div class="brand">
            <a href="/">政务信息化项目审批</a>
            {user ? <span class="scope">{jurisdictions[user.jurisdiction]?.name ?? user.jurisdiction}</span> : null}
          </div>
          {user ? (
            <nav aria-label="主导航">
              <ul>
                {NAV.filter((n) => n.show(user)).map((n) => (
                  <li>
                    <a href={n.href} aria-current={n.section === section ? 'page' : undefined}>
                      {n.label}
                      {n.section === 'tasks' && ctx.taskCount ? (
                        <span class="badge count" id="task-count-nav" aria-label={`${ctx.taskCount} 项待办`}>
                          {ctx.taskCount}
                        </span>
                      ) : null}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          {user ? (
            <form method="post" action="/signout" class="who">
              {ctx.unread !== undefined ? (
                <a href="/messages" id="unread" data-live-unread="/events/messages" aria-current={section === 'messages' ? 'page' : undefined}>
                  消息
                  <span class="badge count" aria-label={`${ctx.unread} 条未读`} hidden={ctx.unread === 0}>
                    {ctx.unread}
                  </span>
                </a>
              ) : null}
              <a href="/settings" aria-current={section === 'settings' ? 'page' : undefined}>
                {user.name}
                {user.unit ? `（${user.unit}）` : ''}
              </a>
              <Csrf token={ctx.csrfToken} />
              <button type="submit" class="link">
                退出
              </button>
            </form>
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {ctx.flash ? (
            <p class="flash" role="status">
              {ctx.flash}
            </p>
          ) : null}
          {children}
        </main>
        <footer class="foot">时间均为北京时间（Asia/Shanghai）；期限按国务院办公厅公布的节假日安排计算工作日。</footer>
      </body>
    </html>
  );
}

/** A whole page as HTML; text and attributes are escaped by the renderer. */
export function page(title: string, section: Section, ctx: PageContext, body: ComponentChildren): string {
  return `<!DOCTYPE html>${renderToString(
    <Shell title={title} section={section} ctx={ctx}>
      {body}
    </Shell>,
  )}`;
}
