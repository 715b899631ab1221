import type { Article } from '../shared/articles.js';
import { awaiting, decision, record, resubmission, submit, task, titled } from '../shared/builders.js';
import { departments } from './departments.js';
import { art } from './regulation.js';

/**
 * A joint review (联合论证评审) as one parallel region per department: all must approve, any
 * rejection is decisive, any return sends the package back to the proposer (第九条).
 */
function jointReview(reviewers: Array<keyof typeof departments>, article: Article, next: string, revision: string) {
  const names = reviewers.map((d) => departments[d].name).join('、');
  // The drawing has titled the joint review after the first reviewer's office since it was first drawn.
  return titled('市政府办公室', article, {
    type: 'parallel' as const,
    description: `${names}共同组织论证评审：均须同意，任一部门不同意即不予通过（${article.format()}）`,
    meta: { status: 'under_review' as const },
    onDone: { target: next },
    states: Object.fromEntries(
      reviewers.map((d) => [
        d,
        titled(departments[d].name, {
          initial: 'pending',
          states: {
            pending: {
              meta: awaiting({
                status: 'under_review',
                task: task({ id: `${d}Review`, title: `${departments[d].name}论证评审`, department: d, article, actions: ['approve', 'reject', 'return'] }),
              }),
              on: {
                [`${d}Review.approve`]: { target: 'approved', actions: record(`${d}Review`) },
                [`${d}Review.reject`]: { target: '#laizhou.rejected', actions: record('rejection') },
                [`${d}Review.return`]: { target: revision, actions: record('reviewReturn') },
              },
            },
            approved: titled('已通过', { type: 'final' as const }),
          },
        }),
      ]),
    ),
  });
}

/** The proposer revises and the whole joint review starts again. */
const revision = (back: string) =>
  resubmission({
    task: task({ id: 'revision', title: '按论证评审意见修改申报材料', department: '@proposer', article: art(10), actions: submit }),
    target: back,
  });

/** What 第十九条 requires for an adjustment beyond its conditions. */
export const reapply = '不符合第十九条调整情形的，应当按照有关规定履行项目申报和预算调整手续（第十九条）';

/**
 * 第十九条's route for an adjustment beyond its conditions, before procurement: the builder declares
 * the adjusted project to 市大数据局 (第十条), which has it reviewed as its class requires (第九条);
 * 市财政局 then adjusts the budget (第四、六条), except for 市场运营类, which the operating company funds
 * (第八条第三项). A refusal at either step leaves the project as approved, back in procurement.
 */
export const reapplication = {
  reapplicationReview: decision({
    description: '调整后的项目向市大数据局申报，按项目分类组织论证评审（第九、十、十九条）',
    status: 'change_review',
    task: task({ id: 'reapplicationReview', title: '重新申报论证评审', department: 'bigData', article: art(19), actions: ['approve', 'reject'] }),
    approve: [
      {
        guard: 'isMarket' as const,
        target: 'procurement',
        description: '市场运营类由运营公司提供资金，无需调整预算（第八条第三项）',
        actions: record('reapplicationReview'),
      },
      { target: 'budgetAdjustment', actions: record('reapplicationReview') },
    ],
    reject: ['procurement', 'reapplicationRejection'],
  }),
  budgetAdjustment: decision({
    description: '市财政局按评审结果履行预算调整手续（第六、十九条）',
    status: 'budgeting',
    task: task({ id: 'budgetAdjustment', title: '预算调整', department: 'finance', article: art(19), actions: ['approve', 'reject'] }),
    approve: ['procurement', 'budgetAdjustment'],
    reject: ['procurement', 'budgetAdjustmentRejection'],
  }),
} as const;

/**
 * 政务治理类, 公共服务类 and 市场运营类 side by side (第八条), each with its joint review and what follows
 * it (第九条); an approved project enters `#laizhou.project`.
 */
export const classBranches = {
  governance: titled('政务治理类', art(9), {
    description: '政务治理类：市大数据局会同市财政局论证评审，需求单位作为建设和使用单位，分批次政府采购（第九条）',
    initial: 'review',
    states: {
      review: jointReview(['bigData', 'finance'], art(9), '#laizhou.project', '#laizhou.governance.revision'),
      revision: revision('#laizhou.governance.review'),
    },
  }),
  publicService: titled('公共服务类', art(9), {
    description: '公共服务类：市大数据局会同市财政局、市发展改革局论证，报市行政审批服务局审批，运营公司招投标建设运营（第九条）',
    initial: 'review',
    states: {
      review: jointReview(['bigData', 'finance', 'ndrc'], art(9), '#laizhou.publicService.adminApproval', '#laizhou.publicService.revision'),
      adminApproval: decision({
        status: 'awaiting_approval',
        task: task({ id: 'adminApproval', title: '市行政审批服务局审批', department: 'adminApproval', article: art(9), actions: ['approve', 'reject'] }),
        approve: '#laizhou.project',
        reject: '#laizhou.rejected',
      }),
      revision: revision('#laizhou.publicService.review'),
    },
  }),
  market: titled('市场运营类', art(9), {
    description: '市场运营类：需求单位或运营公司提出建设方案，市大数据局、市财政局核准，报属地审批主管部门备案，运营公司建设使用（第九条）',
    initial: 'review',
    states: {
      review: jointReview(['bigData', 'finance'], art(9), '#laizhou.market.localFiling', '#laizhou.market.revision'),
      localFiling: decision({
        status: 'awaiting_approval',
        task: task({ id: 'localFiling', title: '属地审批主管部门备案', department: 'localApproval', article: art(9), actions: ['approve'] }),
        approve: '#laizhou.project',
      }),
      revision: revision('#laizhou.market.review'),
    },
  }),
} as const;
