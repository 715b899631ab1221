/** @jsxImportSource preact */
import type { Issue } from '../../../machines/shared/errors.js';
import { intakeOf } from '../../../machines/intake.js';
import { regulationStatus, type JurisdictionDefinition } from '../../../machines/shared/definition.js';
import type { WhatIfResult } from '../../../machines/whatif.js';
import { fieldsOf, Fields, hasFiles, IssueItem, issuesByField, unplacedIssues, type Field, type FormBody } from '../forms.js';
import { Csrf, type PageContext } from '../layout.js';

/** The list of jurisdictions to apply in, with whether each regulation takes new applications. */
export function ApplyIndex({ defs, today, own }: { defs: JurisdictionDefinition[]; today: string; own: string }) {
  return (
    <>
      <h1>新申报</h1>
      <p>申报表单按各辖区办法的申报要求生成；只能向本单位所在辖区申报。</p>
      <ul class="cards">
        {defs.map((d) => {
          const s = regulationStatus(d.regulation, today);
          return (
            <li class="card">
              <h2>
                <a href={`/apply/${d.id}`}>{d.name}</a>
                {d.id === own ? <span class="badge">本辖区</span> : null}
              </h2>
              <p class="small">
                {d.regulation.title}（{d.regulation.document}）
              </p>
              <p class={s.inForce ? 'small' : 'small warn'}>
                {s.inForce ? '受理新申报' : '不受理新申报'}
                {s.notice ? `：${s.notice}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The key a returned form was sent with, when it is one (server/pages/kit.tsx requestIdSchema). */
const keptKey = (values?: FormBody): string | undefined => {
  const v = values?.['requestId'];
  return typeof v === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(v) ? v : undefined;
};

/** A new-application form generated from the jurisdiction's intake schema. */
export function ApplyForm({
  def,
  ctx,
  unit,
  values,
  issues,
  message,
  today,
  mayApply,
}: {
  def: JurisdictionDefinition;
  ctx: PageContext;
  unit?: string;
  values?: FormBody;
  issues?: Issue[];
  message?: string;
  today: string;
  mayApply: boolean;
}) {
  const fields = fieldsOf(intakeOf(def.id).applicationSchema);
  const status = regulationStatus(def.regulation, today);
  const state = {
    ...(values ? { values, submitted: true } : { values: { 'application.applicantUnit': unit ?? '' } }),
    ...(issues ? { issues: issuesByField(issues) } : {}),
  };
  const general = issues ? unplacedIssues(fields, 'application', issues) : [];
  return (
    <>
      <h1>{def.name} · 新申报</h1>
      <p class="small">
        依据：{def.regulation.title}（{def.regulation.document}）。{status.notice ?? ''}
      </p>
      {!status.inForce ? (
        <p class="warn" role="status">
          该办法现不受理新申报：{status.notice}
        </p>
      ) : null}
      {message ? (
        <div class="form-error" role="alert">
          <strong>未能提交：</strong>
          {message}
          {general.length ? (
            <ul>
              {general.map((i) => (
                <IssueItem issue={i} />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {/* With file inputs the form is multipart; its _csrf field comes first, so it is checked before any file is taken (server/pages/uploads.ts). */}
      <form method="post" action={`/apply/${def.id}`} class="apply-form" {...(hasFiles(fields) ? { enctype: 'multipart/form-data' } : {})}>
        <Csrf token={ctx.csrfToken} />
        {/* The submission's idempotency key: kept when the form comes back, so sending it again creates the project once. */}
        <input type="hidden" name="requestId" value={keptKey(values) ?? `web-${crypto.randomUUID()}`} />
        <Fields fields={fields} prefix="application" state={state} idPrefix="apply" />
        {mayApply ? (
          <button type="submit" class="primary">
            提交申报
          </button>
        ) : (
          <p class="muted">只有本辖区申报单位的经办人可以提交；可到“辖区比较”看这份申报在各辖区的流程。</p>
        )}
      </form>
    </>
  );
}

/** The fields every jurisdiction's application has (asked once), and the rest by jurisdiction. */
export function whatIfFields(defs: JurisdictionDefinition[]): { shared: Field[]; own: Array<{ def: JurisdictionDefinition; fields: Field[] }> } {
  const all = defs.map((def) => ({ def, fields: fieldsOf(intakeOf(def.id).applicationSchema) }));
  const names = (fs: Field[]) => new Set(fs.map((f) => f.path[0]!));
  const common = [...names(all[0]!.fields)].filter((n) => all.every((a) => names(a.fields).has(n)));
  const required = (n: string) => all.every((a) => a.fields.some((f) => f.path[0] === n && 'required' in f && f.required));
  const shared = all[0]!.fields.filter((f) => common.includes(f.path[0]!)).map((f) => ('required' in f ? { ...f, required: required(f.path[0]!) } : f));
  // Inside a folded section the browser must not insist on anything: the jurisdiction's verdict names what is missing.
  const optional = (fs: Field[]): Field[] =>
    fs.map((f) => ({ ...f, ...('required' in f ? { required: false } : {}), ...('fields' in f ? { fields: optional(f.fields) } : {}) }) as Field);
  return { shared, own: all.map((a) => ({ def: a.def, fields: optional(a.fields.filter((f) => !common.includes(f.path[0]!))) })) };
}

/** What-if: one application through every jurisdiction's chart, side by side. */
export function WhatIfPage({
  defs,
  ctx,
  values,
  results,
  unit,
}: {
  defs: JurisdictionDefinition[];
  ctx: PageContext;
  values?: FormBody;
  results?: WhatIfResult[];
  unit?: string;
}) {
  const { shared, own } = whatIfFields(defs);
  const state = values ? { values, submitted: true } : { values: { 'application.applicantUnit': unit ?? '' } };
  return (
    <>
      <h1>辖区比较</h1>
      <p>填写一份申报，比较各辖区的办法对它的要求：受理与否、环节、部门和法定期限。共同的内容填写一次，各辖区另需的内容在下方分别填写；不会创建项目。</p>
      <form method="post" action="/what-if" class="apply-form">
        <Csrf token={ctx.csrfToken} />
        <fieldset class="group">
          <legend>各辖区共同的申报内容</legend>
          <Fields fields={shared} prefix="application" state={state} idPrefix="whatif" />
        </fieldset>
        {own.map(({ def, fields }) => (
          <details class="jurisdiction-fields">
            <summary>
              {def.name}另需填写（{fields.length} 项）
            </summary>
            <Fields fields={fields} prefix={`overrides.${def.id}`} state={state} idPrefix={`whatif-${def.id}`} />
          </details>
        ))}
        <button type="submit" class="primary">
          比较各辖区
        </button>
      </form>
      {results ? (
        <section aria-labelledby="whatif-results">
          <h2 id="whatif-results">比较结果</h2>
          <div class="compare">
            {results.map((r) => (
              <article class={`card ${r.accepted ? 'accepted' : 'refused'}`} aria-labelledby={`wi-${r.jurisdiction}`}>
                <h3 id={`wi-${r.jurisdiction}`}>
                  {r.name} <span class={`badge ${r.accepted ? 'ok' : 'no'}`}>{r.accepted ? '可受理' : '不予受理'}</span>
                </h3>
                <p class="small">
                  {r.regulation.title}
                  {r.regulation.notice ? `：${r.regulation.notice}` : ''}
                </p>
                {r.issues.length ? (
                  <ul class="issues">
                    {r.issues.map((i) => (
                      <IssueItem issue={i} />
                    ))}
                  </ul>
                ) : null}
                {r.steps.length ? (
                  <>
                    <h4>环节（{r.steps.length}）</h4>
                    <ol class="steps">
                      {r.steps.map((s) => (
                        <li>
                          {s.title} <span class="small muted">· {s.departmentName}</span> <span class="article small">{s.article}</span>
                          {s.deadline ? (
                            <div class="small">
                              期限：{s.deadline.title}（{s.deadline.article}）
                            </div>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </>
                ) : null}
              </article>
            ))}
          </div>
        </section>
      ) : null}
    </>
  );
}
