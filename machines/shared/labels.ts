import type { Article } from './articles.js';

/** A group of application fields as the regulation asks for them, with the article that does. */
export interface FieldGroup {
  title: string;
  article?: Article;
  /** Top-level application fields, in the order shown. */
  fields: readonly string[];
}

/** Chinese labels of form fields and enum values, as the pages show them. */
export interface FieldLabels {
  /** By field name, or by `parent.field` where a name means something else under a parent. */
  fields: Readonly<Record<string, string>>;
  /** Enum values by field name. */
  values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * How the case file groups the application (server/pages/case-file.tsx); fields no group names are
   * shown after them, a nested object as a group of its own.
   */
  groups?: readonly FieldGroup[];
}

/**
 * Labels of the fields the builders in machines/shared define and of names several jurisdictions
 * share; a jurisdiction's own fields are labelled in its folder (machines/<id>/labels.ts).
 */
export const sharedLabels: FieldLabels = {
  fields: {
    title: '项目名称',
    applicantUnit: '申报单位',
    totalBudget: '项目总预算（元）',
    isNew: '新建项目',
    fundingSource: '资金来源',
    classified: '涉及国家秘密',
    plannedCompletionOn: '计划建成日期',
    revisedPlan: '修改后的方案',
    ref: '文号或文件编号',
    constructionPlan: '建设方案',
    securityStatement: '产品安全可靠情况说明',
    feasibilityStudy: '可行性研究报告',
    amount: '金额（元）',
    documentRef: '批复文号',
    signedOn: '合同签订日期',
    contract: '采购合同',
    filingRef: '备案文号',
    explanation: '情况说明',
    description: '说明',
    newTotalBudget: '变更后总预算（元）',
    acceptedOn: '验收日期',
    report: '报告',
    rectificationPlan: '整改方案',
    rectifyBy: '整改期限',
    year: '年度',
    dataShared: '已实现数据共享',
    cryptoAndSecurityCompliant: '符合密码和网络安全要求',
    reason: '理由',
    article: '依据条款',
    urgent: '紧急、重大或法定项目',
    materials: '申报材料',
    proposal: '项目建议（需求）书',
    preliminaryDesign: '初步设计方案',
    investmentEstimate: '投资概算',
    revisedDocument: '修改后的材料',
    increase: '增加投资（元）',
    decrease: '减少投资（元）',
    newContent: '其中新增内容（元）',
    tenderSavings: '其中招标节余（元）',
    ground: '调整原因',
    goalUnchanged: '建设目标不变',
    withinApprovedEstimate: '在批复概算以内',
    supervisor: '监理单位',
    completedOn: '完工日期',
    standard: '运营服务标准',
    inAnnualPlan: '已列入年度计划',
    'docRef.title': '文件标题',
    // A material's uploaded files (machines/shared/schemas.ts fileRef), as the case file and what-changed tables name them.
    files: '附件（上传文件）',
    sha256: 'SHA-256',
    size: '大小（字节）',
  },
  values: {
    ground: { mandate: '上级要求或政策变化', technical: '技术原因', business: '业务需求变化' },
  },
};
