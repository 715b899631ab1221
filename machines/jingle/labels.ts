import type { FieldLabels } from '../shared/labels.js';
import { art } from './regulation.js';

/** Chinese labels of 静乐's own application and payload fields. */
export const labels: FieldLabels = {
  fields: {
    yearlyBudgets: '分年度预算',
    newDepartment: '新组建部门申报',
    resourceCatalogue: '信息资源目录',
    systemsInCatalogue: '涉及的信息系统均已列入目录',
    interconnected: '实现互联互通、信息共享、业务协同',
    newPrivateNetwork: '新建业务专网',
    noticeRef: '公示文号',
    vendor: '项目建设单位（供应商）',
    selectedByOpenCompetition: '通过公开竞争方式选定',
    catalogueInSharingPlatform: '资源目录已在共享平台发布',
    secureControllableProducts: '采用安全可控产品',
  },
  groups: [
    { title: '项目基本情况', fields: ['title', 'applicantUnit', 'plannedCompletionOn'] },
    { title: '预算', article: art(8), fields: ['totalBudget', 'yearlyBudgets'] },
    { title: '年度计划', article: art([7, 11]), fields: ['inAnnualPlan', 'newDepartment'] },
    { title: '申报材料', article: art(8), fields: ['materials'] },
    { title: '信息资源目录', article: art(9), fields: ['resourceCatalogue'] },
    { title: '信息系统目录', article: art(10), fields: ['systemsInCatalogue'] },
    { title: '互联互通与业务专网', article: art(11), fields: ['interconnected', 'newPrivateNetwork'] },
    { title: '适用范围', article: art(3), fields: ['classified'] },
  ],
};
