/** @jsxImportSource preact */
/**
 * 统计 (issue 23): the projects a user may list, counted and summed from the read model — by
 * status, applying unit, plan year and class, with what is overdue, escalated or under a sanction
 * now. Each figure is drawn as a bar of a server-rendered SVG chart (readable in print) and is a
 * link to the list behind it (全部项目 with the same filter).
 */
import type { Router } from 'express';
import { PUBLIC_STATUSES, SANCTION_LEVELS, type PublicStatus } from '../../../machines/shared/meta.js';
import { jurisdictions } from '../../../machines/index.js';
import { HttpError } from '../../errors.js';
import { isAuthority, listScope } from '../../access.js';
import type { StatBucket, Statistics } from '../../read-model/store.js';
import { categoryLabel } from '../export.js';
import type { Kit } from '../kit.js';
import { CursorPager, ExportLinks, FilterBar, StaleNote } from '../views/lists.js';
import { projectRows, statisticsOf, stepOptions, type ProjectRow } from '../worklist.js';
import { taskTitles } from '../chart-meta.js';
import type { User } from '../../identity.js';

/** 元 with thousands separators, from 分; 万元 from a million up, as budget tables in the regulations give them. */
export function formatAmount(fen: number): string {
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 1_000_000) return `${(yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
  return `${yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}

/** 元 with 角分 and thousands separators, for a table's column (amounts compared row by row). */
export const formatYuan = (fen: number): string => `${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

/** One figure of a chart: its label, count, amount and the list it links to. */
interface Bar {
  label: string;
  count: number;
  requestedFen: number;
  approvedFen: number;
  href: string;
}

const ROW = 26;
const LABEL_W = 190;
const BAR_W = 360;

/**
 * A horizontal bar chart as SVG: one bar per figure, its length the count, each bar and its label a
 * link to the list behind it; the counts and amounts also as text, so it reads without colour.
 */
function BarChart({ title, bars, id }: { title: string; bars: Bar[]; id: string }) {
  const max = Math.max(1, ...bars.map((b) => b.count));
  const height = Math.max(1, bars.length) * ROW + 8;
  return (
    <figure class="stat-chart" id={id}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      {bars.length === 0 ? (
        <p class="muted">没有项目</p>
      ) : (
        <svg
          role="group"
          aria-label={`${title}：${bars.map((b) => `${b.label} ${b.count} 个`).join('，')}`}
          viewBox={`0 0 ${LABEL_W + BAR_W + 230} ${height}`}
          width="100%"
          xmlns="http://www.w3.org/2000/svg"
        >
          {bars.map((b, i) => {
            const y = i * ROW + 4;
            const w = Math.max(2, Math.round((b.count / max) * BAR_W));
            return (
              <a href={b.href} data-figure={b.label}>
                <title>{`${b.label}：${b.count} 个项目，申报 ${formatAmount(b.requestedFen)}，批复 ${formatAmount(b.approvedFen)}`}</title>
                <text x={LABEL_W - 8} y={y + 15} text-anchor="end" font-size="13">
                  {b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label}
                </text>
                <rect x={LABEL_W} y={y} width={w} height={ROW - 8} rx="2" class="stat-bar" fill="#2f6fb0" />
                <text x={LABEL_W + w + 6} y={y + 15} font-size="13">
                  {`${b.count} 个 · ${formatAmount(b.requestedFen)}`}
                </text>
              </a>
            );
          })}
        </svg>
      )}
      {bars.length ? (
        <table class="stat-table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">分组</th>
              <th scope="col">项目数</th>
              <th scope="col">申报金额</th>
              <th scope="col">批复金额</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr>
                <th scope="row">
                  <a href={b.href}>{b.label}</a>
                </th>
                <td>{b.count}</td>
                <td>{formatAmount(b.requestedFen)}</td>
                <td>{formatAmount(b.approvedFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </figure>
  );
}

/** The 全部项目 link of a group, keeping the page's year. */
function listHref(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/projects${s ? `?${s}` : ''}`;
}

/** The figures as the page draws them. */
export function statisticsBars(jurisdiction: string, s: Statistics, year: number | undefined) {
  const bar = (b: StatBucket, label: string, params: Record<string, string | number | undefined>): Bar => ({
    label,
    count: b.count,
    requestedFen: b.requestedFen,
    approvedFen: b.approvedFen,
    href: listHref({ year, ...params }),
  });
  return {
    byStatus: s.byStatus.map((b) => bar(b, PUBLIC_STATUSES[b.key as PublicStatus] ?? b.key, { status: b.key })),
    byUnit: s.byUnit.map((b) => bar(b, b.key, { unit: b.key })),
    byYear: s.byYear.map((b) => bar(b, `${b.key} 年度`, { year: b.key })),
    byCategory: s.byCategory.map((b) =>
      bar(b, b.key ? (categoryLabel({ jurisdiction, category: b.key }) ?? b.key) : '未分类', { category: b.key || undefined }),
    ),
  };
}

/** 统计 and 项目库 are the authority's: reviewers, supervisors and administrators (an applying unit has 我的申报). */
export function authority(user: User, page: string): void {
  if (!isAuthority(user))
    throw new HttpError(403, 'forbidden', `${page}供审核、督办与管理人员使用`, [{ field: 'authorization', rule: 'role', message: '需要审核、督办或管理角色' }]);
}

/** The totals of a list: how many projects, asked for and approved. */
function Totals({ s, id, links }: { s: Statistics; id: string; links?: { all: string; overdue: string } }) {
  const t = s.total;
  return (
    <dl class="stat-totals" id={id}>
      <div>
        <dt>项目</dt>
        <dd>{links ? <a href={links.all}>{t.count}</a> : t.count} 个</dd>
      </div>
      <div>
        <dt>申报金额</dt>
        <dd>{formatAmount(t.requestedFen)}</dd>
      </div>
      <div>
        <dt>批复金额</dt>
        <dd>{formatAmount(t.approvedFen)}</dd>
      </div>
      <div>
        <dt>超期</dt>
        <dd>{links ? <a href={links.overdue}>{s.overdue}</a> : s.overdue} 个</dd>
      </div>
      <div>
        <dt>已上报</dt>
        <dd>{s.escalated} 个</dd>
      </div>
      <div>
        <dt>监督措施</dt>
        <dd>
          {s.sanctions.length ? s.sanctions.map((x) => `${SANCTION_LEVELS[x.key as keyof typeof SANCTION_LEVELS] ?? x.key} ${x.count} 个`).join('，') : '无'}
        </dd>
      </div>
    </dl>
  );
}

/** 项目库's table: every project of the page with its year, class, status and amounts. */
function LibraryTable({ rows, total }: { rows: ProjectRow[]; total: number }) {
  if (rows.length === 0) return <p class="empty">没有符合条件的项目。</p>;
  return (
    <table class="list library">
      <caption>
        共 {total} 个项目，本页 {rows.length} 个
      </caption>
      <thead>
        <tr>
          <th scope="col">项目名称</th>
          <th scope="col">申报单位</th>
          <th scope="col">年度</th>
          <th scope="col">类别</th>
          <th scope="col">状态</th>
          <th scope="col" class="num">
            申报金额
          </th>
          <th scope="col" class="num">
            批复金额
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ view: p }) => (
          <tr data-project={p.projectId}>
            <th scope="row">
              <a href={`/projects/${p.projectId}`}>{p.title}</a>
              <div class="small muted">{p.projectId}</div>
            </th>
            <td>{p.applicantUnit}</td>
            <td>{p.planYear}</td>
            <td>{categoryLabel(p) ?? '—'}</td>
            <td>
              {p.execution?.label ?? p.statusLabel}
              {p.sanction ? <div class="small">{p.sanction.label}</div> : null}
            </td>
            <td class="num">{p.requestedFen === undefined ? '—' : formatYuan(p.requestedFen)}</td>
            <td class="num">{p.approvedFen === undefined ? '—' : formatYuan(p.approvedFen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function statisticsRoutes(router: Router, kit: Kit): void {
  const { worklist, ctxOf, send, userOr, filterOf, queryOf } = kit;

  // 项目库: every project in scope with its amounts and year, the list's filters, the totals of all its pages, and the export.
  router.get('/library', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    authority(user, '项目库');
    const f = filterOf(req, user);
    const [shown, stats] = await Promise.all([projectRows(worklist, user, {}, f), statisticsOf(worklist, user, f)]);
    const def = jurisdictions[user.jurisdiction]!;
    const ctx = ctxOf(req, user);
    send(
      res,
      200,
      '项目库',
      'library',
      ctx,
      <>
        <h1>
          项目库 <span class="muted small">· {listScope(user).of ? '您的列表所含项目' : `${def.name}全部项目`}</span>
        </h1>
        <FilterBar action="/library" filter={f} steps={stepOptions(def.id, taskTitles(def))} jurisdiction={def.id} />
        <ExportLinks page="library" query={queryOf(req)} />
        <StaleNote stale={shown.stale} />
        <h2 class="visually-hidden">合计</h2>
        <Totals s={stats} id="library-totals" />
        <LibraryTable rows={shown.rows} total={shown.total} />
        <CursorPager action="/library" query={queryOf(req)} next={shown.next} />
      </>,
    );
  });

  router.get('/statistics', async (req, res) => {
    const user = await userOr(req, res);
    if (!user) return;
    authority(user, '统计');
    const f = filterOf(req, user);
    const stats = await statisticsOf(worklist, user, f);
    const bars = statisticsBars(user.jurisdiction, stats, f.year);
    const ctx = ctxOf(req, user);
    const t = stats.total;
    const scopeNote = listScope(user).of ? '您的列表所含项目' : `${jurisdictions[user.jurisdiction]?.name ?? user.jurisdiction}全部项目`;
    send(
      res,
      200,
      '统计',
      'statistics',
      ctx,
      <>
        <h1>
          统计 <span class="muted small">· {scopeNote}</span>
        </h1>
        <form method="get" action="/statistics" class="filters">
          <label>
            年度 <input type="number" name="year" min="2000" max="2100" value={f.year ?? ''} inputMode="numeric" />
          </label>{' '}
          <button type="submit">查看</button>
        </form>
        <StaleNote stale={worklist.lists.stale()} />
        <Totals s={stats} id="stat-totals" links={{ all: listHref({ year: f.year }), overdue: listHref({ year: f.year, due: 'overdue' }) }} />
        <BarChart id="by-status" title="按状态" bars={bars.byStatus} />
        <BarChart id="by-unit" title="按申报单位" bars={bars.byUnit} />
        <BarChart id="by-year" title="按年度" bars={bars.byYear} />
        {bars.byCategory.length ? <BarChart id="by-category" title="按项目类别" bars={bars.byCategory} /> : null}
      </>,
    );
  });
}
