/** @jsxImportSource preact */
import { jurisdictions } from '../../../machines/index.js';
import { PUBLIC_STATUSES, TASK_ACTION_LABELS, type TaskAction } from '../../../machines/shared/meta.js';
import type { ListedProject } from '../../read-model/row.js';
import { taskTitles } from '../chart-meta.js';
import type { SavedView } from '../../saved-views.js';
import { DueCell, escalationLabel, LightBadge, StatusBadge } from '../components.js';
import { formatDateTime } from '../format.js';
import { categoryLabel } from '../export.js';
import type { TaskView } from '../../../contracts/messages.js';
import { Csrf, type PageContext } from '../layout.js';
import type { ListFilter, ProjectRow, TaskRow } from '../worklist.js';

/** The filter bar every list has; a plain GET form, so it works without JavaScript. */
export function FilterBar({
  action,
  filter,
  steps,
  jurisdiction,
}: {
  action: string;
  filter: ListFilter;
  steps: Array<{ value: string; label: string }>;
  jurisdiction: string;
}) {
  return (
    <form method="get" action={action} class="filters" role="search" aria-label="筛选">
      <div class="field">
        <label for="f-q">搜索</label>
        <input id="f-q" name="q" type="search" maxLength={100} value={filter.q ?? ''} placeholder="项目名称、单位、文号或编号" />
      </div>
      <div class="field">
        <label for="f-year">年度</label>
        <input id="f-year" name="year" type="number" min={2000} max={2100} inputMode="numeric" value={filter.year ?? ''} placeholder="全部" class="narrow" />
      </div>
      <div class="field">
        <label for="f-jurisdiction">辖区</label>
        <select id="f-jurisdiction" name="jurisdiction">
          <option value={jurisdiction}>{jurisdictions[jurisdiction]?.name ?? jurisdiction}</option>
        </select>
      </div>
      <div class="field">
        <label for="f-step">环节</label>
        <select id="f-step" name="step">
          <option value="">全部环节</option>
          {steps.map((s) => (
            <option value={s.value} selected={filter.step === s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-status">状态</label>
        <select id="f-status" name="status">
          <option value="">全部状态</option>
          {Object.entries(PUBLIC_STATUSES).map(([value, label]) => (
            <option value={value} selected={filter.status === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-due">期限</label>
        <select id="f-due" name="due">
          {[
            ['', '全部'],
            ['overdue', '红：已超期'],
            ['soon', '黄：即将到期（含超期）'],
            ['later', '绿：时间充裕'],
            ['none', '无时限'],
          ].map(([value, label]) => (
            <option value={value} selected={(filter.due ?? '') === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-sort">排序</label>
        <select id="f-sort" name="sort">
          {[
            ['due', '按到期时间'],
            ['received', '按收到时间（新的在前）'],
            ['project', '按项目名称'],
          ].map(([value, label]) => (
            <option value={value} selected={filter.sort === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {filter.unit ? <input type="hidden" name="unit" value={filter.unit} /> : null}
      {filter.category ? <input type="hidden" name="category" value={filter.category} /> : null}
      <button type="submit">筛选</button>
      {filter.unit || filter.category ? (
        <p class="small" id="narrowed">
          {filter.unit ? <>申报单位：{filter.unit} </> : null}
          {filter.category ? <>项目类别：{categoryLabel({ jurisdiction, category: filter.category }) ?? filter.category} </> : null}
          <a href={`${action}${filter.year ? `?year=${filter.year}` : ''}`}>不限单位和类别</a>
        </p>
      ) : null}
    </form>
  );
}

/** Saved views: links to named filters, a form to save the current one, and delete buttons. */
export function SavedViewsBar({ page, views, query, ctx }: { page: SavedView['page']; views: SavedView[]; query: string; ctx: PageContext }) {
  return (
    <section class="saved-views" aria-label="保存的视图">
      {views.length ? (
        <ul class="chips">
          {views.map((v) => (
            <li>
              <a href={`/${page === 'supervise' ? 'supervise' : page}${v.query ? `?${v.query}` : ''}`}>{v.name}</a>
              <form method="post" action={`/views/${v.id}/delete`} class="inline">
                <Csrf token={ctx.csrfToken} />
                <button type="submit" class="link" aria-label={`删除视图“${v.name}”`}>
                  ×
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <span class="muted small">还没有保存的视图。</span>
      )}
      <form method="post" action="/views" class="inline save-view">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="page" value={page} />
        <input type="hidden" name="query" value={query} />
        <label for="view-name" class="small">
          将当前筛选保存为
        </label>
        <input id="view-name" name="name" type="text" maxLength={40} required placeholder="视图名称" />
        <button type="submit">保存视图</button>
      </form>
    </section>
  );
}

/** Links to the other pages of a long list, keeping its filter. */
export function Pager({ action, query, page, pages }: { action: string; query: string; page: number; pages: number }) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(p));
    return `${action}?${q}`;
  };
  return (
    <nav class="pager" aria-label="分页">
      {page > 1 ? <a href={href(page - 1)}>上一页</a> : null}
      <span>
        第 {page} / {pages} 页
      </span>
      {page < pages ? <a href={href(page + 1)}>下一页</a> : null}
    </nav>
  );
}

/** Links that export the list as shown (its filter, every page) as CSV or Excel. */
export function ExportLinks({ page, query }: { page: string; query: string }) {
  const q = new URLSearchParams(query);
  q.delete('after');
  q.delete('page');
  const href = (format: string) => {
    const x = new URLSearchParams(q);
    x.set('format', format);
    return `/export/${page}?${x}`;
  };
  return (
    <p class="export small">
      导出本列表（全部页）：<a href={href('csv')}>CSV</a> · <a href={href('xlsx')}>Excel</a>
    </p>
  );
}

/** Keyset pages of a list: the first page and the next, keeping its filter. */
export function CursorPager({ action, query, next }: { action: string; query: string; next?: string | undefined }) {
  const q = new URLSearchParams(query);
  const after = q.get('after');
  q.delete('after');
  q.delete('page');
  if (!after && !next) return null;
  const first = q.toString();
  const nextQ = new URLSearchParams(q);
  if (next) nextQ.set('after', next);
  return (
    <nav class="pager" aria-label="分页">
      {after ? <a href={`${action}${first ? `?${first}` : ''}`}>第一页</a> : null}
      {next ? (
        <a href={`${action}?${nextQ}`} rel="next">
          下一页
        </a>
      ) : (
        <span class="muted">已是最后一页</span>
      )}
    </nav>
  );
}

/** The lists may be missing a change: they say so rather than show a wrong "nothing to do". */
export function StaleNote({ stale }: { stale: boolean }) {
  return stale ? (
    <p class="notice stale" role="status">
      列表正在更新，最新的办理结果可能尚未显示；稍后刷新即可。办理与提交不受影响。
    </p>
  ) : null;
}

/** 待办: one row per awaited task. */
export function TaskTable({ rows, total }: { rows: TaskRow[]; total?: number }) {
  if (rows.length === 0) return <p class="empty">没有符合条件的待办事项。</p>;
  return (
    <table class="list" id="task-table" aria-describedby="task-count">
      <caption id="task-count">
        共 {total ?? rows.length} 项待办{total !== undefined && total > rows.length ? `，本页 ${rows.length} 项` : ''}
      </caption>
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">辖区</th>
          <th scope="col">环节</th>
          <th scope="col">依据</th>
          <th scope="col">收到时间</th>
          <th scope="col">办理期限</th>
          <th scope="col">提示</th>
          <th scope="col">督办</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr class={`light-row-${r.due.light}`} data-project={r.view.projectId} data-step={r.task.task} data-light={r.due.light}>
            <td>
              <a href={`/projects/${r.view.projectId}`}>{r.view.title}</a>
              <div class="small muted">{r.view.applicantUnit}</div>
            </td>
            <td>{r.view.jurisdictionName}</td>
            <td>
              {r.task.title}
              <div class="small muted">{r.task.departmentName}</div>
              <ReturnNote view={r.view} task={r.task.task} />
            </td>
            <td class="article">{r.task.deadline?.article ?? r.task.article}</td>
            <td>
              <time dateTime={r.receivedAt}>{formatDateTime(r.receivedAt)}</time>
            </td>
            <td>
              <DueCell dueAt={r.task.dueAt} due={r.due} />
            </td>
            <td>
              <LightBadge due={r.due} />
            </td>
            <td>
              {escalationLabel(r.task.escalationLevel)}
              <UrgedBadge urged={r.task.urged} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A supervisor's 催办 of the task: who sent it and when (and how many times), beside the task in 待办 and on its card. */
export function UrgedBadge({ urged }: { urged: TaskView['urged'] }) {
  if (!urged) return null;
  return (
    <span class="badge urged" title={`${urged.by}于 ${formatDateTime(urged.at)} 催办${urged.count > 1 ? `（共 ${urged.count} 次）` : ''}`}>
      已催办{urged.count > 1 ? ` ×${urged.count}` : ''}：{urged.by} {formatDateTime(urged.at)}
    </span>
  );
}

/** Projects with their awaited tasks; 督办 adds a selection column and 催办 buttons. */
export function ProjectTable({
  rows,
  caption,
  remind,
  done,
  ctx,
  total,
}: {
  rows: ProjectRow[];
  caption: string;
  remind?: boolean;
  done?: boolean;
  ctx: PageContext;
  total?: number;
}) {
  if (rows.length === 0) return <p class="empty">没有符合条件的项目。</p>;
  return (
    <table class="list" id="project-table">
      <caption>
        {caption}：共 {total ?? rows.length} 个项目{total !== undefined && total > rows.length ? `，本页 ${rows.length} 个` : ''}
      </caption>
      <thead>
        <tr>
          {remind ? (
            <th scope="col">
              <span class="visually-hidden">选择</span>
            </th>
          ) : null}
          <th scope="col">项目</th>
          <th scope="col">状态</th>
          <th scope="col">{done ? '本部门办理' : '待办环节与期限'}</th>
          <th scope="col">{remind ? '督办与处理' : '更新时间'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr data-project={r.view.projectId}>
            {remind ? (
              <td>
                <input type="checkbox" name="project" value={r.view.projectId} form="bulk-remind" aria-label={`选择“${r.view.title}”`} data-select />
              </td>
            ) : null}
            <td>
              <a href={`/projects/${r.view.projectId}`}>{r.view.title}</a>
              <div class="small muted">
                {r.view.applicantUnit} · {r.view.jurisdictionName}
              </div>
            </td>
            <td>
              <StatusBadge view={r.view} />
            </td>
            <td>
              {done && r.lastAction ? (
                <div>
                  {taskTitles(jurisdictions[r.view.jurisdiction]!).get(r.lastAction.task ?? '') ?? r.lastAction.task} ·{' '}
                  {TASK_ACTION_LABELS[r.lastAction.action as TaskAction] ?? r.lastAction.action}
                  <div class="small muted">
                    {formatDateTime(r.lastAction.at)} · {r.lastAction.actor}
                  </div>
                  {r.lastAction.comment ? <div class="small">意见：{r.lastAction.comment}</div> : null}
                </div>
              ) : (
                <ul class="plain">
                  {r.tasks.map((t) => (
                    <li>
                      <LightBadge due={t.due} /> {t.task.title}（{t.task.departmentName}）
                      <div class="small">
                        <DueCell dueAt={t.task.dueAt} due={t.due} />
                      </div>
                      <ReturnNote view={r.view} task={t.task.task} />
                    </li>
                  ))}
                  {r.tasks.length === 0 ? <li class="muted">无待办</li> : null}
                </ul>
              )}
            </td>
            <td>
              {remind ? (
                <div>
                  {r.view.escalations.count ? (
                    <div class="small">
                      已上报 {r.view.escalations.count} 次，最近：{r.view.escalations.last}
                    </div>
                  ) : (
                    <div class="small muted">尚未上报</div>
                  )}
                  {r.tasks.map((t) => (
                    <form method="post" action={`/projects/${r.view.projectId}/remind`} class="inline">
                      <Csrf token={ctx.csrfToken} />
                      <input type="hidden" name="task" value={t.task.task} />
                      <input type="hidden" name="back" value="/supervise" />
                      <input type="hidden" name="requestId" value={`web-${crypto.randomUUID()}`} />
                      <button type="submit" class="remind">
                        催办{t.task.departmentName}
                      </button>
                    </form>
                  ))}
                </div>
              ) : (
                <time dateTime={r.view.updatedAt}>{formatDateTime(r.view.updatedAt)}</time>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The return opinion a step answering a return owes its revision to (issue 21): who returned it and why. */
function ReturnNote({ view, task }: { view: ListedProject; task: string }) {
  const ret = view.returnNotes[task];
  return ret ? (
    <div class="small return-note" data-return-seq={ret.seq}>
      退回意见：{ret.comment}
    </div>
  ) : null;
}
