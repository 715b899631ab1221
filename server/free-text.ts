/**
 * The one rule for what a person may write into a project, applied alike by the API (server/api/schemas.ts)
 * and the pages' forms (server/pages/routes/project.tsx): free text without NUL, lone surrogates or
 * bidirectional overrides and isolates (machines/shared/schemas.ts `text`, after Unicode TR #9's
 * Trojan-Source advice), within a length limit, and a payload of bounded nesting.
 * 网络安全法 第二十一条 / 等保 2.0 8.1.4.x (input validation): what is written into an archive is checked
 * at every door the same way.
 */
import { z } from 'zod';
import { text } from '../machines/shared/schemas.js';

/** The longest 办理意见 accepted (characters). */
export const COMMENT_MAX = 2000;

/** A comment (办理意见): trimmed free text of at most COMMENT_MAX characters. */
export const commentText = text().max(COMMENT_MAX, `不能超过 ${COMMENT_MAX} 个字`);

/** How deep an action's `data` may nest: the charts' payloads nest 3 levels at most (rows of groups). */
export const DATA_MAX_DEPTH = 16;

/** Depth of a JSON value, counted without recursion (a 50,000-level body must not overflow the stack). */
export function jsonDepth(value: unknown, stopAt = DATA_MAX_DEPTH + 1): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest >= stopAt) return deepest;
    for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, here]);
  }
  return deepest;
}

/** An action's payload: an object nesting at most DATA_MAX_DEPTH levels. */
export const actionData = z.record(z.string(), z.unknown()).refine((d) => jsonDepth(d) <= DATA_MAX_DEPTH, `提交的数据嵌套不能超过 ${DATA_MAX_DEPTH} 层`);

/** The free-text rule applied to one form value: the cleaned text, or the issue naming the field. */
export function checkFreeText(
  schema: z.ZodType<string>,
  value: unknown,
  field: string,
): { text: string } | { issue: { field: string; rule: string; message: string } } {
  const raw = typeof value === 'string' ? value : Array.isArray(value) ? value : '';
  if (typeof raw !== 'string') return { issue: { field, rule: 'type', message: '只能填写一项' } };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { text: parsed.data };
  return { issue: { field, rule: 'text', message: parsed.error.issues[0]?.message ?? '内容不符合要求' } };
}
