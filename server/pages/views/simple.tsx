/** @jsxImportSource preact */
import type { Issue } from '../../../machines/shared/errors.js';
import { IssueItem } from '../forms.js';
import { Csrf, type PageContext } from '../layout.js';

/** Sign-in with the credential (the bearer token an administrator issued). */
export function SignInPage({ ctx, next, error }: { ctx: PageContext; next: string; error?: string }) {
  return (
    <section class="signin">
      <h1>登录</h1>
      <p>请输入管理员为您签发的身份凭证。服务器只保存凭证的哈希值；凭证一经撤销，已登录的会话随即失效。</p>
      <form method="post" action="/signin">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="next" value={next} />
        <div class={`field${error ? ' invalid' : ''}`}>
          <label for="token">身份凭证</label>
          <input
            id="token"
            name="token"
            type="password"
            autoComplete="current-password"
            required
            aria-required="true"
            {...(error ? { 'aria-invalid': 'true', 'aria-describedby': 'token-error' } : {})}
          />
          {error ? (
            <ul class="field-errors" id="token-error" role="alert">
              <li>{error}</li>
            </ul>
          ) : null}
        </div>
        <button type="submit" class="primary">
          登录
        </button>
      </form>
    </section>
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
