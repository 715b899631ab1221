/** @jsxImportSource preact */
import type { Issue } from '../../../machines/shared/errors.js';
import { IssueItem } from '../forms.js';
import { Csrf, type PageContext } from '../layout.js';

/** Sign-in with the account and its credential (the bearer token an administrator issued). */
export function SignInPage({
  ctx,
  next,
  error,
  account,
  field,
}: {
  ctx: PageContext;
  next: string;
  error?: string;
  account?: string;
  field?: 'account' | 'token';
}) {
  const at = (f: 'account' | 'token') => (error && (field ?? 'token') === f ? error : undefined);
  return (
    <section class="signin">
      <h1>登录</h1>
      <p>请输入您的账号和管理员为您签发的身份凭证。服务器只保存凭证的哈希值；凭证一经撤销，已登录的会话随即失效。连续登录失败多次，账号将被暂时锁定。</p>
      <form method="post" action="/signin">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="next" value={next} />
        <SignInField id="account" label="账号" type="text" autoComplete="username" value={account ?? ''} error={at('account')} />
        <SignInField id="token" label="身份凭证" type="password" autoComplete="current-password" error={at('token')} />
        <button type="submit" class="primary">
          登录
        </button>
      </form>
    </section>
  );
}

function SignInField(p: { id: string; label: string; type: 'text' | 'password'; autoComplete: string; value?: string; error?: string | undefined }) {
  return (
    <div class={`field${p.error ? ' invalid' : ''}`}>
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        name={p.id}
        // preact's input types are a union by type: both kinds take the same attributes here.
        {...({ type: p.type } as { type: 'text' })}
        autoComplete={p.autoComplete}
        {...(p.value !== undefined ? { value: p.value } : {})}
        required
        aria-required="true"
        {...(p.error ? { 'aria-invalid': 'true', 'aria-describedby': `${p.id}-error` } : {})}
      />
      {p.error ? (
        <ul class="field-errors" id={`${p.id}-error`} role="alert">
          <li>{p.error}</li>
        </ul>
      ) : null}
    </div>
  );
}

/** An error page: what went wrong, each issue with its field and article. */
export function ErrorPage({ status, message, issues }: { status: number; message: string; issues: Issue[] }) {
  const title = status === 403 ? '无权访问' : status === 404 ? '未找到' : status === 409 ? '当前不能办理' : status >= 500 ? '服务暂时不可用' : '请求有误';
  return (
    <section class="error-page">
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      {issues.length ? (
        <ul>
          {issues.map((i) => (
            <IssueItem issue={i} />
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">返回首页</a>
      </p>
    </section>
  );
}
