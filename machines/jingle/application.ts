import { z } from 'zod';
import { articleIssue, baseApplication, docRef, isoDate, positiveYuan } from '../shared/schemas.js';
import { fen } from '../shared/money.js';
import { art } from './regulation.js';

/** An application under 静乐县政务信息化项目建设应用管理办法. */
/** The applying unit is the 项目实施单位, the owning department (第五条). */
export const applicationSchema = baseApplication({ unit: '项目实施单位', budget: '项目总预算' })
  .extend({
    /** 分年度实施的项目应明确总预算和分年度预算 (第八条). */
    yearlyBudgets: z.array(z.strictObject({ year: z.number().int().min(2000).max(2100), amount: positiveYuan() })).optional(),
    classified: z.boolean().default(false),
    /** In the annual plan the county government approved (第七条). */
    inAnnualPlan: z.boolean(),
    /** Submitted by a newly established department (第十一条). */
    newDepartment: z.boolean().default(false),
    /** 项目建议书、可行性研究报告、初步设计和投资概算、项目建设方案 (第八条). */
    materials: z.strictObject({
      proposal: docRef,
      feasibilityStudy: docRef,
      preliminaryDesign: docRef,
      investmentEstimate: docRef,
      constructionPlan: docRef,
    }),
    /** 信息资源目录 is a required element of the application (第九条). */
    resourceCatalogue: docRef.optional(),
    /** Every system the project touches is listed in the department's system catalogue (第十条). */
    systemsInCatalogue: z.boolean(),
    /** The system interconnects, shares information and works across departments (第十一条). */
    interconnected: z.boolean(),
    /** Builds a new business private network (第十一条: needs 县政务信息管理局 and the county government). */
    newPrivateNetwork: z.boolean().default(false),
    plannedCompletionOn: isoDate.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.classified) ctx.addIssue(articleIssue(['classified'], '本办法适用于非涉密信息化项目', art(3)));
    if (!a.resourceCatalogue) ctx.addIssue(articleIssue(['resourceCatalogue'], '信息资源目录是政务信息化建设项目的规划审批要件', art(9)));
    if (!a.systemsInCatalogue)
      ctx.addIssue(articleIssue(['systemsInCatalogue'], '新建项目应将所有涉及的信息系统列入目录后按程序报批，未列入目录的不予审批', art(10)));
    if (!a.interconnected) ctx.addIssue(articleIssue(['interconnected'], '不实现互联互通、信息共享、业务协同的信息系统，不再批准建设', art(11)));
    if (a.yearlyBudgets && a.yearlyBudgets.reduce((sum, y) => sum + fen(y.amount), 0) !== fen(a.totalBudget))
      ctx.addIssue(articleIssue(['yearlyBudgets'], '分年度预算之和应等于项目总预算', art(8)));
  });

/** A validated 静乐 application. */
export type JingleApplication = z.output<typeof applicationSchema>;
