/** @jsxImportSource preact */
import { z } from 'zod';
import type { Issue } from '../../machines/shared/errors.js';
import { issueFieldLabel, issueMessage } from './issues.js';
import { fieldLabel, valueLabel } from './labels.js';

/** The part of a JSON Schema (as zod 4's toJSONSchema writes it) that forms are built from. */
interface JsonSchema {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: string[];
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
}

/** One field of a generated form. */
export type Field =
  | { kind: 'text' | 'date' | 'textarea'; path: string[]; label: string; required: boolean; maxLength?: number; default?: string }
  | { kind: 'number'; path: string[]; label: string; required: boolean; integer: boolean; min?: number; max?: number; default?: number }
  | { kind: 'boolean'; path: string[]; label: string; default?: boolean }
  | { kind: 'select'; path: string[]; label: string; required: boolean; options: Array<{ value: string; label: string }>; default?: string }
  | { kind: 'multi'; path: string[]; label: string; options: Array<{ value: string; label: string }> }
  | { kind: 'group'; path: string[]; label: string; required: boolean; fields: Field[] }
  | { kind: 'rows'; path: string[]; label: string; rows: number; fields: Field[] }
  /** Uploaded files of a material (machines/shared/schemas.ts fileRef): a file input, and the files kept from before. */
  | { kind: 'files'; path: string[]; label: string };

const ISO_DATE = '^\\d{4}-\\d{2}-\\d{2}$';
/** Rows offered for a list of objects (e.g. 分年度预算); empty rows are dropped. */
const LIST_ROWS = 3;

const cache = new WeakMap<z.ZodType, Field[]>();

/** The fields of a zod object schema, through its JSON Schema (input side: defaults and optionals as a person fills them in). */
export function fieldsOf(schema: z.ZodType): Field[] {
  let fields = cache.get(schema);
  if (!fields) {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    fields = objectFields(json, []);
    cache.set(schema, fields);
  }
  return fields;
}

/** Fields of an object; inside an optional object nothing is required of the browser (the schema decides). */
function objectFields(s: JsonSchema, path: string[], objectRequired = true): Field[] {
  return Object.entries(s.properties ?? {}).map(([name, p]) => field(p, [...path, name], objectRequired && (s.required ?? []).includes(name)));
}

function field(s: JsonSchema, path: string[], required: boolean): Field {
  const label = fieldLabel(path, s.description);
  const name = path[path.length - 1]!;
  // An amount in 元 takes a number, a decimal string or stored 分 (machines/shared/schemas.ts): a person types the number.
  const numeric = s.anyOf?.find((b) => b.type === 'number' || b.type === 'integer');
  if (numeric)
    return field(
      { ...numeric, ...(s.description ? { description: s.description } : {}), ...(s.default !== undefined ? { default: s.default } : {}) },
      path,
      required,
    );
  if (s.type === 'object') return { kind: 'group', path, label, required, fields: objectFields(s, path, required) };
  if (s.type === 'array' && s.items?.enum) return { kind: 'multi', path, label, options: s.items.enum.map((v) => ({ value: v, label: valueLabel(name, v) })) };
  if (s.type === 'array' && s.items?.type === 'object' && s.items.properties?.id && s.items.properties?.sha256) return { kind: 'files', path, label };
  if (s.type === 'array' && s.items?.type === 'object') return { kind: 'rows', path, label, rows: LIST_ROWS, fields: objectFields(s.items, []) };
  if (s.enum) {
    return {
      kind: 'select',
      path,
      label,
      required: required && s.default === undefined,
      options: s.enum.map((v) => ({ value: v, label: valueLabel(name, v) })),
      ...(typeof s.default === 'string' ? { default: s.default } : {}),
    };
  }
  if (s.type === 'boolean') return { kind: 'boolean', path, label, ...(typeof s.default === 'boolean' ? { default: s.default } : {}) };
  if (s.type === 'integer' || s.type === 'number') {
    const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (s.type === 'integer' ? 1 : 0) : undefined);
    return {
      kind: 'number',
      path,
      label,
      required: required && s.default === undefined,
      integer: s.type === 'integer',
      ...(min !== undefined ? { min } : {}),
      ...(s.maximum !== undefined && s.maximum < 1e15 ? { max: s.maximum } : {}),
      ...(typeof s.default === 'number' ? { default: s.default } : {}),
    };
  }
  if (s.pattern === ISO_DATE) return { kind: 'date', path, label, required };
  const long = (s.maxLength ?? 0) > 200;
  return { kind: long ? 'textarea' : 'text', path, label, required, ...(s.maxLength ? { maxLength: s.maxLength } : {}) };
}

/** A file size as people read it. */
export function sizeLabel(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A flat form body: field name → value(s), as express.urlencoded({ extended: false }) gives it. */
export type FormBody = Record<string, string | string[] | undefined>;

const nameOf = (prefix: string, path: string[]) => [prefix, ...path].join('.');
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v)?.trim();

/**
 * The object a form body stands for, shaped by its fields: numbers and booleans converted, empty
 * inputs left out (so the schema, not the page, decides what is missing), and an optional group
 * left out when none of its inputs were filled in.
 */
export function readForm(fields: Field[], body: FormBody, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const value = readField(f, body, prefix);
    if (value !== undefined) out[f.path[f.path.length - 1]!] = value;
  }
  return out;
}

function readField(f: Field, body: FormBody, prefix: string): unknown {
  const name = nameOf(prefix, f.path);
  switch (f.kind) {
    case 'group': {
      const inner = readForm(f.fields, body, prefix);
      // An unticked checkbox alone does not make an optional group filled in.
      return f.required || Object.values(inner).some((v) => v !== undefined && v !== false) ? inner : undefined;
    }
    case 'rows': {
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < f.rows; i++) {
        const row = readForm(f.fields, body, `${name}.${i}`);
        if (Object.values(row).some((v) => v !== undefined && v !== false)) rows.push(row);
      }
      return rows.length ? rows : undefined;
    }
    case 'multi': {
      const v = body[name];
      const values = (Array.isArray(v) ? v : v ? [v] : []).filter(Boolean);
      return values.length ? values : undefined;
    }
    case 'files': {
      // Each value is a file as JSON: one kept from before (a ticked box) or one just uploaded (server/pages/uploads.ts).
      const v = body[name];
      const files = (Array.isArray(v) ? v : v ? [v] : []).flatMap((x) => {
        const parsed = fileOfValue(x);
        return parsed ? [parsed] : [];
      });
      return files.length ? files : undefined;
    }
    case 'boolean': {
      // A checkbox sends nothing when unchecked; a hidden "false" before it says the field was on the form.
      const v = body[name];
      const values = Array.isArray(v) ? v : v ? [v] : [];
      return values.includes('true');
    }
    case 'number': {
      const v = one(body[name]);
      if (!v) return undefined;
      // Keep what is not a number as text, so the schema's own message names the field.
      return /^-?\d+(\.\d+)?$/.test(v.replaceAll(',', '')) ? Number(v.replaceAll(',', '')) : v;
    }
    default: {
      const v = one(body[name]);
      return v ? v : undefined;
    }
  }
}

/** A file a form carries as JSON (its id, hash, name, size, type), or undefined for anything else. */
export function fileOfValue(value: string): { id: string; sha256: string; name: string; size: number; type: string } | undefined {
  try {
    const f = JSON.parse(value) as Record<string, unknown>;
    if (typeof f.id === 'string' && typeof f.sha256 === 'string' && typeof f.name === 'string' && typeof f.size === 'number' && typeof f.type === 'string')
      return { id: f.id, sha256: f.sha256, name: f.name, size: f.size, type: f.type };
  } catch {
    // not a file
  }
  return undefined;
}

/** Whether a form has a file input, so it is sent as multipart/form-data. */
export const hasFiles = (fields: Field[]): boolean =>
  fields.some((f) => f.kind === 'files' || ((f.kind === 'group' || f.kind === 'rows') && hasFiles(f.fields)));

/** File types the upload accepts by default, for the file picker (the server decides by content). */
const ACCEPT = '.pdf,.ofd,.docx,.xlsx,.jpg,.jpeg,.png,.zip';

/** Issues keyed by form field name, for showing each beside its input. */
export function issuesByField(issues: Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const i of issues) map.set(i.field, [...(map.get(i.field) ?? []), i]);
  return map;
}

/** What a form shows: values entered before (on a refused submission) and the issues by field. */
export interface FormState {
  values?: FormBody;
  /** Whether `values` came back from a submission (an unticked box then means false) or are defaults to show. */
  submitted?: boolean;
  issues?: Map<string, Issue[]>;
}

function IssueList({ issues, id }: { issues: Issue[] | undefined; id: string }) {
  if (!issues?.length) return null;
  return (
    <ul class="field-errors" id={id} role="alert">
      {issues.map((i) => (
        <li>
          {issueMessage(i)}
          {i.article ? <span class="article">（{i.article}）</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** An issue shown away from its field: the field's name, the message, the article. */
export function IssueItem({ issue }: { issue: Issue }) {
  const label = issueFieldLabel(issue);
  return (
    <li>
      {label ? <strong>{label}：</strong> : null}
      {issueMessage(issue)}
      {issue.article ? <span class="article">（{issue.article}）</span> : null}
    </li>
  );
}

/** Issues the form could not place beside a field (e.g. a rule about the whole request). */
export function unplacedIssues(fields: Field[], prefix: string, issues: Issue[]): Issue[] {
  const names = new Set<string>();
  const collect = (fs: Field[], p: string) => {
    for (const f of fs) {
      const n = nameOf(p, f.path);
      names.add(n);
      if (f.kind === 'group') collect(f.fields, p);
      if (f.kind === 'rows') for (let i = 0; i < f.rows; i++) collect(f.fields, `${n}.${i}`);
    }
  };
  collect(fields, prefix);
  return issues.filter((i) => !names.has(i.field) && ![...names].some((n) => i.field.startsWith(`${n}.`)));
}

/** The inputs of a generated form; `prefix` names the object ('application' or 'data'). */
export function Fields({ fields, prefix, state, idPrefix }: { fields: Field[]; prefix: string; state: FormState; idPrefix: string }) {
  return (
    <>
      {fields.map((f) => (
        <FieldInput field={f} prefix={prefix} state={state} idPrefix={idPrefix} />
      ))}
    </>
  );
}

function FieldInput({ field: f, prefix, state, idPrefix }: { field: Field; prefix: string; state: FormState; idPrefix: string }) {
  const name = nameOf(prefix, f.path);
  const id = `${idPrefix}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const issues = state.issues?.get(name);
  // Issues about a group (e.g. a whole document reference) also show beside it.
  const errorId = `${id}-error`;
  const described = issues?.length ? { 'aria-describedby': errorId, 'aria-invalid': 'true' as const } : {};
  const previous = state.values?.[name];
  const text = one(previous);
  switch (f.kind) {
    case 'group':
      return (
        <fieldset class="group">
          <legend>
            {f.label}
            {f.required ? (
              <span class="req" aria-hidden="true">
                *
              </span>
            ) : (
              <span class="optional">（选填）</span>
            )}
          </legend>
          <IssueList issues={issues} id={errorId} />
          <Fields fields={f.fields} prefix={prefix} state={state} idPrefix={idPrefix} />
        </fieldset>
      );
    case 'rows':
      return (
        <fieldset class="group rows">
          <legend>
            {f.label}
            <span class="optional">（每行一项，空行不提交）</span>
          </legend>
          <IssueList issues={issues} id={errorId} />
          {Array.from({ length: f.rows }, (_, i) => (
            <div class="row">
              <Fields fields={f.fields} prefix={`${name}.${i}`} state={state} idPrefix={idPrefix} />
            </div>
          ))}
        </fieldset>
      );
    case 'files': {
      // Issues about one file (its id, its hash) show beside the input too.
      const fileIssues = [...(state.issues?.entries() ?? [])].filter(([k]) => k === name || k.startsWith(`${name}.`)).flatMap(([, v]) => v);
      const kept = (Array.isArray(previous) ? previous : previous ? [previous] : []).flatMap((v) => {
        const f = fileOfValue(v);
        return f ? [{ f, v }] : [];
      });
      return (
        <div class={`field files${fileIssues.length ? ' invalid' : ''}`}>
          <label for={id}>{f.label}</label>
          {kept.length ? (
            <ul class="kept-files">
              {kept.map(({ f: file, v }) => (
                <li>
                  <label class="check">
                    <input type="checkbox" name={name} value={v} checked data-kept-file={file.id} /> 保留 {file.name}（{sizeLabel(file.size)}）
                  </label>
                </li>
              ))}
            </ul>
          ) : null}
          <input
            type="file"
            id={id}
            name={name}
            multiple
            accept={ACCEPT}
            {...(fileIssues.length ? { 'aria-describedby': errorId, 'aria-invalid': 'true' as const } : {})}
          />
          <p class="small muted">PDF、OFD、DOCX、XLSX、JPEG、PNG 或 ZIP；{kept.length ? '上传新文件与保留的文件一并提交' : '可选多个文件'}</p>
          <IssueList issues={fileIssues} id={errorId} />
        </div>
      );
    }
    case 'multi': {
      const chosen = new Set(Array.isArray(previous) ? previous : previous ? [previous] : []);
      return (
        <fieldset class="group multi">
          <legend>{f.label}</legend>
          <IssueList issues={issues} id={errorId} />
          {f.options.map((o) => (
            <label class="check">
              <input type="checkbox" name={name} value={o.value} checked={chosen.has(o.value)} /> {o.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'boolean': {
      const values = Array.isArray(previous) ? previous : previous ? [previous] : [];
      const checked = state.submitted ? values.includes('true') : (f.default ?? false);
      return (
        <div class={`field boolean${issues?.length ? ' invalid' : ''}`}>
          <input type="hidden" name={name} value="false" />
          <label class="check" for={id}>
            <input type="checkbox" id={id} name={name} value="true" checked={checked} {...described} /> {f.label}
          </label>
          <IssueList issues={issues} id={errorId} />
        </div>
      );
    }
    default: {
      const label = (
        <label for={id}>
          {f.label}
          {'required' in f && f.required ? (
            <span class="req" aria-hidden="true">
              *
            </span>
          ) : null}
        </label>
      );
      const common = { id, name, ...described, ...('required' in f && f.required ? { required: true, 'aria-required': 'true' as const } : {}) };
      let input;
      if (f.kind === 'select') {
        const selected = text ?? f.default ?? '';
        input = (
          <select {...common}>
            {f.required ? <option value="">请选择</option> : null}
            {f.options.map((o) => (
              <option value={o.value} selected={o.value === selected}>
                {o.label}
              </option>
            ))}
          </select>
        );
      } else if (f.kind === 'number') {
        input = (
          <input
            type="number"
            inputMode="numeric"
            step={f.integer ? 1 : 'any'}
            min={f.min}
            max={f.max}
            value={text ?? (f.default !== undefined ? String(f.default) : '')}
            {...common}
          />
        );
      } else if (f.kind === 'date') {
        input = <input type="date" value={text ?? ''} {...common} />;
      } else if (f.kind === 'textarea') {
        input = (
          <textarea rows={3} maxLength={f.maxLength} {...common}>
            {text ?? ''}
          </textarea>
        );
      } else {
        input = <input type="text" maxLength={f.maxLength} value={text ?? ''} {...common} />;
      }
      return (
        <div class={`field${issues?.length ? ' invalid' : ''}`}>
          {label}
          {input}
          <IssueList issues={issues} id={errorId} />
        </div>
      );
    }
  }
}
