import { z } from 'zod';
import { jurisdictions } from '../../machines/index.js';
import { intakes } from '../../machines/intake.js';
import { actBody, listQuery, statisticsQuery, whatIfBody } from './schemas.js';
import { projectViewSchema } from './view-schema.js';
import { readBody, settingsBody } from './messages.js';

const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
const json = (description: string, s?: object) => ({ description, content: { 'application/json': { schema: s ?? { type: 'object' } } } });
const viewRef = { $ref: '#/components/schemas/ProjectView' };
const authed = { security: [{ bearer: [] }] };
const limited = { '429': errorResponse('请求过于频繁（响应带 Retry-After）') };
const unreadable = { '415': errorResponse('不支持的 Content-Encoding 或字符集（只接受 UTF-8 JSON）') };
const unavailable = { '503': errorResponse('工作流服务暂时无法应答（响应带 Retry-After；办理请求另说明是否仍可能生效，并给出可安全重试的 Idempotency-Key）') };
const errors = {
  '400': errorResponse('请求不符合要求：issues 指明字段、规则及条款'),
  '401': errorResponse('缺少或无效的身份凭证'),
  '403': errorResponse('无权办理或查看'),
  '404': errorResponse('项目不存在'),
  '409': errorResponse('当前状态不能办理'),
  ...limited,
  ...unavailable,
};
const pathParam = (name: string, description: string, s: object = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema: s });
const jurisdictionParam = () => pathParam('id', 'jurisdiction id', { type: 'string', enum: Object.keys(jurisdictions) });

/** A 微山 application of the development seed's applying unit (weishan.applicant), as an example request. */
const exampleApplication = {
  jurisdiction: 'weishan',
  application: {
    title: '微山县智慧政务服务平台',
    applicantUnit: '微山县示例单位',
    totalBudget: '1999999.99',
    plannedCompletionOn: '2027-06-30',
    partyCommitteeResolution: { meetingDate: '2026-03-02', minutesRef: '党组会议纪要〔2026〕3号' },
  },
};

/** Where a created project leads: its view, its audit trail and its first open task. */
const projectLinks = {
  GetProject: { operationId: 'getProject', parameters: { id: '$response.body#/projectId' }, description: 'The project just created' },
  GetAudit: { operationId: 'getAudit', parameters: { id: '$response.body#/projectId' }, description: 'Its audit trail' },
  ActOnFirstTask: {
    operationId: 'actOnTask',
    parameters: { id: '$response.body#/projectId', task: '$response.body#/tasks/0/task' },
    description: 'Act on the first task it awaits',
  },
};

/** Query parameters of a zod object schema. */
function queryParameters(s: z.ZodObject) {
  const js = schema(s) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => ({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: p }));
}

/** The OpenAPI 3.1 document of API v1, generated from the same zod schemas the routes use. */
export function openApiDocument() {
  const applications = Object.fromEntries(Object.entries(intakes).map(([id, i]) => [`Application_${id}`, schema(i.applicationSchema)]));
  const payloads = Object.fromEntries(
    Object.entries(intakes).flatMap(([id, i]) => Object.entries(i.payloads).map(([key, p]) => [`Payload_${id}_${key.replace('.', '_')}`, schema(p)])),
  );
  // One branch per jurisdiction, so a body is valid exactly when its application fits that jurisdiction.
  const submitSchema = {
    oneOf: Object.keys(intakes).map((id) => ({
      type: 'object',
      properties: { jurisdiction: { const: id }, application: { $ref: `#/components/schemas/Application_${id}` } },
      required: ['jurisdiction', 'application'],
      additionalProperties: false,
    })),
  };
  return {
    openapi: '3.1.0',
    info: {
      title: '政务信息化项目审批编排 API',
      version: '1.0.0',
      description: `Durable approvals for government IT projects under ${Object.values(jurisdictions)
        .map((d) => d.name)
        .join('、')} regulations.`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token issued by `npm run admin -- issue-token`' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'issues'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                requestId: { type: 'string' },
                issues: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['field', 'rule', 'message'],
                    properties: { field: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' }, article: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        ...applications,
        ...payloads,
        ProjectView: z.toJSONSchema(projectViewSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'output' }),
      },
    },
    paths: {
      '/healthz': {
        get: {
          summary: 'Temporal reachable and a worker polling (answers within 3 s); never rate limited',
          responses: { '200': json('healthy'), '503': json('not ready (Retry-After: 5)') },
        },
      },
      '/readyz': {
        get: {
          summary: 'The same check as /healthz, under the name readiness probes use; never rate limited',
          responses: { '200': json('ready'), '503': json('not ready (Retry-After: 5)') },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { '200': json('OpenAPI 3.1'), ...limited } } },
      '/v1/jurisdictions': {
        get: { summary: 'Jurisdictions and whether their regulation is in force', responses: { '200': json('list', { type: 'array' }), ...limited } },
      },
      '/v1/jurisdictions/{id}/chart': {
        get: { summary: 'A chart as JSON', parameters: [jurisdictionParam()], responses: { '200': json('chart'), '404': errors['404'], ...limited } },
      },
      '/v1/jurisdictions/{id}/chart.stately.ts': {
        get: {
          summary: 'A chart as Stately-importable code',
          parameters: [jurisdictionParam()],
          responses: {
            '200': { description: 'TypeScript source', content: { 'text/plain': { schema: { type: 'string' } } } },
            '404': errors['404'],
            ...limited,
          },
        },
      },
      '/v1/what-if': {
        post: {
          ...authed,
          summary: 'One application through every jurisdiction’s chart, side by side, without starting workflows',
          requestBody: { required: true, content: { 'application/json': { schema: schema(whatIfBody) } } },
          responses: { '200': json('results'), '400': errors['400'], '401': errors['401'], ...unreadable, ...limited },
        },
      },
      '/v1/projects': {
        post: {
          ...authed,
          operationId: 'submitProject',
          summary: 'Submit an application (applicants, for their own unit)',
          description:
            'The application follows components.schemas.Application_<jurisdiction>. With an Idempotency-Key the project id is derived from (user, key): resending the same application with the key answers the same project, created once; a 503 then says whether it may exist and under which id.',
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'creates the project once per key (looked for over 7 days)',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: submitSchema, examples: { weishan: { summary: '微山, the seeded applying unit', value: exampleApplication } } },
            },
          },
          responses: {
            '201': { ...json('the project view (also for a retry with the same Idempotency-Key)', viewRef), links: projectLinks },
            ...errors,
            ...unreadable,
            '422': errorResponse('Idempotency-Key already used by this user for another application'),
          },
        },
        get: {
          ...authed,
          operationId: 'listProjects',
          summary: "Projects in the caller's scope, a keyset page from the read model (docs/read-model.md)",
          parameters: queryParameters(listQuery),
          responses: { '200': json('page of projects'), ...errors, '404': errorResponse('pageToken names no page this server issued') },
        },
      },
      '/v1/statistics': {
        get: {
          ...authed,
          operationId: 'getStatistics',
          summary:
            "统计: counts and budgets (分) of the projects in the caller's scope by status, unit, plan year and class, with overdue, escalated and sanctions now",
          parameters: queryParameters(statisticsQuery),
          responses: { '200': json('statistics'), ...errors },
        },
      },
      '/v1/projects/{id}': {
        get: {
          ...authed,
          operationId: 'getProject',
          summary: 'The public view of a project',
          parameters: [pathParam('id', 'project id', { type: 'string', pattern: '^[a-z]+-[0-9]{8}-[0-9a-f]{8}$' })],
          responses: { '200': json('project view', viewRef), ...errors },
        },
      },
      '/v1/projects/{id}/audit': {
        get: {
          ...authed,
          operationId: 'getAudit',
          summary: 'The audit trail (JSON or CSV)',
          parameters: [
            pathParam('id', 'project id', { type: 'string', pattern: '^[a-z]+-[0-9]{8}-[0-9a-f]{8}$' }),
            { name: 'format', in: 'query', required: false, schema: { enum: ['json', 'csv'] } },
          ],
          responses: {
            '200': { description: 'audit trail', content: { 'application/json': { schema: { type: 'array' } }, 'text/csv': { schema: { type: 'string' } } } },
            ...errors,
          },
        },
      },
      '/v1/documents': {
        post: {
          ...authed,
          operationId: 'uploadDocuments',
          summary: 'Upload files (drafts of the credential, named afterwards by an application or a step)',
          description:
            'multipart/form-data, one or more file parts, streamed to the document store. The type is decided by content (PDF, OFD, DOCX, XLSX, JPEG, PNG, ZIP by default), never by the name; limits per file, per request and files per request come from temporal.config.ts `documents`. Each answer item is the fileRef a payload names (id, sha256, name, size, type).',
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } } } } },
            },
          },
          responses: {
            '201': json('the stored files', {
              type: 'object',
              properties: {
                documents: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['id', 'sha256', 'name', 'size', 'type', 'uploadedAt'],
                    properties: {
                      id: { type: 'string', pattern: '^d[0-9a-f]{32}$' },
                      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                      name: { type: 'string' },
                      size: { type: 'integer' },
                      type: { type: 'string' },
                      uploadedAt: { type: 'string', format: 'date-time' },
                    },
                  },
                },
              },
            }),
            ...errors,
            '413': errorResponse('文件或请求过大，或文件过多'),
            '415': errorResponse('文件类型不在允许之列，或扩展名与内容不符；或请求不是 multipart/form-data'),
            '503': errorResponse('文件存储暂时不可用（响应带 Retry-After），未作任何更改'),
          },
        },
      },
      '/v1/documents/{documentId}': {
        get: {
          ...authed,
          operationId: 'getDraftDocument',
          summary: "A draft's bytes, for its uploader only",
          parameters: [
            pathParam('documentId', 'document id', { type: 'string', pattern: '^d[0-9a-f]{32}$' }),
            { name: 'download', in: 'query', required: false, schema: { enum: ['1'] } },
          ],
          responses: { '200': { description: 'the bytes, with their type and an RFC 6266 file name' }, ...errors },
        },
      },
      '/v1/messages': {
        get: {
          ...authed,
          operationId: 'listMessages',
          summary: "The caller's notices (their department's; on the applying side their unit's projects), newest first, each with its deliveries",
          parameters: [
            { name: 'unread', in: 'query', required: false, schema: { enum: ['0', '1'] } },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } },
            { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0, maximum: 1_000_000 } },
          ],
          responses: { '200': json('{ total, unread, messages[] }'), ...errors },
        },
      },
      '/v1/messages/read': {
        post: {
          ...authed,
          operationId: 'markMessagesRead',
          summary: 'Mark notices read; an id not addressed to the caller is 404 naming ids.N and nothing is marked',
          requestBody: { required: true, content: { 'application/json': { schema: schema(readBody) } } },
          responses: { '200': json('{ marked, unread }'), ...errors },
        },
      },
      '/v1/me': {
        get: {
          ...authed,
          operationId: 'getOwnSettings',
          summary: "The caller's own settings: contact points and notice preference",
          responses: { '200': json('settings'), ...errors },
        },
        patch: {
          ...authed,
          operationId: 'updateOwnSettings',
          summary: "Change one's own notice preference and contact points ('' removes one)",
          requestBody: { required: true, content: { 'application/json': { schema: schema(settingsBody) } } },
          responses: { '200': json('settings'), ...errors },
        },
      },
      '/v1/deliveries': {
        get: {
          ...authed,
          operationId: 'listDeliveries',
          summary: "Administrators: the jurisdiction's deliveries by e-mail and webhook, newest first, with state and reason",
          parameters: [{ name: 'state', in: 'query', required: false, schema: { enum: ['queued', 'retrying', 'sent', 'failed'] } }],
          responses: { '200': json('{ deliveries[] }'), ...errors },
        },
      },
      '/v1/projects/{id}/archive': {
        get: {
          ...authed,
          operationId: 'getCaseArchive',
          summary:
            "The case archive (ZIP): audit.json, chart.json, application.json, every named document at documents/<sha256>, and manifest.json with each file's SHA-256",
          parameters: [pathParam('id', 'project id', { type: 'string', pattern: '^[a-z]+-[0-9]{8}-[0-9a-f]{8}$' })],
          responses: {
            '200': { description: 'the archive', content: { 'application/zip': { schema: { type: 'string', format: 'binary' } } } },
            ...errors,
            '503': errorResponse('文件存储暂时不可用（响应带 Retry-After）'),
          },
        },
      },
      '/v1/projects/{id}/documents/{documentId}': {
        get: {
          ...authed,
          operationId: 'getProjectDocument',
          summary: "A document the project's application or a step names, for whoever may see the project",
          description: 'PDF and images inline, everything else as an attachment (or ?download=1); sandboxed by Content-Security-Policy; ETag is the SHA-256.',
          parameters: [
            pathParam('id', 'project id', { type: 'string', pattern: '^[a-z]+-[0-9]{8}-[0-9a-f]{8}$' }),
            pathParam('documentId', 'document id', { type: 'string', pattern: '^d[0-9a-f]{32}$' }),
            { name: 'download', in: 'query', required: false, schema: { enum: ['1'] } },
          ],
          responses: {
            '200': { description: 'the bytes, with their type and an RFC 6266 file name' },
            ...errors,
            '410': errorResponse('文件内容已丢失'),
            '503': errorResponse('文件存储暂时不可用（响应带 Retry-After）'),
          },
        },
      },
      '/v1/projects/{id}/tasks/{task}/actions': {
        post: {
          ...authed,
          operationId: 'actOnTask',
          summary: "Act on a task as the credential's department",
          description: 'data follows components.schemas.Payload_<jurisdiction>_<task>_<action>.',
          parameters: [
            pathParam('id', 'project id', { type: 'string', pattern: '^[a-z]+-[0-9]{8}-[0-9a-f]{8}$' }),
            pathParam('task', 'task id from the project view', { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }),
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: false,
              description: 'acts once per key',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,100}$' },
            },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: schema(actBody) } } },
          responses: {
            '200': json('the new project view', viewRef),
            ...errors,
            ...unreadable,
            '422': errorResponse('Idempotency-Key already used by this user for another request'),
          },
        },
      },
    },
  };
}
