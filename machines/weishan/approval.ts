import { awaiting, decision, notify, record, recorded, resubmission, submit, task, titled } from '../shared/builders.js';
import { rulesHold } from '../shared/rules.js';
import { art } from './regulation.js';

const review: ['approve', 'reject', 'return'] = ['approve', 'reject', 'return'];
const upperLevel = '200万元（含）以上报上一级大数据主管部门提级审核（第十八条）';
const attachedCopy = notify({ to: 'bigData', message: '建设工程项目立项批复抄送', article: art(16) });

/**
 * From application to 立项: the ordinary path of 需求评审 and 技术评审 (第六、七条) with 提级审核 from
 * 2,000,000 yuan (第十八条), and the variants for urgent additions (第十七条), programmes of upper-level
 * departments (第十九条) and projects attached to construction works (第十六条). An approved project
 * enters `project`.
 */
export const approvalStates = {
  intake: titled('受理', art([16, 17, 19]), {
    description: '受理：按项目类型进入相应程序（第十六、十七、十九条）',
    always: [
      { guard: 'isUrgent', target: 'countyDecision', description: '突发性或临时性追加项目按县委、县政府决策程序（第十七条）' },
      { guard: 'isUpperLevelProgramme', target: 'upperLevelFiling', description: '上级部门组织建设的项目向县大数据局备案（第十九条）' },
      { guard: 'isConstructionAttached', target: 'attachedApproval', description: '建设工程附属项目由县行政审批服务局立项（第十六条）' },
      { target: 'requirementsReview', description: '集中评审：先需求评审（第六条）' },
    ],
  }),
  requirementsReview: decision({
    description: '需求评审：审查必要性、合理性（第六条第一项）',
    status: 'under_review',
    task: task({ id: 'requirementsReview', title: '需求评审', department: 'bigData', article: art(6), actions: review }),
    approve: 'technicalMaterials',
    returnTo: ['requirementsRevision', 'requirementsReturn'],
    reject: 'rejected',
  }),
  requirementsRevision: resubmission({
    description: '按需求评审意见修改后重新提交（第六条）',
    task: task({ id: 'requirementsRevision', title: '修改需求材料', department: 'applicant', article: art(6), actions: submit }),
    target: 'requirementsReview',
  }),
  countyDecision: decision({
    description: '追加项目经县委、县政府决策程序（第十七条）',
    status: 'awaiting_approval',
    task: task({ id: 'countyDecision', title: '县委、县政府决策', department: 'countyGovernment', article: art(17), actions: ['approve', 'reject'] }),
    approve: 'technicalMaterials',
    reject: 'rejected',
  }),
  technicalMaterials: {
    description: '根据需求评审结果编制建设方案和密码应用方案，附产品安全可靠说明（第六、七条）',
    meta: awaiting({
      status: 'awaiting_materials',
      task: task({ id: 'technicalMaterials', title: '提交技术评审材料', department: 'applicant', article: art(6), actions: submit }),
    }),
    on: {
      'technicalMaterials.submit': {
        target: 'technicalReview',
        guard: rulesHold('constructionPlan', 'cryptoPlan', 'securityStatement', 'feasibilityStudy', 'securityBudgetShare'),
        description: '建设方案、密码应用方案（第六条）、安全可靠说明（第七条）、500万元及以上附可研（第六条）、网络安全预算≥5%（第三十六条）',
        actions: record('technicalMaterials'),
      },
    },
  },
  technicalReview: decision({
    description: '技术评审：审查可行性、科学性和概算控制（第六条第二项）',
    status: 'under_review',
    task: task({ id: 'technicalReview', title: '技术评审', department: 'bigData', article: art(6), actions: review }),
    approve: [
      { guard: 'needsUpperLevelReview' as const, target: 'upperLevelReview', description: upperLevel, actions: record('technicalReview') },
      { target: 'project', description: '县大数据局出具审核意见，纳入项目库（第十六条）', actions: record('technicalReview') },
    ],
    returnTo: ['technicalMaterials', 'technicalReturn'],
    reject: 'rejected',
  }),
  upperLevelReview: decision({
    description: '提级审核：投资金额200万元（含）以上（第十八条）',
    status: 'awaiting_approval',
    task: task({ id: 'upperLevelReview', title: '提级审核', department: 'upperBigData', article: art(18), actions: review }),
    approve: 'project',
    returnTo: ['technicalMaterials', 'upperLevelReturn'],
    reject: 'rejected',
  }),
  upperLevelFiling: decision({
    description: '国家有关部委及省市有关部门组织建设的项目，向县大数据局备案并纳入项目库（第十九条）',
    status: 'awaiting_approval',
    task: task({ id: 'upperLevelFiling', title: '上级组织项目备案', department: 'bigData', article: art(19), actions: ['approve', 'return'] }),
    approve: 'project',
    returnTo: ['upperLevelFilingRevision', 'upperLevelFilingReturn'],
  }),
  upperLevelFilingRevision: resubmission({
    description: '补正备案材料（第十九条）',
    task: task({ id: 'upperLevelFilingRevision', title: '补正备案材料', department: 'applicant', article: art(19), actions: submit }),
    target: 'upperLevelFiling',
    record: false,
  }),
  attachedApproval: decision({
    description: '建设工程附属政务信息化项目由县行政审批服务局立项，批复抄送县大数据局（第十六条）',
    status: 'awaiting_approval',
    task: task({ id: 'attachedApproval', title: '建设工程附属项目立项', department: 'adminApproval', article: art(16), actions: ['approve', 'reject'] }),
    approve: [
      { guard: 'needsUpperLevelReview' as const, target: 'upperLevelReview', description: upperLevel, actions: [record('attachedApproval'), attachedCopy] },
      recorded({ target: 'project', as: 'attachedApproval', then: [attachedCopy] }),
    ],
    reject: 'rejected',
  }),
} as const;
