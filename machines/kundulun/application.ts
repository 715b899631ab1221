import { z } from 'zod';
import { articleIssue, baseApplication, isoDate } from '../shared/schemas.js';
import { art } from './regulation.js';

/** 第十条's negative list: projects that in principle may not be declared, by item. */
export const negativeList = {
  newInfrastructure: [1, '含有新建机房、网络、云平台等政务信息化基础设施的项目'],
  withoutSectorApproval: [2, '未获得区本级行业（业务）主管部门准许的项目'],
  notOnGovernmentCloud: [3, '未部署或迁移到政务云的新建或升级改造项目'],
  detachedOrStaleUpgrade: [4, '在用系统功能与实际业务脱节，或已停止更新服务的升级改造项目'],
  replaceableByExisting: [5, '功能可被其他一个或多个已有项目替代的项目'],
  idleSystemUpgrade: [6, '在用系统长期处于空闲状态，且使用频率低的升级改造项目'],
  unclearOrNotSharing: [7, '需求不清、绩效目标不明、应当共享数据资源不共享的项目'],
} as const;

/** 第九条's conditions every application must meet. */
export const conditions = {
  meetsDigitalGovernmentPlan: '符合国家、自治区、包头市和昆都仑区数字政府建设总体要求',
  clearAndReliable: '需求明确、技术先进、功能实用和安全可靠',
  sharingAndIntensive: '符合数据共享、业务协同和集约建设要求',
} as const;

/** Who applies for which kind of project (第六条). */
const applicantFor = { basicPublic: 'dataBureau', sector: 'department', crossDepartment: 'leadDepartment' } as const;

const flags = <K extends string>(keys: Record<K, unknown>) =>
  z.strictObject(Object.fromEntries(Object.keys(keys).map((k) => [k, z.boolean()])) as Record<K, z.ZodBoolean>);

/** An application under 昆都仑区本级政务信息化项目建设管理办法（试行）. */
export const applicationSchema = baseApplication({ unit: '项目建设单位', budget: '项目总投资' })
  .extend({
    classified: z.boolean().default(false),
    projectKind: z.enum(['basicPublic', 'sector', 'crossDepartment']),
    applicantKind: z.enum(['dataBureau', 'department', 'leadDepartment', 'township']),
    /** 区本级财政资金 or the channels of 第十二条 (备案制). */
    fundingSource: z.enum(['districtFiscal', 'specialFunds', 'enterpriseFree', 'selfRaised']),
    /** In the library of 包头市项目枢纽综合服务平台 (第五条). */
    inProjectLibrary: z.boolean(),
    inAnnualPlan: z.boolean(),
    /** 符合国家有关规定可简化报批文件和审批程序 (第十一条). */
    simplifiedProcedure: z.boolean().default(false),
    conditions: flags(conditions),
    negativeList: flags(negativeList),
    plannedCompletionOn: isoDate.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.classified) ctx.addIssue(articleIssue(['classified'], '涉密政务信息化项目按国家保密管理规定执行', art(2)));
    if (a.applicantKind === 'township')
      ctx.addIssue(articleIssue(['applicantKind'], '苏木乡镇（街道）原则上不得独立建设政务信息化项目，应由区级统筹', art(28)));
    else if (applicantFor[a.projectKind] !== a.applicantKind)
      ctx.addIssue(articleIssue(['applicantKind'], '基础公共项目由区政数局申报，业务领域项目由有关部门申报，跨部门共建共享项目由牵头部门申报', art(6)));
    const fiscal = a.fundingSource === 'districtFiscal';
    if (fiscal && !a.inProjectLibrary)
      ctx.addIssue(articleIssue(['inProjectLibrary'], '未纳入包头市项目枢纽综合服务平台项目库的，原则上不启动投资决策程序', art(5)));
    if (fiscal && !a.inAnnualPlan) ctx.addIssue(articleIssue(['inAnnualPlan'], '未纳入年度计划的项目，原则上不予审批、不予安排资金', art(8)));
    for (const [key, text] of Object.entries(conditions)) {
      if (!a.conditions[key as keyof typeof conditions]) ctx.addIssue(articleIssue(['conditions', key], `申报应当${text}`, art(9)));
    }
    for (const [key, [item, text]] of Object.entries(negativeList)) {
      if (a.negativeList[key as keyof typeof negativeList]) ctx.addIssue(articleIssue(['negativeList', key], `原则上不得申报：${text}`, art(10, item)));
    }
  });

/** A validated 昆都仑 application. */
export type KundulunApplication = z.output<typeof applicationSchema>;
