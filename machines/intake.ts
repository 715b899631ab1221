import type { AnyMachineSnapshot } from 'xstate';
import { z } from 'zod';
import { checkAction, type ActionRequest } from './policy.js';
import type { Issue, Refusal } from './shared/errors.js';
import type { JurisdictionDefinition } from './shared/definition.js';
import type { TaskEvent } from './shared/events.js';
import { taskEvent } from './shared/meta.js';
import type { IntakePackage, JurisdictionIntake } from './shared/intake.js';
import { jurisdictionIds } from './index.js';
import { intakePackages } from './registry-intake.generated.js';

export type { JurisdictionIntake } from './shared/intake.js';

/** Intake of every jurisdiction, by id, from the folders of machines/ (machines/registry-intake.generated.ts). */
export const intakes: Record<string, IntakePackage> = Object.fromEntries(
  jurisdictionIds.map((id) => {
    if (!Object.hasOwn(intakePackages, id)) throw new Error(`machines/${id}/intake.ts is missing: every jurisdiction folder has one`);
    return [id, intakePackages[id]!];
  }),
);

/** The intake of a jurisdiction; throws on an unknown id. */
export function intakeOf(id: string): JurisdictionIntake {
  const intake = Object.hasOwn(intakes, id) ? intakes[id] : undefined;
  if (!intake) throw new Error(`unknown jurisdiction '${id}'`);
  return intake;
}

/** zod issues as API issues, keeping the article a refinement attached. */
export function zodIssues(error: z.ZodError, prefix = ''): Issue[] {
  return error.issues.map((i) => {
    const article = (i as { params?: { article?: string } }).params?.article;
    return {
      field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix || '(body)',
      rule: article ? 'regulation' : i.code,
      message: i.message,
      ...(article ? { article } : {}),
    };
  });
}

const noPayload = z.strictObject({});

/** A task payload checked against its schema: the parsed data, or why not. */
export function parsePayload(jurisdiction: string, task: string, action: string, data: unknown): { data: Record<string, unknown> } | Refusal {
  const payloads = intakeOf(jurisdiction).payloads;
  const key = taskEvent(task, action as never);
  const schema = Object.hasOwn(payloads, key) ? payloads[key]! : noPayload;
  const parsed = schema.safeParse(data ?? {});
  return parsed.success ? { data: parsed.data } : { kind: 'invalid', message: '提交的数据不符合要求', issues: zodIssues(parsed.error, 'data') };
}

/** A request checked as the API and the workflow together check it: payload schema, then the chart. */
export function checkRequest(def: JurisdictionDefinition, snapshot: AnyMachineSnapshot, req: ActionRequest, at: string): TaskEvent | Refusal {
  const payload = parsePayload(def.id, req.task, req.action, req.data);
  if ('kind' in payload) return payload;
  return checkAction(def, snapshot, { ...req, data: payload.data }, at);
}

/**
 * Payload schemas of a jurisdiction as JSON Schema of what is stored (amounts in 分, defaults
 * applied), for the workflow's own check (machines/payload-check.ts); generated ahead of time so
 * zod stays out of the workflow bundle.
 */
export function payloadJsonSchemas(jurisdiction: string): Record<string, object> {
  const payloads = intakeOf(jurisdiction).payloads;
  return Object.fromEntries(
    Object.keys(payloads)
      .sort()
      .map((key) => {
        const { $schema: _drop, ...schema } = z.toJSONSchema(payloads[key]!, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' }) as Record<
          string,
          unknown
        >;
        return [key, schema];
      }),
  );
}
