import { intakes } from '../../machines/intake.js';
import { sharedLabels } from '../../machines/shared/labels.js';

/**
 * Chinese labels for the fields of application and payload schemas, by field name: the shared
 * builders' (machines/shared/labels.ts) and each jurisdiction's own (machines/<id>/labels.ts). A
 * schema's own `description` (zod `.describe()`) wins over this table.
 */
export const FIELD_LABELS: Record<string, string> = Object.assign({}, sharedLabels.fields, ...Object.values(intakes).map((i) => i.labels.fields));

/** Chinese labels for enum values, by field name; where jurisdictions share a field name, their values are merged. */
export const VALUE_LABELS: Record<string, Record<string, string>> = {};
for (const labels of [sharedLabels, ...Object.values(intakes).map((i) => i.labels)]) {
  for (const [field, values] of Object.entries(labels.values ?? {})) VALUE_LABELS[field] = { ...VALUE_LABELS[field], ...values };
}

/** The label of a field at a dotted path (without the form prefix): the most specific entry wins. */
export function fieldLabel(path: string[], description?: string): string {
  if (description) return description;
  const last = path[path.length - 1] ?? '';
  const parent = path[path.length - 2];
  if (last === 'title' && parent) return FIELD_LABELS['docRef.title']!;
  return FIELD_LABELS[path.slice(-2).join('.')] ?? FIELD_LABELS[last] ?? last;
}

/** The label of an enum value of a field. */
export const valueLabel = (field: string, value: string): string => VALUE_LABELS[field]?.[value] ?? value;
