import { z } from 'zod';
import { articleIssue, baseApplication, docRef, isoDate } from '../shared/schemas.js';
import { art } from './regulation.js';

/** The three classes of 第八条. */
export const projectClasses = {
  governance: '政务治理类',
  publicService: '公共服务类',
  market: '市场运营类',
} as const;

/** What 第二条 leaves out of the regulation. */
export const exclusions = {
  officeEquipment: '政务部门日常办公计算机、打印机等通用设备的采购',
  newMedia: '网站、公众号、小程序、抖音、微博等新媒体的建设运维',
  culturalProducts: '影视文化等数字艺术创意类产品和服务的策划、制作、发行',
} as const;

/** An application under 莱州市政务信息化项目管理办法（试行） (莱政办发〔2022〕6号). */
/** The applying unit is the 需求单位 (or, for a 市场运营类 proposal, the operating company). */
export const applicationSchema = baseApplication({ unit: '需求单位', budget: '项目总投资' })
  .extend({
    projectClass: z.enum(Object.keys(projectClasses) as [keyof typeof projectClasses, ...(keyof typeof projectClasses)[]]),
    /** Who proposes a 市场运营类 project: the requesting unit or the operating company (第九条). */
    proposedBy: z.enum(['applicant', 'operator']).default('applicant'),
    category: z.enum(['informationSystem', ...(Object.keys(exclusions) as (keyof typeof exclusions)[])]).default('informationSystem'),
    /** Already in the city's IT plan: may start at the feasibility study (第十条). */
    inPlan: z.boolean().default(false),
    /** Urgent, major or legally mandated: feasibility, design and estimate directly (第十条). */
    urgent: z.boolean().default(false),
    materials: z.strictObject({
      proposal: docRef.optional(),
      feasibilityStudy: docRef.optional(),
      preliminaryDesign: docRef.optional(),
      investmentEstimate: docRef.optional(),
    }),
    /** 资源使用清单 based on the smart-city infrastructure catalogue (第十三条). */
    resourceUsageList: docRef.optional(),
    /** Must be built independently by law or an upper-level requirement (第十三条's exception). */
    independentByLaw: z.boolean().default(false),
    /** 产品安全可靠情况说明 at the approval stage (第十四条). */
    securityStatement: docRef.optional(),
    /** Involves software development (第二十三条: third-party software test report at acceptance from 5,000,000 yuan). */
    softwareDevelopment: z.boolean().default(true),
    plannedCompletionOn: isoDate.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.category !== 'informationSystem') ctx.addIssue(articleIssue(['category'], `${exclusions[a.category]}不适用本办法`, art(2)));
    if (a.projectClass !== 'market' && a.proposedBy === 'operator')
      ctx.addIssue(articleIssue(['proposedBy'], '只有市场运营类项目可由运营公司提出建设方案', art(9)));
    const m = a.materials;
    const need: Array<[keyof typeof m, string]> = a.urgent
      ? [
          ['feasibilityStudy', '可行性研究报告'],
          ['preliminaryDesign', '初步设计方案'],
          ['investmentEstimate', '投资概算'],
        ]
      : [
          ...(a.inPlan ? [] : [['proposal', '项目建议（需求）书'] as [keyof typeof m, string]]),
          ['feasibilityStudy', '可行性研究报告'],
          ['preliminaryDesign', '初步设计方案'],
          ['investmentEstimate', '投资概算'],
        ];
    for (const [key, name] of need) {
      if (!m[key]) ctx.addIssue(articleIssue(['materials', key], `申报材料应包括${name}`, art(10)));
    }
    if (!a.resourceUsageList && !a.independentByLaw)
      ctx.addIssue(articleIssue(['resourceUsageList'], '非基于智慧城市基础设施资源目录申报（未编制资源使用清单）的项目，原则上不予审批', art(13)));
    if (!a.securityStatement) ctx.addIssue(articleIssue(['securityStatement'], '应在项目报批阶段对产品的安全可靠情况进行说明', art(14)));
  });

/** A validated 莱州 application. */
export type LaizhouApplication = z.output<typeof applicationSchema>;
