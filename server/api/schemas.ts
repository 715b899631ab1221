/** What the API accepts at its boundary: zod schemas of paths, bodies and queries, and one way to apply them. */
import { z } from 'zod';
import { jurisdictionIds } from '../../machines/index.js';
import { zodIssues } from '../../machines/intake.js';
import { isoDate } from '../../machines/shared/schemas.js';
import { PUBLIC_STATUSES, TASK_ACTION_LABELS } from '../../machines/shared/meta.js';
import { badRequest } from '../errors.js';
import { actionData, commentText } from '../free-text.js';

/** A project id as the API issues them: `<jurisdiction>-<yyyymmdd>-<hex>`. */
export const projectId = z.string().regex(/^[a-z]+-\d{8}-[0-9a-f]{8}$/);
/** A task id or department id. */
export const keyword = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '只能包含字母、数字和下划线');

/** Body of POST /v1/projects; who submits comes from the credential. */
export const submitBody = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds),
  application: z.record(z.string(), z.unknown()),
});

/** Body of an action; the acting department and person come from the credential, never from here. */
export const actBody = z.strictObject({
  action: z.enum(Object.keys(TASK_ACTION_LABELS) as [keyof typeof TASK_ACTION_LABELS, ...(keyof typeof TASK_ACTION_LABELS)[]]),
  comment: commentText.optional(),
  data: actionData.optional(),
});

/** Query of GET /v1/projects; the caller's scope is added from the credential. */
export const listQuery = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds).optional(),
  status: z.enum(Object.keys(PUBLIC_STATUSES) as [string, ...string[]]).optional(),
  awaiting: keyword.optional(),
  dueBefore: z.iso.datetime().optional(),
  /** Projects with a time limit falling within this many days from now (0 = already due). */
  dueWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Searched literally in title, unit, 文号 and project id. */
  q: z.string().trim().min(1).max(100, '搜索内容最多 100 个字').optional(),
  /** 申报年度 (the plan year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  sort: z.enum(['due', 'received', 'project']).default('due'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  pageToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,2000}$/, '无效的分页标记')
    .optional(),
});

/** Query of GET /v1/statistics: one plan year, one class, or all. */
export const statisticsQuery = z.strictObject({
  jurisdiction: z.enum(jurisdictionIds).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  category: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '项目类别无效')
    .optional(),
});

/** Body of POST /v1/what-if and the what-if CLI: shared fields plus per-jurisdiction fields. */
export const whatIfBody = z.strictObject({
  application: z.record(z.string(), z.unknown()),
  overrides: z.partialRecord(z.enum(jurisdictionIds), z.record(z.string(), z.unknown())).default({}),
  /** The day to evaluate on (validity, 淅川's 30 June); today when absent. */
  date: isoDate.optional(),
});

/** The Idempotency-Key header. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, '8 to 100 letters, digits, - or _');

/** A value parsed by its schema; 400 naming the fields otherwise. */
export function parse<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest('请求不符合要求', zodIssues(result.error, where));
  return result.data;
}
