import { chineseNumeral } from '../shared/articles.js';
import type { FieldLabels } from '../shared/labels.js';
import { art } from './regulation.js';
import { conditions, negativeList } from './application.js';

/** Chinese labels of 昆都仑's own application and payload fields. */
export const labels: FieldLabels = {
  fields: {
    projectKind: '项目类别',
    applicantKind: '申报主体',
    inProjectLibrary: '已纳入项目库',
    simplifiedProcedure: '简化报批程序',
    conditions: '申报条件（第九条）',
    negativeList: '负面清单（第十条）',
    completionReport: '完工报告',
    ...Object.fromEntries(Object.entries(conditions).map(([k, v]) => [`conditions.${k}`, v])),
    ...Object.fromEntries(Object.entries(negativeList).map(([k, [item, text]]) => [`negativeList.${k}`, `（${chineseNumeral(item)}）${text}`])),
  },
  values: {
    fundingSource: { districtFiscal: '区本级财政资金', specialFunds: '专项资金', enterpriseFree: '企业免费建设', selfRaised: '自筹资金' },
    projectKind: { basicPublic: '基础公共项目', sector: '业务领域项目', crossDepartment: '跨部门共建共享项目' },
    applicantKind: { dataBureau: '区政数局', department: '有关部门', leadDepartment: '牵头部门', township: '苏木乡镇（街道）' },
  },
  groups: [
    { title: '项目基本情况', article: art(6), fields: ['title', 'applicantUnit', 'projectKind', 'applicantKind', 'plannedCompletionOn'] },
    { title: '投资与资金来源', article: art(12), fields: ['totalBudget', 'fundingSource'] },
    { title: '项目库与年度计划', article: art([5, 8, 11]), fields: ['inProjectLibrary', 'inAnnualPlan', 'simplifiedProcedure'] },
    { title: '申报条件', article: art(9), fields: ['conditions'] },
    { title: '负面清单', article: art(10), fields: ['negativeList'] },
    { title: '适用范围', article: art(2), fields: ['classified'] },
  ],
};
