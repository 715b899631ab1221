import { APPLYING_DEPARTMENTS } from '../machines/shared/meta.js';
import type { ProjectView } from '../contracts/messages.js';
import { HttpError } from './errors.js';
import type { User } from './identity.js';

/** 403 with the reason. */
const forbidden = (message: string) => new HttpError(403, 'forbidden', message, [{ field: 'authorization', rule: 'scope', message }]);

/**
 * Whether a user may see a project: administrators and supervisors of its jurisdiction, applicants
 * of its applying unit, reviewers whose department it awaits or has involved.
 */
export function assertMaySee(user: User, view: ProjectView, involved: readonly string[]): void {
  if (user.jurisdiction !== view.jurisdiction) throw forbidden('该项目不属于您所在的辖区');
  if (user.roles.includes('administrator') || user.roles.includes('supervisor')) return;
  if (user.roles.includes('applicant') && user.unit === view.applicantUnit) return;
  if (user.roles.includes('applicant') && user.department === 'operator' && [...view.tasks, ...view.offers].some((t) => t.department === 'operator')) return;
  if (user.roles.includes('reviewer')) {
    const awaits = [...view.tasks, ...view.offers].some((t) => t.department === user.department);
    if (awaits || involved.includes(user.department)) return;
  }
  throw forbidden('您无权查看该项目：只能查看本单位的项目，或待本部门办理、本部门参与过的项目');
}

/** The part of the project list a user may see, as visibility filters. */
export function listScope(user: User): { jurisdiction: string; applicant?: string; involving?: string } {
  if (user.roles.includes('administrator') || user.roles.includes('supervisor')) return { jurisdiction: user.jurisdiction };
  if (user.roles.includes('reviewer')) return { jurisdiction: user.jurisdiction, involving: user.department };
  return { jurisdiction: user.jurisdiction, applicant: user.unit ?? '\u0000' };
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
