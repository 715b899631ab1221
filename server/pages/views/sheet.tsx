/** @jsxImportSource preact */
import type { HistoryEntry, ProjectView } from '../../../contracts/messages.js';
import type { JurisdictionDefinition } from '../../../machines/shared/definition.js';
import { PUBLIC_STATUSES, TASK_ACTION_LABELS, type TaskAction } from '../../../machines/shared/meta.js';
import { ApplicationFacts, yuanLabel } from '../case-file.js';
import { formatDateTime } from '../format.js';

/**
 * The 审批表 of a project (issue 21 item 4, the printable part): the application summary and every
 * decision with who took it, for which department, when and with what opinion, on one page that
 * prints on A4 (the layout hides the navigation when printing).
 */
export function ApprovalSheet({
  def,
  view,
  audit,
  taskTitle,
  chainHead,
  printedAt,
}: {
  def: JurisdictionDefinition;
  view: ProjectView;
  audit: HistoryEntry[];
  taskTitle: (id: string) => string;
  chainHead?: string | undefined;
  printedAt: Date;
}) {
  const decisions = audit.filter((h) => h.kind === 'action' || h.kind === 'submitted');
  const budget = (view.application?.totalBudget as { fen?: number } | undefined)?.fen;
  const dept = (id?: string) => (id ? (def.departments[id]?.name ?? id) : '—');
  return (
    <article class="approval-sheet">
      <h1>{def.name}政务信息化项目审批表</h1>
      <table class="sheet-head">
        <tbody>
          <tr>
            <th scope="row">项目名称</th>
            <td colSpan={3}>{view.title}</td>
          </tr>
          <tr>
            <th scope="row">申报单位</th>
            <td>{view.applicantUnit}</td>
            <th scope="row">项目编号</th>
            <td>{view.projectId}</td>
          </tr>
          <tr>
            <th scope="row">总预算</th>
            <td>{budget !== undefined ? yuanLabel(budget) : '—'}</td>
            <th scope="row">当前状态</th>
            <td>{PUBLIC_STATUSES[view.status as keyof typeof PUBLIC_STATUSES] ?? view.status}</td>
          </tr>
          <tr>
            <th scope="row">依据</th>
            <td colSpan={3}>
              {def.regulation.title}（流程版本 第 {view.chartVersion} 版）
            </td>
          </tr>
        </tbody>
      </table>
      <section class="sheet-application">
        <ApplicationFacts def={def} application={view.application ?? { title: view.title, applicantUnit: view.applicantUnit }} />
      </section>
      <section class="sheet-decisions">
        <h2>办理意见</h2>
        <table class="sheet-opinions">
          <thead>
            <tr>
              <th scope="col">时间（北京时间）</th>
              <th scope="col">环节</th>
              <th scope="col">部门</th>
              <th scope="col">办理人</th>
              <th scope="col">结果</th>
              <th scope="col">意见</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((h) => (
              <tr data-seq={h.seq}>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.kind === 'submitted' ? '申报' : taskTitle(h.task ?? '')}</td>
                <td>{dept(h.department)}</td>
                <td>{h.actor ?? '—'}</td>
                <td>{h.kind === 'submitted' ? '提交申报' : (TASK_ACTION_LABELS[h.action as TaskAction] ?? h.action)}</td>
                <td>{h.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p class="small muted sheet-foot">
        打印于 {formatDateTime(printedAt.toISOString())}；共 {audit.length} 条办理记录
        {chainHead ? `，审计链末条哈希 ${chainHead.slice(0, 16)}…` : ''}。使用浏览器的“打印”即可输出为纸质或 PDF。
      </p>
    </article>
  );
}
