import type { FieldLabels } from '../shared/labels.js';
import { art } from './regulation.js';
import { projectTypes } from './application.js';

/** Chinese labels of 淅川's own application and payload fields. */
export const labels: FieldLabels = {
  fields: {
    projectType: '项目类型',
    pureEquipmentPurchase: '单纯设备和软件采购',
    temporaryAssignment: '国家和省、市临时安排',
    planYear: '建设年度',
    aiStudy: '人工智能大模型应用调研',
    noSubcontracting: '无转包、违法分包',
    acceptanceDate: '拟验收日期',
    infoBureauOpinionRef: '县信息化主管部门意见文号',
    summary: '项目建设总结',
    financialReport: '财务报告',
    auditReport: '审计报告',
    securityRiskAssessment: '安全风险评估报告',
    aiEffectAssessment: '人工智能应用成效评估',
    connectedAndSharing: '已联通共享',
    inUseAndEvaluatedWell: '在用且评价良好',
    otherRequirementsMet: '其他要求已满足',
  },
  values: {
    projectType: projectTypes,
  },
  groups: [
    { title: '项目基本情况', fields: ['title', 'applicantUnit', 'totalBudget', 'plannedCompletionOn'] },
    { title: '项目类型', article: art([4, 7]), fields: ['projectType', 'pureEquipmentPurchase'] },
    { title: '年度计划', article: art([7, 8]), fields: ['planYear', 'temporaryAssignment'] },
    { title: '人工智能大模型应用', article: art(12), fields: ['isNew', 'aiStudy'] },
    { title: '适用范围', article: art(38), fields: ['classified'] },
  ],
};
