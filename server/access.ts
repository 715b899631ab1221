import { APPLYING_DEPARTMENTS } from '../machines/shared/meta.js';
import type { HistoryEntry, ProjectView } from '../contracts/messages.js';
import { ADDRESSING_KINDS, reachesAddressee } from '../contracts/addressing.js';
import { HttpError } from './errors.js';
import type { User } from './identity.js';
import { jurisdictionOfProject } from './projects.js';

/** 403 with the reason. */
const forbidden = (message: string) => new HttpError(403, 'forbidden', message, [{ field: 'authorization', rule: 'scope', message }]);

/** How far a user reaches into a project: not at all, to read it, or to act on a step open for them now. */
export type Reach = 'none' | 'read' | 'act';

/**
 * The department id every applying unit acts under. It names no one by itself (every unit of the
 * jurisdiction has it), so it grants sight through the unit alone; 莱州's 运营公司 (`operator`) is
 * one company and reaches its projects through its department like a reviewing department.
 */
const UNIT_DEPARTMENT = 'applicant';

const reachesByDepartment = (user: User) => user.department !== UNIT_DEPARTMENT;
const ownUnit = (user: User, view: Pick<ProjectView, 'applicantUnit'>) => user.unit !== undefined && user.unit === view.applicantUnit;

/** Whether an open step (task or offer) of a project is the user's: their department's, and for an applying unit's step their own unit's project. */
export function stepIsTheirs(user: User, view: Pick<ProjectView, 'applicantUnit'>, step: { department: string }): boolean {
  return reachesAddressee(user, step.department, view.applicantUnit);
}

/**
 * THE rule for who sees what; the API (server/api/routes.ts) and the pages (server/pages/kit.tsx,
 * worklist.ts) both ask here, and answer alike (403 with the reason, 404 for no such project).
 *
 * Within the project's jurisdiction only (anyone else: none):
 * - administrators and supervisors (督办) read every project — supervisors to follow time limits
 *   and send 催办, which is their only command; neither acts on a step;
 * - the applying unit reads its own projects (by `unit`, never by the shared `applicant` id);
 * - a department reads a project that awaits it now (a task or an offer), that it acted on, or that
 *   addressed it: a notice or 抄送 (e.g. 微山 第十六条 备案, 第二十一条 抄送), a 催办, or an
 *   escalation (上报 to 县委、县政府, the 领导小组 …). They are who a notice is sent to, so they may
 *   open what it is about — read only. This includes 莱州's 运营公司 for the 市场运营类 projects it
 *   builds (第八条第三项), from its first step on;
 * - `act` when a step open now is the user's (stepIsTheirs) and they hold the role it needs
 *   (an applying unit's applicant, else a reviewer); assertMayAct checks the step asked for.
 *
 * Lists (listScope) follow the same rule as far as Temporal visibility can filter: the unit's
 * projects, and a department's projects awaiting it or acted on by it (ProjectAwaitingDepartments,
 * ProjectInvolvedDepartments in contracts/search-attributes.ts). A project that only notified or
 * escalated to a department opens for it (from the notice's link or its id) but is not in its
 * lists: no search attribute records who was addressed, and rather than add one the planned read
 * model of our own (issue 23) is to hold it.
 *
 * `trail` is what is known of the audit trail: the view's latest entries by default. An entry
 * older than those can grant sight, so `openProject` asks for the whole trail before refusing.
 */
export function reachOf(user: User, view: ProjectView, trail: readonly HistoryEntry[] = view.history): Reach {
  if (user.jurisdiction !== view.jurisdiction) return 'none';
  const open = [...view.tasks, ...view.offers].filter((t) => stepIsTheirs(user, view, t));
  const role = (t: { department: string }) => (APPLYING_DEPARTMENTS.includes(t.department) ? 'applicant' : 'reviewer');
  if (open.some((t) => user.roles.includes(role(t)))) return 'act';
  if (user.roles.includes('administrator') || user.roles.includes('supervisor')) return 'read';
  if (ownUnit(user, view)) return 'read';
  if (reachesByDepartment(user)) {
    if (open.length > 0) return 'read';
    if (trail.some((h) => ADDRESSING_KINDS.has(h.kind) && h.department === user.department)) return 'read';
  }
  return 'none';
}

/** Why `reachOf` answered none, as the 403 says it. */
const NO_SIGHT = '您无权查看该项目：只能查看本单位的项目，或待本部门办理、本部门办理过、通知或上报本部门的项目';

/**
 * A project as a user may see it, or the 403 that says why not: the id's jurisdiction is checked
 * before Temporal is asked, the whole audit trail only when the view's latest entries do not settle
 * it (or `wholeTrail` asks for it). The one way the API and the pages open a project.
 */
export async function openProject(
  projects: { view(projectId: string): Promise<ProjectView>; audit(projectId: string): Promise<HistoryEntry[]> },
  user: User,
  projectId: string,
  opts: { wholeTrail?: boolean } = {},
): Promise<{ view: ProjectView; trail: HistoryEntry[]; reach: Exclude<Reach, 'none'> }> {
  if (jurisdictionOfProject(projectId) !== user.jurisdiction) throw forbidden('该项目不属于您所在的辖区');
  const view = await projects.view(projectId);
  const whole = view.historyTotal <= view.history.length;
  let trail = view.history;
  let reach = reachOf(user, view, trail);
  if (!whole && (opts.wholeTrail || (reach === 'none' && reachesByDepartment(user) && user.jurisdiction === view.jurisdiction))) {
    trail = await projects.audit(projectId);
    reach = reachOf(user, view, trail);
  }
  if (reach === 'none') throw forbidden(user.jurisdiction !== view.jurisdiction ? '该项目不属于您所在的辖区' : NO_SIGHT);
  return { view, trail, reach };
}

/**
 * Which projects a user's lists hold, as visibility filters, by the rule above: `jurisdiction`
 * always; `of` absent for administrators and supervisors (the whole jurisdiction); otherwise the
 * projects of `applicantUnit` or those awaiting or acted on by `department` (either), and none
 * when the user has neither.
 */
export interface ListScope {
  jurisdiction: string;
  of?: { applicantUnit?: string; department?: string };
}

/** Whether a user may use the authority's pages, 统计 and 项目库: a reviewer, supervisor or administrator (an applying unit has 我的申报). */
export const isAuthority = (user: Pick<User, 'roles'>): boolean => user.roles.some((r) => r === 'reviewer' || r === 'supervisor' || r === 'administrator');

/** The part of the project list a user may see (see reachOf for what visibility cannot filter). */
export function listScope(user: User): ListScope {
  if (user.roles.includes('administrator') || user.roles.includes('supervisor')) return { jurisdiction: user.jurisdiction };
  return {
    jurisdiction: user.jurisdiction,
    of: { ...(user.unit !== undefined ? { applicantUnit: user.unit } : {}), ...(reachesByDepartment(user) ? { department: user.department } : {}) },
  };
}

/** Applicants apply only for their own unit in their own jurisdiction. */
export function assertMayApply(user: User, jurisdiction: string, application: Record<string, unknown>): void {
  if (!user.roles.includes('applicant')) throw forbidden('只有申报单位可以提交申报');
  if (user.jurisdiction !== jurisdiction) throw forbidden('只能向本辖区申报');
  if (application.applicantUnit !== user.unit) throw forbidden(`只能以本单位（${user.unit ?? '—'}）名义申报`);
}

/**
 * Whether the user may take an open task: the awaited department with the role it needs (an
 * applying unit's applicant, or a reviewer of the department; supervisors do not act). Checked
 * before the payload, so someone who may not act learns nothing about what it would need. A task
 * not open now passes: the workflow answers a repeated request with its original result, and
 * anything else with 409. The workflow checks all of this again.
 */
export function assertMayAct(user: User, view: ProjectView, task: string, action: string): { open: boolean } {
  const open = [...view.tasks, ...view.offers].filter((t) => t.task === task && (t.actions as string[]).includes(action));
  if (open.length === 0) return { open: false };
  const mine = open.find((t) => t.department === user.department);
  if (!mine) throw forbidden(`该事项由${open.map((t) => t.departmentName).join('、')}办理`);
  const role = APPLYING_DEPARTMENTS.includes(mine.department) ? 'applicant' : 'reviewer';
  if (!user.roles.includes(role)) throw forbidden(role === 'applicant' ? '只有申报单位可以办理该事项' : '只有审核部门的审核人员可以办理该事项');
  return { open: true };
}
