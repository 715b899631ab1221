import { z } from 'zod';
import type { Issue } from '../shared/errors.js';
import { articleIssue, baseApplication, docRef, isoDate } from '../shared/schemas.js';
import { art } from './regulation.js';

/** The two types of 第四条. */
export const projectTypes = {
  investment: '政府投资建设类（含政府与社会企业联合建设）',
  service: '政府购买服务类',
} as const;

/** An application under 淅川县政务信息化项目建设管理办法（暂行）. */
export const applicationSchema = baseApplication({ unit: '项目建设单位', budget: '项目总投资' })
  .extend({
    classified: z.boolean().default(false),
    projectType: z.enum(Object.keys(projectTypes) as [keyof typeof projectTypes, ...(keyof typeof projectTypes)[]]),
    /** 单纯设备和软件类采购项目 go the way of service purchases (第七条). */
    pureEquipmentPurchase: z.boolean().default(false),
    /** 国家和省、市的临时安排, outside the annual plan (第八条). */
    temporaryAssignment: z.boolean().default(false),
    /** The year the project is to be built in (下年度, 第七条). */
    planYear: z.number().int().min(2000).max(2100),
    /** 新建 projects must study the use of AI large models at planning (第十二条). */
    isNew: z.boolean().default(true),
    aiStudy: docRef.optional(),
    plannedCompletionOn: isoDate.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.classified) ctx.addIssue(articleIssue(['classified'], '涉及国家秘密的信息化项目按有关规定执行', art(38)));
    if (a.isNew && !a.aiStudy) ctx.addIssue(articleIssue(['aiStudy'], '新建项目在规划阶段应调研人工智能大模型的应用场景，明确具体应用需求', art(12)));
  });

/** A validated 淅川 application. */
export type XichuanApplication = z.output<typeof applicationSchema>;

/**
 * 每年6月底前报送下年度拟建设（或采购）的项目 (第七条): an application for year Y is due by 30 June of
 * Y−1; temporary assignments outside the plan are exempt (第八条).
 */
export function intakeDeadlineIssues(a: XichuanApplication, today: string): Issue[] {
  if (a.temporaryAssignment) return [];
  const due = `${a.planYear - 1}-06-30`;
  if (today <= due) return [];
  return [
    {
      field: 'application.planYear',
      rule: 'regulation',
      article: art(7).format(),
      message: `${a.planYear} 年项目应于 ${due} 前报送；逾期的按临时安排（第八条）办理或改报下一年度`,
    },
  ];
}
