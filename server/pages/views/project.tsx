/** @jsxImportSource preact */
import type { Issue } from '../../../machines/shared/errors.js';
import { intakeOf } from '../../../machines/intake.js';
import type { JurisdictionDefinition } from '../../../machines/shared/definition.js';
import { APPLYING_DEPARTMENTS, TASK_ACTION_LABELS, taskEvent, type TaskAction } from '../../../machines/shared/meta.js';
import type { HistoryEntry, ProjectView, TaskView } from '../../../contracts/messages.js';
import type { ChainReport } from '../../../core/chain.js';
import type { User } from '../../identity.js';
import { taskTitles } from '../chart-meta.js';
import { DueCell, escalationLabel, LightBadge, StatusBadge, Timeline, type DeliveryShown } from '../components.js';
import { fieldsOf, Fields, hasFiles, IssueItem, issuesByField, unplacedIssues, type FormBody } from '../forms.js';
import { formatDateTime, type DueState } from '../format.js';
import { UrgedBadge } from './lists.js';
import { Csrf, type PageContext } from '../layout.js';
import { ArticleList } from './charts.js';
import { caseOf, formBodyOf, versionsOf } from '../../case-file.js';
import { ApplicationFacts, DocumentBase, TaskCaseFile } from '../case-file.js';

/** Actions that need an opinion (意见): a refusal or a return must say why. */
export const NEEDS_OPINION: readonly TaskAction[] = ['reject', 'return', 'fail'];

/** A refused submission shown again on the project page, beside the form it came from. */
export interface Refused {
  task: string;
  action: TaskAction;
  message: string;
  issues: Issue[];
  values: FormBody;
}

/** Whether this user acts for the department a task awaits. */
export function mayAct(user: User, view: ProjectView, t: { department: string }): boolean {
  if (user.jurisdiction !== view.jurisdiction || t.department !== user.department) return false;
  if (!APPLYING_DEPARTMENTS.includes(t.department)) return user.roles.includes('reviewer');
  return user.roles.includes('applicant') && (t.department === 'operator' || user.unit === view.applicantUnit);
}

const newRequestId = () => `web-${crypto.randomUUID()}`;

function ActionForm({
  def,
  view,
  t,
  action,
  ctx,
  refused,
  open,
  previous,
}: {
  def: JurisdictionDefinition;
  view: ProjectView;
  t: Pick<TaskView, 'task' | 'title'>;
  action: TaskAction;
  ctx: PageContext;
  refused?: Refused;
  open: boolean;
  /** The data this step was last sent with (a returned step): the form opens with it. */
  previous?: Record<string, unknown>;
}) {
  const schema = intakeOf(def.id).payloads[taskEvent(t.task, action)];
  const fields = schema ? fieldsOf(schema) : [];
  const mine = refused && refused.task === t.task && refused.action === action ? refused : undefined;
  const state = mine
    ? { values: mine.values, submitted: true, issues: issuesByField(mine.issues) }
    : previous
      ? { values: formBodyOf(previous, 'data'), submitted: true }
      : {};
  const idPrefix = `${t.task}-${action}`;
  const needsOpinion = NEEDS_OPINION.includes(action);
  const commentIssues = mine?.issues.filter((i) => i.field === 'comment') ?? [];
  const general = mine ? unplacedIssues(fields, 'data', mine.issues).filter((i) => i.field !== 'comment') : [];
  const label = TASK_ACTION_LABELS[action];
  return (
    <details class={`action action-${action}`} open={open || Boolean(mine)}>
      <summary>
        {label}
        {needsOpinion ? <span class="small muted">（须填写意见）</span> : null}
      </summary>
      <form
        method="post"
        action={`/projects/${view.projectId}/tasks/${t.task}/${action}`}
        class="action-form"
        {...(hasFiles(fields) ? { enctype: 'multipart/form-data' } : {})}
      >
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="requestId" value={newRequestId()} />
        {mine ? (
          <div class="form-error" role="alert">
            <strong>未能办理：</strong>
            {mine.message}
            {general.length ? (
              <ul>
                {general.map((i) => (
                  <IssueItem issue={i} />
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {previous && !mine ? (
          <p class="small prefilled" data-prefilled="true">
            已按上次提交的内容预先填写，修改后再提交。
          </p>
        ) : null}
        <Fields fields={fields} prefix="data" state={state} idPrefix={idPrefix} />
        <div class={`field${commentIssues.length ? ' invalid' : ''}`}>
          <label for={`${idPrefix}-comment`}>
            办理意见
            {needsOpinion ? (
              <span class="req" aria-hidden="true">
                *
              </span>
            ) : (
              <span class="optional">（选填）</span>
            )}
          </label>
          <textarea
            id={`${idPrefix}-comment`}
            name="comment"
            rows={3}
            maxLength={2000}
            required={needsOpinion}
            aria-required={needsOpinion ? 'true' : undefined}
            aria-invalid={commentIssues.length ? 'true' : undefined}
            aria-describedby={commentIssues.length ? `${idPrefix}-comment-error` : undefined}
          >
            {typeof mine?.values.comment === 'string' ? mine.values.comment : ''}
          </textarea>
          {commentIssues.length ? (
            <ul class="field-errors" id={`${idPrefix}-comment-error`} role="alert">
              {commentIssues.map((i) => (
                <li>{i.message}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="submit" class={`primary act-${action}`}>
          {label}：{t.title}
        </button>
      </form>
    </details>
  );
}

/** A task card: what, who, article, time limit; with forms when the user's department acts on it. */
function TaskCard({
  def,
  view,
  t,
  due,
  user,
  ctx,
  refused,
  history,
}: {
  def: JurisdictionDefinition;
  view: ProjectView;
  t: TaskView;
  due: DueState;
  user: User;
  ctx: PageContext;
  refused?: Refused;
  history: HistoryEntry[];
}) {
  const acts = mayAct(user, view, t);
  const submits = t.actions.includes('submit');
  const titles = taskTitles(def);
  const deptName = (id: string) => def.departments[id]?.name ?? id;
  const last = versionsOf(history, t.task).at(-1)?.entry;
  return (
    <section class={`task-card light-border-${due.light}`} aria-labelledby={`task-${t.task}`}>
      <h3 id={`task-${t.task}`}>
        {t.title} <LightBadge due={due} />
      </h3>
      <dl class="facts">
        <dt>办理部门</dt>
        <dd>{t.departmentName}</dd>
        <dt>依据</dt>
        <dd class="article">{t.article}</dd>
        <dt>办理期限</dt>
        <dd>
          <DueCell dueAt={t.dueAt} due={due} />
          {t.deadline ? (
            <div class="small">
              {t.deadline.title}（{t.deadline.article}）{t.deadline.error ? <span class="warn">：{t.deadline.error}</span> : null}
            </div>
          ) : null}
        </dd>
        <dt>督办</dt>
        <dd>
          {escalationLabel(t.escalationLevel)}
          {t.remindedAt ? <span class="small">（{formatDateTime(t.remindedAt)} 已自动提醒）</span> : null}
          <UrgedBadge urged={t.urged} />
        </dd>
      </dl>
      {user.roles.includes('supervisor') && user.jurisdiction === view.jurisdiction ? (
        <form method="post" action={`/projects/${view.projectId}/remind`} class="inline">
          <Csrf token={ctx.csrfToken} />
          <input type="hidden" name="task" value={t.task} />
          <input type="hidden" name="requestId" value={newRequestId()} />
          <button type="submit" class="remind">
            催办{t.departmentName}
          </button>
        </form>
      ) : null}
      <TaskCaseFile c={caseOf(history, t.task, submits)} departmentName={deptName} taskTitle={(id) => titles.get(id) ?? id} />
      <ApplicationFacts def={def} application={view.application ?? { title: view.title, applicantUnit: view.applicantUnit }} compact="申报内容（全部字段）" />
      {acts ? (
        t.actions.map((a, i) => (
          <ActionForm
            def={def}
            view={view}
            t={t}
            action={a}
            ctx={ctx}
            open={i === 0}
            {...(refused ? { refused } : {})}
            {...(a === 'submit' && last?.action === 'submit' && last.data ? { previous: last.data } : {})}
          />
        ))
      ) : (
        <p class="muted small">由{t.departmentName}办理；您可以查看进度。</p>
      )}
    </section>
  );
}

/** Whether the audit trail's hash chain holds (等保 2.0 安全审计: 审计记录应受到保护), or where it breaks. */
function ChainStatus({ chain }: { chain: ChainReport }) {
  return chain.intact ? (
    <p class="chain chain-intact small" data-chain="intact">
      {chain.message}
      {chain.head ? (
        <>
          {' '}
          · 末条哈希 <code title={chain.head}>{chain.head.slice(0, 16)}</code>
        </>
      ) : null}
    </p>
  ) : (
    <p class="chain chain-broken" role="alert" data-chain="broken" data-chain-break={chain.break?.index}>
      {chain.message}
    </p>
  );
}

/** The project page. */
export function ProjectPage(props: {
  def: JurisdictionDefinition;
  view: ProjectView;
  user: User;
  ctx: PageContext;
  dues: Map<string, DueState>;
  history: HistoryEntry[];
  /** The audit trail's hash chain as verified for this page (core/chain.ts verifyChain). */
  chain?: ChainReport;
  chart: string;
  refused?: Refused;
  /** How the project's notices were delivered, by entry (server/messages.ts). */
  delivered?: ReadonlyMap<number, DeliveryShown[]>;
}) {
  const { def, view, user, ctx, refused } = props;
  const titles = taskTitles(def);
  const deptName = (id: string) => def.departments[id]?.name ?? id;
  const myOffers = view.offers.filter((o) => mayAct(user, view, o));
  return (
    <DocumentBase.Provider value={`/projects/${view.projectId}/documents`}>
      <div class="page-head">
        <h1>{view.title}</h1>
        <StatusBadge view={view} />
      </div>
      {view.execution ? (
        <p class="form-error" role="status" data-execution={view.execution.state}>
          <strong>本项目{view.execution.label}</strong>
          {view.execution.closedAt ? `（${formatDateTime(view.execution.closedAt)}）` : ''}：其工作流在本系统之外被结束（如 Temporal Web UI
          或命令行），不再接受办理；结束前的状态为“{view.execution.lastStatusLabel}”，办理记录保留如下。
        </p>
      ) : null}
      {view.reset ? (
        <p class="notice" role="status" data-reset={view.reset.at}>
          <strong>本项目已重置</strong>（{formatDateTime(view.reset.at)}）：其工作流在本系统之外被重置（如 Temporal Web UI
          或命令行）；重置点之后已受理的办理已按原签名重新受理，办理记录如下，项目继续办理。
        </p>
      ) : null}
      <dl class="facts wide">
        <dt>申报单位</dt>
        <dd>{view.applicantUnit}</dd>
        <dt>辖区</dt>
        <dd>{view.jurisdictionName}</dd>
        <dt>依据</dt>
        <dd>
          {def.regulation.title}（{def.regulation.document}）
        </dd>
        <dt>流程版本</dt>
        <dd>
          第 {view.chartVersion} 版（<a href={`/charts/${view.jurisdiction}`}>查看流程图</a>）
        </dd>
        <dt>项目编号</dt>
        <dd>
          <code>{view.projectId}</code>
        </dd>
        <dt>申报时间</dt>
        <dd>{formatDateTime(view.submittedAt)}</dd>
      </dl>
      <ApplicationFacts def={def} application={view.application ?? { title: view.title, applicantUnit: view.applicantUnit }} />

      <h2>待办事项</h2>
      {view.tasks.length === 0 ? <p class="muted">当前没有待办事项{view.final ? '（流程已结束）' : ''}。</p> : null}
      <div class="tasks">
        {view.tasks.map((t) => (
          <TaskCard
            def={def}
            view={view}
            t={t}
            due={props.dues.get(t.task) ?? { light: 'none' }}
            user={user}
            ctx={ctx}
            history={props.history}
            {...(refused ? { refused } : {})}
          />
        ))}
      </div>
      {myOffers.length ? (
        <>
          <h2>可以办理的其他事项</h2>
          <div class="tasks">
            {myOffers.map((o) => (
              <section class="task-card" aria-labelledby={`offer-${o.task}`}>
                <h3 id={`offer-${o.task}`}>{o.title}</h3>
                <p class="small">
                  {o.departmentName} · <span class="article">{o.article}</span>
                </p>
                {o.actions.map((a) => (
                  <ActionForm def={def} view={view} t={o} action={a} ctx={ctx} open={false} {...(refused ? { refused } : {})} />
                ))}
              </section>
            ))}
          </div>
        </>
      ) : null}

      <h2 id="chart-heading">流程图</h2>
      <p class="small muted">
        <span class="legend legend-active">当前环节</span> <span class="legend legend-visited">已经过</span>{' '}
        <span class="legend legend-taken">已走过的流转</span>
        ；点击环节查看条文。
      </p>
      <p class="chart-tools">
        <button type="button" data-fit hidden aria-pressed="false">
          缩放到页面宽度
        </button>
      </p>
      <div class="chart-wrap" aria-labelledby="chart-heading" dangerouslySetInnerHTML={{ __html: props.chart }}></div>
      <div id="article-panel" class="article-panel" aria-live="polite"></div>
      <ArticleList def={def} />

      <h2>办理记录</h2>
      <p>
        <a href={`/projects/${view.projectId}/audit.csv`} download>
          下载审计记录（CSV）
        </a>
        {' · '}
        <a href={`/projects/${view.projectId}/sheet`}>打印审批表</a>
        {' · '}
        <a href={`/projects/${view.projectId}/archive.zip`} download>
          下载案卷（ZIP：申报内容、全部文件、审计记录、流程图及清单）
        </a>
        {view.historyTotal > props.history.length ? (
          <span class="small muted">
            （此处显示最近 {props.history.length} 条，共 {view.historyTotal} 条）
          </span>
        ) : null}
      </p>
      {props.chain ? <ChainStatus chain={props.chain} /> : null}
      <Timeline
        entries={props.history}
        departmentName={deptName}
        taskTitle={(id) => titles.get(id) ?? id}
        {...(view.issuing ? { issuing: view.issuing } : {})}
        {...(props.delivered ? { delivered: props.delivered } : {})}
        submitted={<ApplicationFacts def={def} application={view.application ?? { title: view.title, applicantUnit: view.applicantUnit }} compact="申报内容" />}
      />
    </DocumentBase.Provider>
  );
}
