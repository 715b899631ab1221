import type { Article } from './articles.js';

/**
 * The vocabulary a chart uses to say what a project waits for. Every consumer (the workflow
 * host, the API's task lists, search attributes, escalation timers, the web pages) reads these
 * from the chart's state metadata; nothing restates them elsewhere.
 */

/** Stable public statuses API clients may depend on; internal state paths never leak. */
export const PUBLIC_STATUSES = {
  under_review: '评审中',
  returned: '退回修改',
  awaiting_materials: '待提交材料',
  awaiting_approval: '待审批',
  budgeting: '预算安排中',
  responsibility_filing: '责任书备案中',
  procurement: '采购中',
  contract_filing: '合同备案中',
  in_construction: '建设中',
  change_review: '变更审核中',
  acceptance_filing: '验收备案中',
  rectification: '整改中',
  in_operation: '运行中',
  rejected: '未通过',
  unfunded: '未安排预算',
  terminated: '已终止',
  decommissioned: '已关停',
} as const;

/** A stable public status code. */
export type PublicStatus = keyof typeof PUBLIC_STATUSES;

/** What a human may do with a task. */
export type TaskAction = 'approve' | 'reject' | 'return' | 'submit' | 'pass' | 'fail' | 'order' | 'terminate';

/** Chinese labels for task actions, shown to reviewers. */
export const TASK_ACTION_LABELS: Record<TaskAction, string> = {
  approve: '通过',
  reject: '不予通过',
  return: '退回修改',
  submit: '提交',
  pass: '验收通过',
  fail: '验收不通过',
  order: '责令限期整改',
  terminate: '终止项目',
};

/** A period as the law counts it. */
export type Period =
  | { unit: 'workingDays' | 'days' | 'months' | 'years'; count: number }
  /** Ends at the end of the date found at `start` (a date the applicant or an order fixed). */
  | { unit: 'onDate' }
  /** A review service level from temporal.config.ts, looked up by this key. */
  | { unit: 'serviceLevel'; key: string };

/** A deadline that starts when its state is entered and fires `deadline.<id>` when it passes. */
export interface DeadlineMeta {
  id: string;
  title: string;
  /** The article that sets the period. */
  article: Article;
  period: Period;
  /** Dotted path into context holding the YYYY-MM-DD start date; absent = the day the state is entered. */
  start?: string;
}

/** Something a department (or the applying unit) must do in a state. */
export interface TaskMeta {
  id: string;
  title: string;
  /** Department id from the jurisdiction's department table ('applicant' is the applying unit), or `@field` for one held in context. */
  assignee: string;
  /** The article the task rests on. */
  article: Article;
  actions: TaskAction[];
}

/**
 * Levels of the supervision chain (e.g. 微山 第四十条), in escalating order, and the funds withheld
 * while a filing a regulation ties disbursement to is missing (静乐 第二十五条).
 */
export const SANCTION_LEVELS = {
  rectification_ordered: '限期整改',
  criticized: '通报批评',
  funds_withheld: '未备案，暂不拨付后续资金',
  funds_suspended: '暂缓拨付资金',
  project_suspended: '暂停项目建设',
} as const;

/** A level of the supervision chain. */
export type SanctionLevel = keyof typeof SANCTION_LEVELS;

/** Metadata on a chart state. */
export interface StateMeta {
  /** The project's public status while this is the deepest active state that names one. */
  status?: PublicStatus;
  /** The supervision level while this state is active; the project's level is the highest among its active states. */
  sanction?: SanctionLevel;
  /** What the project waits for here. */
  task?: TaskMeta;
  /** Actions a department may take here without the project waiting for them (change requests, supervision). */
  offers?: TaskMeta[];
  deadline?: DeadlineMeta;
  /** A newer chart version may take over a project resting here (between phases), at continue-as-new. */
  upgradeable?: boolean;
}

/**
 * How a state without a task is drawn and listed: its title and the article behind it. Charts
 * declare it where they declare the state (machines/shared/builders.ts `titled`), under a symbol
 * key, so it stays out of the chart's config as XState and the Stately exports read it.
 */
export interface Heading {
  title: string;
  article?: Article;
}

/** The key of a state config's Heading. */
export const HEADING = Symbol('heading');

/** Name of the event a deadline sends when it passes. */
export const deadlineEvent = (id: string) => `deadline.${id}`;

/** Name of the event for a task action, e.g. 'requirementsReview.approve'. */
export const taskEvent = (taskId: string, action: TaskAction) => `${taskId}.${action}`;

/** Side effects a chart may name in its actions; the host runs them as activities. */
export const EFFECTS = ['notify', 'escalate'] as const;

/** A side effect a chart may name. */
export type EffectType = (typeof EFFECTS)[number];

/** Departments that act as the applying side: the applying unit and 莱州's operating company (运营公司). */
export const APPLYING_DEPARTMENTS: readonly string[] = ['applicant', 'operator'];
