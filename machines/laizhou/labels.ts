import type { FieldLabels } from '../shared/labels.js';
import { art } from './regulation.js';
import { exclusions, projectClasses } from './application.js';

/** Chinese labels of 莱州's own application and payload fields. */
export const labels: FieldLabels = {
  fields: {
    projectClass: '项目类别',
    proposedBy: '提出方',
    category: '项目内容',
    inPlan: '已列入信息化规划',
    resourceUsageList: '资源使用清单',
    independentByLaw: '依法须独立建设',
    softwareDevelopment: '涉及软件开发',
    opinionRef: '审核意见文号',
    costEvaluationRef: '评审（财评）文号',
    tenderedAtTradingCentre: '在公共资源交易中心招标',
    acceptBy: '申请验收截止日期',
    softwareTestReport: '第三方软件测试报告',
    inCatalogueAndSharedInfrastructure: '已编目并使用共享基础设施',
    performanceGoodAndUpdated: '绩效良好且持续更新',
    plan: '关停方案',
    dataAndAssetEvaluation: '数据和资产评估',
    dataDisposition: '数据处置方式',
  },
  values: {
    projectClass: projectClasses,
    category: { informationSystem: '政务信息系统建设', ...exclusions },
    proposedBy: { applicant: '需求单位', operator: '运营公司' },
    dataDisposition: { backup: '备份', migration: '迁移', destruction: '销毁' },
  },
  groups: [
    { title: '项目基本情况', fields: ['title', 'applicantUnit', 'totalBudget', 'plannedCompletionOn'] },
    { title: '适用范围与项目类别', article: art([2, 8, 9]), fields: ['category', 'projectClass', 'proposedBy'] },
    { title: '申报材料', article: art(10), fields: ['inPlan', 'urgent', 'materials'] },
    { title: '智慧城市基础设施资源使用', article: art(13), fields: ['resourceUsageList', 'independentByLaw'] },
    { title: '产品安全可靠情况', article: art(14), fields: ['securityStatement'] },
    { title: '验收', article: art(23), fields: ['softwareDevelopment'] },
  ],
};
