import { z } from 'zod';

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '不是有效日期');

/** An amount in yuan (元), a whole non-negative number. */
export const yuan = z.number().int('金额以元为单位，应为整数').nonnegative('金额不能为负');

/** A reference to a document the unit holds (文号, file number or storage key). */
export const docRef = z.strictObject({
  ref: z.string().trim().min(1, '应填写文号或文件编号').max(200),
  title: z.string().trim().max(200).optional(),
});

/** A custom zod issue that carries the regulation article behind it. */
export function articleIssue(path: (string | number)[], message: string, article: string) {
  return { code: 'custom' as const, path, message, params: { article } };
}

/**
 * What every application names, whatever the jurisdiction: its title, the applying unit and the
 * total budget, in the regulation's own words (项目建设单位 or 需求单位, 总预算 or 总投资). Each
 * jurisdiction extends it with what its text asks for.
 */
export function baseApplication(words: { unit: string; budget: string }) {
  return z.strictObject({
    title: z.string().trim().min(2, '项目名称至少 2 个字').max(200),
    applicantUnit: z.string().trim().min(2, `应填写${words.unit}`).max(100),
    totalBudget: yuan.positive(`${words.budget}应大于 0`),
  });
}

/** The fields every validated application has. */
export type BaseApplication = z.output<ReturnType<typeof baseApplication>>;
