/**
 * The workflow's own check of a task payload against the schema of the project's chart version:
 * a command the API signed carries payloads the API parsed, but the workflow does not take the
 * shape on trust (numbers where references belong, 1e300, extra keys are refused here too).
 * JSON Schema generated ahead of time (machines/payload-schemas.generated.ts), checked by
 * @cfworker/json-schema, which interprets schemas without generating code; both are shared by all
 * cached projects (worker/index.ts SHARED_MODULES), so zod stays out of the workflow bundle.
 */
import { Validator } from '@cfworker/json-schema';
import type { Refusal } from './shared/errors.js';
import { payloadSchemas } from './payload-schemas.generated.js';

/** No data: actions without a payload schema. */
const NO_PAYLOAD = { type: 'object', maxProperties: 0 };

const validators = new Map<string, Validator>();

/** Why a payload does not fit its schema in this chart version, or undefined when it does. */
export function payloadRefusal(jurisdiction: string, version: number, task: string, action: string, data: unknown): Refusal | undefined {
  const key = `${task}.${action}`;
  const byVersion = Object.hasOwn(payloadSchemas, jurisdiction) ? payloadSchemas[jurisdiction]! : {};
  const schemas = Object.hasOwn(byVersion, version) ? byVersion[version]! : undefined;
  if (!schemas)
    return {
      kind: 'invalid',
      message: `没有${jurisdiction} v${version} 的数据规范`,
      issues: [{ field: 'data', rule: 'no_schema', message: '没有该版本的数据规范' }],
    };
  const id = `${jurisdiction}@${version}#${key}`;
  let validator = validators.get(id);
  if (!validator) {
    // Validators copy nothing but may annotate their schema: give each its own copy of the shared one.
    validator = new Validator(JSON.parse(JSON.stringify(Object.hasOwn(schemas, key) ? schemas[key]! : NO_PAYLOAD)) as never, '2020-12', false);
    validators.set(id, validator);
  }
  const result = validator.validate(data ?? {});
  if (result.valid) return undefined;
  // The innermost errors say what is wrong; the outer ones only that a property failed.
  const leaves = result.errors.filter((e) => !['properties', 'allOf', 'anyOf', '$ref'].includes(e.keyword));
  const issues = (leaves.length ? leaves : result.errors).slice(0, 10).map((e) => ({
    field: ['data', ...e.instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean)].join('.'),
    rule: e.keyword,
    message: e.error.slice(0, 200),
  }));
  return { kind: 'invalid', message: '提交的数据不符合该项目所用规程版本的数据规范', issues };
}
