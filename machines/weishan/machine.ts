import { assign, setup } from 'xstate';
import {
  awaiting,
  budgetStep,
  decision,
  escalate,
  escalateAndOrder,
  notify,
  orderRectification,
  record,
  recorded,
  submit,
  task,
  titled,
} from '../shared/builders.js';
import { acceptanceOutcomes, filingStep, fundingReview, yearlySelfEvaluation } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import { eventDate, isTaskEvent, type ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import { approvalStates } from './approval.js';
import { art } from './regulation.js';
import type { WeishanContext, WeishanInput } from './context.js';
import { rules, UPPER_LEVEL_REVIEW_FROM_YUAN } from './rules.js';
import { fen, yuanToFen } from '../shared/money.js';

const acceptanceActions: ['pass', 'fail'] = ['pass', 'fail'];

const changeOffer = task({ id: 'change', title: '重大变更申请', department: 'applicant', article: art(32), actions: submit });
const acceptanceTask = (title: string) => task({ id: 'acceptance', title, department: 'applicant', article: art(33), actions: acceptanceActions });

/**
 * 微山县政务信息化项目建设管理办法 (微政字〔2025〕16号) as a statechart: intake and its variants,
 * 需求评审 → 技术评审 → 立项 (with 提级审核), budget, procurement and filings, construction with
 * changes, acceptance, yearly self-evaluation, and the supervision chain of 第四十条 beside it.
 */
export const createWeishanMachine = () =>
  setup({
    types: {} as { context: WeishanContext; events: ProjectEvent; input: WeishanInput },
    guards: {
      rulesHold: rulesHoldGuard(rules),
      isUrgent: ({ context }) => context.application.track === 'urgent',
      isUpperLevelProgramme: ({ context }) => context.application.track === 'upperLevel',
      isConstructionAttached: ({ context }) => context.application.track === 'constructionAttached',
      needsUpperLevelReview: ({ context }) => fen(context.application.totalBudget) >= yuanToFen(UPPER_LEVEL_REVIEW_FROM_YUAN),
    },
    actions: {
      ...commonActions<WeishanContext>(art(40)),
      startOperation: assign(({ context }) => ({
        operation: { periodStart: String(context.records.acceptance?.acceptedOn) },
      })),
      /** A self-evaluation closes this year's period and opens the next (第三十五条). */
      closeEvaluationYear: assign(({ context, event }) => ({
        operation: {
          periodStart: addYears(context.operation?.periodStart ?? eventDate(event), 1),
          lastEvaluationRating: (isTaskEvent(event) ? event.data?.rating : undefined) as 'good' | 'fair' | 'poor' | undefined,
        },
      })),
    },
  }).createMachine({
    id: 'weishan',
    description: '微山县政务信息化项目建设管理办法（微政字〔2025〕16号）',
    context: ({ input }) => projectContext(input),
    initial: 'intake',
    states: {
      ...approvalStates,
      project: titled('已立项', art(43), {
        type: 'parallel',
        description: '已立项，纳入项目库（第十六、十八条）；未经立项一律不准建设（第四十三条）',
        states: {
          lifecycle: titled('建设与运行', {
            initial: 'budgeting',
            states: {
              budgeting: budgetStep({
                machineId: 'weishan',
                description: '县财政局结合审核意见安排预算，未纳入项目库的一律不安排（第二十一条）',
                title: '预算审核',
                article: art(21),
                next: 'responsibilityFiling',
                also: [notify({ to: 'bigData', message: '预算批复情况抄送', article: art(21) })],
              }),
              responsibilityFiling: {
                description: '预算下达后签署《项目建设主体责任书》并向县大数据局备案（第二十三条）',
                meta: awaiting({
                  status: 'responsibility_filing',
                  task: task({ id: 'responsibilityFiling', title: '《项目建设主体责任书》备案', department: 'applicant', article: art(23), actions: submit }),
                }),
                on: { 'responsibilityFiling.submit': { target: 'procurement', actions: record('responsibility') } },
              },
              procurement: {
                description: '按审核批准的采购内容和方式组织政府采购（第二十六、二十七条）',
                meta: awaiting({
                  status: 'procurement',
                  task: task({ id: 'procurement', title: '政府采购并签订合同', department: 'applicant', article: art(27), actions: submit }),
                }),
                on: { 'procurement.submit': { target: 'contractFiling', actions: record('contract') } },
              },
              ...filingStep({
                id: 'contractFiling',
                status: 'contract_filing',
                description: '签订正式采购合同后10个工作日内报县大数据局备案（第二十七条）',
                title: '采购合同备案',
                article: art(27),
                deadline: { title: '合同签订后10个工作日内报县大数据局备案', period: { unit: 'workingDays', count: 10 }, start: 'records.contract.signedOn' },
                next: 'construction',
                as: 'contractFiling',
                missed: {
                  description: '逾期未备案：报县大数据局，责令限期整改（第二十七、四十条）',
                  actions: escalateAndOrder({ by: 'bigData', reason: '采购合同逾期未备案', article: art(27) }),
                },
                overdueDescription: '合同备案已逾期，仍应补办备案（第二十七条）',
              }),
              construction: titled('建设实施', art(30), {
                description: '按审核通过的建设方案和投资预算实施（第三十条）',
                initial: 'building',
                states: {
                  building: {
                    meta: awaiting({
                      status: 'in_construction',
                      task: acceptanceTask('组织竣工验收'),
                      deadline: {
                        id: 'scheduledCompletion',
                        title: '按建设方案的建设周期按期验收',
                        article: art(34),
                        period: { unit: 'onDate' },
                        start: 'application.plannedCompletionOn',
                      },
                      offers: [changeOffer],
                    }),
                    on: {
                      'deadline.scheduledCompletion': {
                        target: 'delayExplanation',
                        description: '未按期验收，应向县大数据局出具情况说明（第三十四条）',
                        actions: escalate({ to: 'bigData', reason: '项目未按期验收', article: art(34) }),
                      },
                    },
                  },
                  delayExplanation: {
                    meta: awaiting({
                      status: 'in_construction',
                      task: task({ id: 'delayExplanation', title: '未按期验收情况说明', department: 'applicant', article: art(34), actions: submit }),
                      offers: [changeOffer],
                    }),
                    on: { 'delayExplanation.submit': { target: 'explained', actions: record('delayExplanation') } },
                  },
                  explained: {
                    meta: awaiting({ status: 'in_construction', task: acceptanceTask('组织竣工验收'), offers: [changeOffer] }),
                  },
                },
                on: {
                  'change.submit': [
                    {
                      guard: 'isConstructionAttached',
                      target: 'changeReviewAttached',
                      description: '较大变化事先向项目审批部门提交变更申请（第三十二条）',
                      actions: record('change'),
                    },
                    { target: 'changeReview', actions: record('change') },
                  ],
                  ...acceptanceOutcomes({
                    pass: 'acceptanceFiling',
                    fail: 'rectifying',
                    failDescription: '验收未通过：制定整改方案限期整改（第三十三条），并出具情况说明（第三十四条）',
                    onFail: [notify({ to: 'bigData', message: '验收未通过情况说明', article: art(34) })],
                  }),
                },
              }),
              changeReview: decision({
                description: '变更申请由项目审批部门履行审核手续，变更情况向县大数据局备案（第三十二条）',
                status: 'change_review',
                task: task({ id: 'changeReview', title: '变更审核', department: 'bigData', article: art(32), actions: ['approve', 'reject'] }),
                approve: ['construction', 'changeApproval'],
                reject: ['construction', 'changeRejection'],
              }),
              changeReviewAttached: decision({
                description: '建设工程附属项目的变更由县行政审批服务局审核，并向县大数据局备案（第三十二条）',
                status: 'change_review',
                task: task({ id: 'changeReview', title: '变更审核', department: 'adminApproval', article: art(32), actions: ['approve', 'reject'] }),
                approve: recorded({
                  target: 'construction',
                  as: 'changeApproval',
                  then: [notify({ to: 'bigData', message: '项目变更备案', article: art(32) })],
                }),
                reject: ['construction', 'changeRejection'],
              }),
              rectifying: {
                description: '按整改方案限期整改，完成后重新验收（第三十三条）',
                meta: awaiting({
                  status: 'rectification',
                  task: task({ id: 'reAcceptance', title: '整改后重新验收', department: 'applicant', article: art(33), actions: acceptanceActions }),
                  deadline: {
                    id: 'acceptanceRectification',
                    title: '整改方案确定的整改期限',
                    article: art(33),
                    period: { unit: 'onDate' },
                    start: 'records.failedAcceptance.rectifyBy',
                  },
                }),
                on: {
                  ...acceptanceOutcomes({
                    task: 'reAcceptance',
                    pass: 'acceptanceFiling',
                    fail: 'rectifying',
                    reenter: true,
                    onFail: [notify({ to: 'bigData', message: '重新验收未通过情况说明', article: art(34) })],
                  }),
                  'deadline.acceptanceRectification': {
                    description: '逾期未完成整改（第四十条）',
                    actions: orderRectification({ by: 'bigData', reason: '验收整改逾期未完成', article: art(33) }),
                  },
                },
              },
              ...filingStep({
                id: 'acceptanceFiling',
                status: 'acceptance_filing',
                description: '验收通过后15日内向县大数据局备案（第三十三条）',
                title: '验收备案',
                article: art(33),
                deadline: { title: '验收通过后15日内向县大数据局备案', period: { unit: 'days', count: 15 }, start: 'records.acceptance.acceptedOn' },
                next: 'operation',
                as: 'acceptanceFiling',
                then: ['startOperation'],
                missed: {
                  description: '逾期未备案：出具情况说明，责令限期整改（第三十四、四十条）',
                  actions: escalateAndOrder({ by: 'bigData', reason: '验收逾期未备案', article: art(33) }),
                },
              }),
              operation: titled('投入使用或运营', art(35), {
                type: 'parallel',
                description: '投入使用或运营（第三十五条）',
                meta: { status: 'in_operation' },
                states: {
                  evaluation: titled(
                    '绩效自评价',
                    yearlySelfEvaluation({
                      description: '每年开展1次项目自评价，报送县大数据局（第三十五条）',
                      title: '年度自评价',
                      article: art(35),
                      deadline: { title: '每年开展1次项目自评价', period: { unit: 'years', count: 1 }, start: 'operation.periodStart' },
                      nextYear: 'closeEvaluationYear',
                      missed: escalateAndOrder({ by: 'bigData', reason: '年度自评价逾期未报送', article: art(35) }),
                    }),
                  ),
                  opsFunding: titled(
                    '运维经费',
                    fundingReview({
                      offer: task({ id: 'opsFunding', title: '申请运行维护经费', department: 'applicant', article: art(24), actions: submit }),
                      guard: rulesHold('dataShared', 'unifiedInfrastructure', 'cryptoAndSecurity', 'evaluationNotPoor', 'noMajorSecurityRisk'),
                      description: '有第二十四条所列情形之一的不得申请运行维护经费；自评价结果作为依据（第三十五条）',
                      as: 'opsFundingRequest',
                      steps: [
                        {
                          state: 'review',
                          description: '县财政局根据审核意见和年度预算保障运维经费（第二十五条）',
                          task: task({
                            id: 'opsFundingReview',
                            title: '运维经费审核',
                            department: 'finance',
                            article: art(25),
                            actions: ['approve', 'reject'],
                          }),
                          approved: 'opsFunding',
                          rejected: 'opsFundingRejection',
                        },
                      ],
                    }),
                  ),
                },
              }),
            },
          }),
          supervision: supervisionRegion({
            machineId: 'weishan',
            article: art(40),
            supervisors: ['bigData', 'finance', 'cyberspace', 'crypto'],
            authority: 'bigData',
            chain: [
              { level: 'criticized', title: '通报批评', escalateTo: 'bigData' },
              { level: 'funds_suspended', title: '暂缓安排资金拨付', escalateTo: 'bigData', notify: { to: 'finance', message: '暂缓安排资金拨付' } },
              { level: 'project_suspended', title: '暂停项目建设', escalateTo: 'countyGovernment' },
            ],
          }),
        },
      }),
      rejected: titled('评审、审核或决策未通过', { type: 'final', description: '评审、审核或决策未通过', meta: { status: 'rejected' } }),
      unfunded: titled('县财政局不予安排预算', art(21), { type: 'final', description: '县财政局不予安排预算（第二十一条）', meta: { status: 'unfunded' } }),
      terminated: titled('逾期不整改或整改不到位', art(40), {
        type: 'final',
        description: '逾期不整改或整改不到位，终止项目（第四十条）',
        meta: { status: 'terminated' },
      }),
    },
  });
