import type { FieldLabels } from '../shared/labels.js';

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
};
