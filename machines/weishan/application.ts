import { z } from 'zod';
import { articleIssue, baseApplication, isoDate, text } from '../shared/schemas.js';
import { art } from './regulation.js';

/** How the project reaches the library: the ordinary path or one of the variants of 第十六、十七、十九条. */
export const tracks = {
  standard: '常规项目（需求评审、技术评审，第六条）',
  urgent: '突发性或临时性追加项目（第十七条）',
  upperLevel: '国家部委及省市部门组织建设项目备案（第十九条）',
  constructionAttached: '建设工程附属政务信息化项目（第十六条）',
} as const;

/** An application under 微山县政务信息化项目建设管理办法. */
export const applicationSchema = baseApplication({ unit: '项目建设单位', budget: '项目总预算' })
  .extend({
    track: z.enum(Object.keys(tracks) as [keyof typeof tracks, ...(keyof typeof tracks)[]]).default('standard'),
    /** 新建项目 (as opposed to an upgrade or operation); 第三十六条 applies to new ones. */
    isNew: z.boolean().default(true),
    fundingSource: z.enum(['fiscalBudget', 'other']).default('fiscalBudget'),
    classified: z.boolean().default(false),
    /** 部门（单位）党委（党组）会议集体研究 (第八条). */
    partyCommitteeResolution: z.strictObject({ meetingDate: isoDate, minutesRef: text().min(1).max(200) }).optional(),
    /** Planned completion of construction; acceptance is due by then (第三十四条 未按期验收). */
    plannedCompletionOn: isoDate,
    /** The national, provincial or municipal department that organises it (第十九条). */
    organisedBy: text().min(2).max(100).optional(),
    /** The construction project's approval document (第十六条). */
    constructionApprovalRef: text().min(1).max(200).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.classified) ctx.addIssue(articleIssue(['classified'], '本办法适用于非涉密政务信息化项目，涉密项目按有关规定执行', art(2)));
    if (a.fundingSource !== 'fiscalBudget') ctx.addIssue(articleIssue(['fundingSource'], '本办法所称政务信息化项目是使用财政预算资金实施的项目', art(2)));
    if ((a.track === 'standard' || a.track === 'urgent') && !a.partyCommitteeResolution)
      ctx.addIssue(articleIssue(['partyCommitteeResolution'], '申报前应经部门（单位）党委（党组）会议集体研究', art(8)));
    if (a.track === 'upperLevel' && !a.organisedBy) ctx.addIssue(articleIssue(['organisedBy'], '应写明组织建设的国家有关部委或省市有关部门', art(19)));
    if (a.track === 'constructionAttached' && !a.constructionApprovalRef)
      ctx.addIssue(articleIssue(['constructionApprovalRef'], '应提供建设工程项目立项批复文件', art(16)));
  })
  // The same conditions for API clients and fuzzers, in the OpenAPI document (JSON Schema).
  .meta({
    allOf: [
      { properties: { classified: { const: false } }, description: `涉密项目不适用本办法（${art(2).format()}）` },
      { properties: { fundingSource: { const: 'fiscalBudget' } }, description: `使用财政预算资金（${art(2).format()}）` },
      {
        if: { properties: { track: { enum: ['upperLevel', 'constructionAttached'] } }, required: ['track'] },
        else: { required: ['partyCommitteeResolution'] },
        description: `申报前经党委（党组）会议集体研究（${art(8).format()}）`,
      },
      { if: { properties: { track: { const: 'upperLevel' } }, required: ['track'] }, then: { required: ['organisedBy'] }, description: art(19).format() },
      {
        if: { properties: { track: { const: 'constructionAttached' } }, required: ['track'] },
        then: { required: ['constructionApprovalRef'] },
        description: art(16).format(),
      },
    ],
  });

/** A validated 微山 application. */
export type WeishanApplication = z.output<typeof applicationSchema>;
