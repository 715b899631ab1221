/** The project view as the API answers it (contracts/view.ts ProjectView), for the OpenAPI document and its tests. */
import { z } from 'zod';
import { PUBLIC_STATUSES, SANCTION_LEVELS, TASK_ACTION_LABELS } from '../../machines/shared/meta.js';

const status = z.enum(Object.keys(PUBLIC_STATUSES) as [string, ...string[]]);
const action = z.enum(Object.keys(TASK_ACTION_LABELS) as [string, ...string[]]);
const payload = z
  .record(z.string(), z.unknown())
  .describe('As validated by the step’s payload schema (components.schemas.Payload_<jurisdiction>_<task>_<action>): amounts as { fen } (integer 分)');

/** One entry of the history a view carries: without the signature (the audit trail has it), with the step’s data. */
export const historyEntrySchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  kind: z.enum(['submitted', 'action', 'deadline', 'reminder', 'escalation', 'notification', 'system', 'document']),
  level: z.number().int().optional(),
  message: z.string(),
  task: z.string().optional(),
  action: z.string().optional(),
  department: z.string().optional(),
  actor: z.string().optional(),
  userId: z.string().optional(),
  comment: z.string().optional(),
  article: z.string().optional(),
  data: payload.optional(),
  fromStatus: status.optional(),
  toStatus: status.optional(),
  requestId: z.string().optional(),
  bodyHash: z.string().optional(),
  hash: z.string().optional(),
  issued: z
    .object({
      kind: z.string().describe('评审意见, 审查意见, 审核意见, 实施意见, 批复, 备案意见 or 整改通知'),
      number: z.string().describe('文号: the issuing department’s sequence for the year, e.g. 微山县大数据局〔2026〕3号'),
      for: z.number().int().describe('seq of the decision it sets down'),
      document: z.object({ id: z.string(), sha256: z.string(), name: z.string(), size: z.number().int(), type: z.string() }),
    })
    .optional()
    .describe('On a document entry: the opinion or approval issued as a PDF, at GET /v1/projects/{id}/documents/{document.id}'),
});

const task = z.object({
  task: z.string(),
  title: z.string(),
  department: z.string(),
  departmentName: z.string(),
  article: z.string(),
  actions: z.array(action),
});

/** The public view of a project. */
export const projectViewSchema = z.strictObject({
  projectId: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  chartVersion: z.number().int(),
  title: z.string(),
  applicantUnit: z.string(),
  application: z
    .record(z.string(), z.unknown())
    .describe('The whole application as validated at submission (components.schemas.Application_<jurisdiction>; amounts as { fen }, integer 分)'),
  status,
  statusLabel: z.string(),
  sanction: z.object({ level: z.enum(Object.keys(SANCTION_LEVELS) as [string, ...string[]]), label: z.string() }).optional(),
  final: z.boolean(),
  tasks: z.array(
    task.extend({
      dueAt: z.iso.datetime().optional(),
      deadline: z
        .object({
          id: z.string(),
          title: z.string(),
          article: z.string(),
          lastDay: z.string().optional(),
          dueAt: z.string().optional(),
          error: z.string().optional(),
        })
        .optional(),
      overdue: z.boolean(),
      escalationLevel: z.number().int(),
      remindedAt: z.string().optional(),
      urged: z.strictObject({ by: z.string(), at: z.string(), count: z.number().int().min(1) }).optional(),
    }),
  ),
  offers: z.array(task),
  escalations: z.array(historyEntrySchema),
  activeStates: z.array(z.string()),
  history: z.array(historyEntrySchema).describe('The latest entries, each with the data its step sent; GET …/audit has them all, with their signatures'),
  historyTotal: z.number().int(),
  issuing: z.array(z.object({ for: z.number().int(), kind: z.string() })).optional(),
  submittedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  execution: z
    .object({
      state: z.enum(['terminated', 'failed', 'canceled', 'timedOut']),
      label: z.string(),
      closedAt: z.string().optional(),
      lastStatusLabel: z.string(),
    })
    .optional(),
  reset: z
    .object({ at: z.iso.datetime() })
    .optional()
    .describe('Set when the workflow was reset outside the product (temporal workflow reset); the actions after the reset point were reapplied'),
});
