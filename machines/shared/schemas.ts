import { z } from 'zod';
import type { Article } from './articles.js';

/** Characters free text must not carry: NUL, lone surrogates, bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
export const UNSAFE_TEXT = /[\u0000\uD800-\uDFFF\u202A-\u202E\u2066-\u2069]/u;

/**
 * Free text: trimmed, without the characters of UNSAFE_TEXT. The pattern (NUL and bidi controls)
 * is in the OpenAPI document; lone surrogates, which no JSON Schema pattern can portably name, are
 * refused by a separate check.
 */
export const text = () =>
  z
    .string()
    .trim()
    .regex(/^[^\u0000\u202A-\u202E\u2066-\u2069]*$/, '不能包含空字符或双向文本控制字符')
    .refine((s) => !/[\uD800-\uDFFF]/u.test(s), '不能包含孤立的代理字符');

/** The first and last day a date in an application or payload may name. */
export const DATE_RANGE = { from: '1990-01-01', to: '2100-12-31' } as const;

/** A calendar date, YYYY-MM-DD, from 1990 to 2100. */
export const isoDate = z.iso
  .date('日期格式应为 YYYY-MM-DD 且是有效日期')
  .regex(/^(?:199\d|20\d\d|2100)-/, `日期应在 ${DATE_RANGE.from} 至 ${DATE_RANGE.to} 之间`);

/** The largest amount accepted: 100 亿元, so percentages of amounts in 分 stay exact integers. */
export const MAX_YUAN = 10_000_000_000;
const YUAN_TEXT = /^(?:0|[1-9]\d{0,10})(?:\.\d{1,2})?$/;

/**
 * An amount in yuan (元) with up to two decimals (角、分), given as a number or a decimal string
 * (or in 分 as stored, `{ fen }`), stored as integer 分 without floating-point error: strings are
 * parsed digit by digit, numbers rounded to the 分 they stand for (refused when they stand for none).
 */
function amount(min: number, message: string) {
  const input = z.union([
    z
      .number()
      .min(min / 100, message)
      .max(MAX_YUAN, '金额超出范围')
      .meta({ multipleOf: 0.01 }),
    z.string().regex(YUAN_TEXT, '金额应为元，最多两位小数，如 "1999999.99"'),
    // As stored and shown: integer 分.
    z.strictObject({ fen: z.number().int() }),
  ]);
  return input
    .transform((v, ctx) => {
      let f: number;
      if (typeof v === 'object') {
        f = v.fen;
      } else if (typeof v === 'string') {
        const [whole, part = ''] = v.split('.');
        f = Number(whole) * 100 + Number(part.padEnd(2, '0'));
      } else {
        f = Math.round(v * 100);
        if (Math.abs(v * 100 - f) > 1e-6) {
          ctx.addIssue({ code: 'custom', message: '金额最多精确到分（两位小数）' });
          return z.NEVER;
        }
      }
      return { fen: f };
    })
    .pipe(
      z.strictObject({
        fen: z
          .number()
          .int()
          .min(min, message)
          .max(MAX_YUAN * 100, '金额超出范围'),
      }),
    );
}

/** A non-negative amount (元, up to two decimals), stored as integer 分. */
export const yuan = amount(0, '金额不能为负');
/** A positive amount (元, up to two decimals), stored as integer 分. */
export const positiveYuan = (message = '金额应大于 0') => amount(1, message);

/**
 * One uploaded file of a material: the document store's id and the SHA-256 of its bytes, which the
 * signed command carries, so the history proves which bytes each decision was made on (issue 21).
 * Name, size and type are the store's (the API writes them from its record, never from the client).
 */
export const fileRef = z.strictObject({
  id: z.string().regex(/^d[0-9a-f]{32}$/, '文件编号无效'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '应为文件内容的 SHA-256（64 位十六进制）'),
  name: text().min(1, '应有文件名').max(255),
  size: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  type: z.string().min(1).max(100),
});

/**
 * A material (申报材料): its 文号 and title where it has them, and its uploaded files — at least one
 * of 文号 and a file. From chart versions of issue 21 on (微山 v2, 昆都仑 v2, 静乐 v3, 淅川 v3,
 * 莱州 v3); older versions took a 文号 only, and their frozen payload schemas still do.
 */
export const docRef = z
  .strictObject({
    ref: text().min(1, '应填写文号或文件编号').max(200).optional(),
    title: text().max(200).optional(),
    files: z.array(fileRef).min(1, '应上传至少一个文件').max(20, '一份材料最多 20 个文件').optional(),
  })
  .refine((d) => d.ref !== undefined || d.files !== undefined, { message: '应填写文号或上传文件', path: ['ref'] })
  // The workflow's own check reads JSON Schema (machines/payload-check.ts): it carries the same rule.
  .meta({ anyOf: [{ required: ['ref'] }, { required: ['files'] }] });

/** A custom zod issue that carries the regulation article behind it, as people read it ('微山 第八条'). */
export function articleIssue(path: (string | number)[], message: string, article: Article) {
  return { code: 'custom' as const, path, message, params: { article: article.format() } };
}

/**
 * What every application names, whatever the jurisdiction: its title, the applying unit and the
 * total budget, in the regulation's own words (项目建设单位 or 需求单位, 总预算 or 总投资). Each
 * jurisdiction extends it with what its text asks for.
 */
export function baseApplication(words: { unit: string; budget: string }) {
  return z.strictObject({
    title: text().min(2, '项目名称至少 2 个字').max(200),
    applicantUnit: text().min(2, `应填写${words.unit}`).max(100),
    totalBudget: positiveYuan(`${words.budget}应大于 0`),
  });
}

/** The fields every validated application has. */
export type BaseApplication = z.output<ReturnType<typeof baseApplication>>;
