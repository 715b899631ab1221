import type { FieldLabels } from '../shared/labels.js';
import { tracks } from './application.js';
import { art } from './regulation.js';

/** Chinese labels of 微山's own application and payload fields. */
export const labels: FieldLabels = {
  fields: {
    track: '项目类型',
    partyCommitteeResolution: '党委（党组）会议集体研究',
    meetingDate: '会议日期',
    minutesRef: '会议纪要文号',
    organisedBy: '组织建设的上级部门',
    constructionApprovalRef: '建设工程立项批复文号',
    cryptoPlan: '密码应用方案',
    securityBudget: '网络安全预算（元）',
    letter: '项目建设主体责任书',
    aspects: '变更事项',
    newPlannedCompletionOn: '变更后计划建成日期',
    rating: '自评价结论',
    usesUnifiedInfrastructure: '使用统一基础设施',
    noMajorSecurityRisk: '无重大安全隐患',
  },
  values: {
    track: tracks,
    fundingSource: { fiscalBudget: '财政预算资金', other: '其他资金' },
    aspects: { goal: '建设目标', location: '建设地点', budget: '投资预算', content: '建设内容', schedule: '建设周期' },
    rating: { good: '好', fair: '一般', poor: '差' },
  },
  groups: [
    { title: '项目基本情况', fields: ['title', 'applicantUnit', 'track', 'isNew', 'plannedCompletionOn'] },
    { title: '资金与适用范围', article: art(2), fields: ['totalBudget', 'fundingSource', 'classified'] },
    { title: '党委（党组）会议集体研究', article: art(8), fields: ['partyCommitteeResolution'] },
    { title: '上级部门组织建设', article: art(19), fields: ['organisedBy'] },
    { title: '建设工程附属项目', article: art(16), fields: ['constructionApprovalRef'] },
  ],
};
