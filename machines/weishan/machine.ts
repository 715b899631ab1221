import { assign, setup } from 'xstate';
import { awaiting, budgetStep, decision, escalate, escalateAndOrder, notify, orderRectification, record, recorded, submit, task } from '../shared/builders.js';
import { acceptanceOutcomes, filingStep, fundingReview, yearlySelfEvaluation } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import { eventDate, isTaskEvent, type ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import { approvalStates } from './approval.js';
import type { WeishanContext, WeishanInput } from './context.js';
import { rules, UPPER_LEVEL_REVIEW_FROM_YUAN } from './rules.js';
import { fen, yuanToFen } from '../shared/money.js';

const acceptanceActions: ['pass', 'fail'] = ['pass', 'fail'];

const changeOffer = task('change', '重大变更申请', 'applicant', '微山 第三十二条', submit);

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
      ...commonActions<WeishanContext>('微山 第四十条'),
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
      project: {
        type: 'parallel',
        description: '已立项，纳入项目库（第十六、十八条）；未经立项一律不准建设（第四十三条）',
        states: {
          lifecycle: {
            initial: 'budgeting',
            states: {
              budgeting: budgetStep({
                machineId: 'weishan',
                description: '县财政局结合审核意见安排预算，未纳入项目库的一律不安排（第二十一条）',
                title: '预算审核',
                article: '微山 第二十一条',
                next: 'responsibilityFiling',
                also: [notify('bigData', '预算批复情况抄送', '微山 第二十一条')],
              }),
              responsibilityFiling: {
                description: '预算下达后签署《项目建设主体责任书》并向县大数据局备案（第二十三条）',
                meta: awaiting('responsibility_filing', task('responsibilityFiling', '《项目建设主体责任书》备案', 'applicant', '微山 第二十三条', submit)),
                on: { 'responsibilityFiling.submit': { target: 'procurement', actions: record('responsibility') } },
              },
              procurement: {
                description: '按审核批准的采购内容和方式组织政府采购（第二十六、二十七条）',
                meta: awaiting('procurement', task('procurement', '政府采购并签订合同', 'applicant', '微山 第二十七条', submit)),
                on: { 'procurement.submit': { target: 'contractFiling', actions: record('contract') } },
              },
              ...filingStep({
                id: 'contractFiling',
                status: 'contract_filing',
                description: '签订正式采购合同后10个工作日内报县大数据局备案（第二十七条）',
                title: '采购合同备案',
                article: '微山 第二十七条',
                deadline: { title: '合同签订后10个工作日内报县大数据局备案', period: { unit: 'workingDays', count: 10 }, start: 'records.contract.signedOn' },
                next: 'construction',
                as: 'contractFiling',
                missed: {
                  description: '逾期未备案：报县大数据局，责令限期整改（第二十七、四十条）',
                  actions: escalateAndOrder('bigData', '采购合同逾期未备案', '微山 第二十七条'),
                },
                overdueDescription: '合同备案已逾期，仍应补办备案（第二十七条）',
              }),
              construction: {
                description: '按审核通过的建设方案和投资预算实施（第三十条）',
                initial: 'building',
                states: {
                  building: {
                    meta: awaiting(
                      'in_construction',
                      task('acceptance', '组织竣工验收', 'applicant', '微山 第三十三条', acceptanceActions),
                      {
                        id: 'scheduledCompletion',
                        title: '按建设方案的建设周期按期验收',
                        article: '微山 第三十四条',
                        period: { unit: 'onDate' },
                        start: 'application.plannedCompletionOn',
                      },
                      [changeOffer],
                    ),
                    on: {
                      'deadline.scheduledCompletion': {
                        target: 'delayExplanation',
                        description: '未按期验收，应向县大数据局出具情况说明（第三十四条）',
                        actions: escalate('bigData', '项目未按期验收', '微山 第三十四条'),
                      },
                    },
                  },
                  delayExplanation: {
                    meta: awaiting('in_construction', task('delayExplanation', '未按期验收情况说明', 'applicant', '微山 第三十四条', submit), undefined, [
                      changeOffer,
                    ]),
                    on: { 'delayExplanation.submit': { target: 'explained', actions: record('delayExplanation') } },
                  },
                  explained: {
                    meta: awaiting('in_construction', task('acceptance', '组织竣工验收', 'applicant', '微山 第三十三条', acceptanceActions), undefined, [
                      changeOffer,
                    ]),
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
                    onFail: [notify('bigData', '验收未通过情况说明', '微山 第三十四条')],
                  }),
                },
              },
              changeReview: decision(
                '变更申请由项目审批部门履行审核手续，变更情况向县大数据局备案（第三十二条）',
                'change_review',
                task('changeReview', '变更审核', 'bigData', '微山 第三十二条', ['approve', 'reject']),
                { approve: ['construction', 'changeApproval'], reject: ['construction', 'changeRejection'] },
              ),
              changeReviewAttached: decision(
                '建设工程附属项目的变更由县行政审批服务局审核，并向县大数据局备案（第三十二条）',
                'change_review',
                task('changeReview', '变更审核', 'adminApproval', '微山 第三十二条', ['approve', 'reject']),
                {
                  approve: recorded('construction', 'changeApproval', [notify('bigData', '项目变更备案', '微山 第三十二条')]),
                  reject: ['construction', 'changeRejection'],
                },
              ),
              rectifying: {
                description: '按整改方案限期整改，完成后重新验收（第三十三条）',
                meta: awaiting('rectification', task('reAcceptance', '整改后重新验收', 'applicant', '微山 第三十三条', acceptanceActions), {
                  id: 'acceptanceRectification',
                  title: '整改方案确定的整改期限',
                  article: '微山 第三十三条',
                  period: { unit: 'onDate' },
                  start: 'records.failedAcceptance.rectifyBy',
                }),
                on: {
                  ...acceptanceOutcomes({
                    task: 'reAcceptance',
                    pass: 'acceptanceFiling',
                    fail: 'rectifying',
                    reenter: true,
                    onFail: [notify('bigData', '重新验收未通过情况说明', '微山 第三十四条')],
                  }),
                  'deadline.acceptanceRectification': {
                    description: '逾期未完成整改（第四十条）',
                    actions: orderRectification('bigData', '验收整改逾期未完成', '微山 第三十三条'),
                  },
                },
              },
              ...filingStep({
                id: 'acceptanceFiling',
                status: 'acceptance_filing',
                description: '验收通过后15日内向县大数据局备案（第三十三条）',
                title: '验收备案',
                article: '微山 第三十三条',
                deadline: { title: '验收通过后15日内向县大数据局备案', period: { unit: 'days', count: 15 }, start: 'records.acceptance.acceptedOn' },
                next: 'operation',
                as: 'acceptanceFiling',
                then: ['startOperation'],
                missed: {
                  description: '逾期未备案：出具情况说明，责令限期整改（第三十四、四十条）',
                  actions: escalateAndOrder('bigData', '验收逾期未备案', '微山 第三十三条'),
                },
              }),
              operation: {
                type: 'parallel',
                description: '投入使用或运营（第三十五条）',
                meta: { status: 'in_operation' },
                states: {
                  evaluation: yearlySelfEvaluation({
                    description: '每年开展1次项目自评价，报送县大数据局（第三十五条）',
                    title: '年度自评价',
                    article: '微山 第三十五条',
                    deadline: { title: '每年开展1次项目自评价', period: { unit: 'years', count: 1 }, start: 'operation.periodStart' },
                    nextYear: 'closeEvaluationYear',
                    missed: escalateAndOrder('bigData', '年度自评价逾期未报送', '微山 第三十五条'),
                  }),
                  opsFunding: fundingReview({
                    offer: task('opsFunding', '申请运行维护经费', 'applicant', '微山 第二十四条', submit),
                    guard: rulesHold('dataShared', 'unifiedInfrastructure', 'cryptoAndSecurity', 'evaluationNotPoor', 'noMajorSecurityRisk'),
                    description: '有第二十四条所列情形之一的不得申请运行维护经费；自评价结果作为依据（第三十五条）',
                    as: 'opsFundingRequest',
                    steps: [
                      {
                        state: 'review',
                        description: '县财政局根据审核意见和年度预算保障运维经费（第二十五条）',
                        task: task('opsFundingReview', '运维经费审核', 'finance', '微山 第二十五条', ['approve', 'reject']),
                        approved: 'opsFunding',
                        rejected: 'opsFundingRejection',
                      },
                    ],
                  }),
                },
              },
            },
          },
          supervision: supervisionRegion({
            machineId: 'weishan',
            article: '微山 第四十条',
            supervisors: ['bigData', 'finance', 'cyberspace', 'crypto'],
            authority: 'bigData',
            chain: [
              { level: 'criticized', title: '通报批评', escalateTo: 'bigData' },
              { level: 'funds_suspended', title: '暂缓安排资金拨付', escalateTo: 'bigData', notify: { to: 'finance', message: '暂缓安排资金拨付' } },
              { level: 'project_suspended', title: '暂停项目建设', escalateTo: 'countyGovernment' },
            ],
          }),
        },
      },
      rejected: { type: 'final', description: '评审、审核或决策未通过', meta: { status: 'rejected' } },
      unfunded: { type: 'final', description: '县财政局不予安排预算（第二十一条）', meta: { status: 'unfunded' } },
      terminated: { type: 'final', description: '逾期不整改或整改不到位，终止项目（第四十条）', meta: { status: 'terminated' } },
    },
  });
