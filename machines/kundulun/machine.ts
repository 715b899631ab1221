import { assign, setup } from 'xstate';
import { awaiting, budgetStep, decision, escalateAndOrder, notify, record, resubmission, submit, task } from '../shared/builders.js';
import type { ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { acceptanceOutcomes, withOverdueTwin } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import type { KundulunApplication } from './application.js';
import type { KundulunContext } from './context.js';
import { rules } from './rules.js';

const APPROVAL = '昆都仑 第十一条';

/** One approval stage of 第十一条 reviewed by 区政数局 with experts or a third party; returned papers come back to it. */
function approvalStage(id: 'proposal' | 'feasibility' | 'design', title: string, next: string) {
  return {
    description: `${title}（专家或第三方机构评审，第十一条）`,
    initial: 'reviewing',
    states: {
      reviewing: decision(undefined, 'under_review', task(`${id}Review`, `${title}审批`, 'dataBureau', APPROVAL, ['approve', 'return', 'reject']), {
        approve: next,
        returnTo: ['revising', `${id}Return`],
        reject: '#kundulun.rejected',
      }),
      revising: resubmission(undefined, task(`${id}Revision`, `修改${title}`, 'applicant', APPROVAL, submit), 'reviewing'),
    },
  };
}

/**
 * 昆都仑区本级政务信息化项目建设管理办法（试行） (昆府办发〔2024〕27号) as a statechart: 备案制 for
 * special, free and self-raised funds (第十二条), otherwise 区政数局's staged approval (第十一条),
 * budget, procurement with supervision from 2,000,000 yuan (第十九条), self-made adjustments within
 * 第二十一条, pre-acceptance review (第二十二条), self-evaluation one to two years after operation
 * (第二十三条), and 第二十五条's supervision chain, which stops at suspension.
 */
export const createKundulunMachine = () =>
  setup({
    types: {} as { context: KundulunContext; events: ProjectEvent; input: { projectId: string; application: KundulunApplication } },
    guards: {
      rulesHold: rulesHoldGuard(rules),
      isFilingProject: ({ context }) => context.application.fundingSource !== 'districtFiscal',
      isSimplified: ({ context }) => context.application.simplifiedProcedure,
    },
    actions: {
      ...commonActions<KundulunContext>('昆都仑 第二十五条'),
      startOperation: assign(({ context }) => ({ operation: { since: String(context.records.acceptance?.acceptedOn) } })),
    },
  }).createMachine({
    id: 'kundulun',
    description: '昆都仑区本级政务信息化项目建设管理办法（试行）（昆府办发〔2024〕27号）',
    context: ({ input }) => projectContext(input),
    initial: 'intake',
    states: {
      intake: {
        always: [
          { guard: 'isFilingProject', target: 'filing', description: '专项资金、企业无偿提供、自筹资金建设的项目实行备案制（第十二条）' },
          { guard: 'isSimplified', target: 'designStage', description: '符合国家有关规定的项目可简化报批文件和审批程序（第十一条）' },
          { target: 'proposalStage', description: '项目建议书、可行性研究报告、初步设计和投资概算（第十一条）' },
        ],
      },
      filing: {
        description: '备案制管理（第十二条）',
        initial: 'reviewing',
        states: {
          reviewing: decision(undefined, 'awaiting_approval', task('filing', '项目备案', 'dataBureau', '昆都仑 第十二条', ['approve', 'return']), {
            approve: '#kundulun.project',
            returnTo: ['revising', 'filingReturn'],
          }),
          revising: resubmission(undefined, task('filingRevision', '补正备案材料', 'applicant', '昆都仑 第十二条', submit), 'reviewing'),
        },
      },
      proposalStage: approvalStage('proposal', '项目建议书', '#kundulun.feasibilityStage'),
      feasibilityStage: approvalStage('feasibility', '可行性研究报告', '#kundulun.designStage'),
      designStage: approvalStage('design', '初步设计和投资概算', '#kundulun.project'),
      project: {
        type: 'parallel',
        states: {
          lifecycle: {
            initial: 'budgeting',
            states: {
              budgeting: budgetStep({
                machineId: 'kundulun',
                description: '区财政局统筹资金、预算管理（第四、五条）',
                title: '资金安排',
                article: '昆都仑 第四条',
                next: 'procurement',
              }),
              procurement: {
                description: '严格执行政府采购、工程监理、合同管理等制度（第十六条）；200万元及以上实行监理制（第十九条）',
                meta: awaiting('procurement', task('procurement', '政府采购并签订合同', 'applicant', '昆都仑 第十六条', submit)),
                on: { 'procurement.submit': { target: 'construction', guard: rulesHold('supervisorFrom2M'), actions: record('contract') } },
              },
              construction: {
                description: '按批复的可行性研究报告、初步设计和投资概算实施（第二十条）',
                meta: awaiting('in_construction', task('preAcceptance', '申请竣工验收前置审核', 'applicant', '昆都仑 第二十二条', submit), undefined, [
                  task('adjustment', '建设内容调整并备案', 'applicant', '昆都仑 第二十一条', submit),
                ]),
                on: {
                  'preAcceptance.submit': { target: 'preAcceptanceReview', actions: record('preAcceptanceRequest') },
                  'adjustment.submit': {
                    guard: rulesHold('adjustmentGoalUnchanged', 'adjustmentWithinEstimate', 'adjustmentShare', 'adjustmentNewContent'),
                    description: '符合第二十一条情形的调整由项目建设单位自行调整并向区政数局备案；不符合的应履行相应手续',
                    actions: [record('adjustment'), notify('dataBureau', '建设内容调整备案', '昆都仑 第二十一条')],
                  },
                },
              },
              preAcceptanceReview: decision(
                '竣工验收前区政数局进行前置审核，未通过的应整改，不得组织竣工验收（第二十二条）',
                'under_review',
                task('preAcceptanceReview', '竣工验收前置审核', 'dataBureau', '昆都仑 第二十二条', ['approve', 'reject']),
                {
                  approve: ['acceptance', 'preAcceptance'],
                  reject: { target: 'construction', description: '未通过前置审核的应进行整改', actions: record('preAcceptanceRejection') },
                },
              ),
              acceptance: {
                meta: awaiting('in_construction', task('acceptance', '组织竣工验收', 'applicant', '昆都仑 第二十二条', ['pass', 'fail'])),
                on: acceptanceOutcomes({ pass: 'operation', then: ['startOperation'], fail: 'construction' }),
              },
              operation: {
                description: '通过验收并投入运行后一至两年内开展自评价，报送区政数局、区财政局（第二十三条）',
                initial: 'awaitingEvaluation',
                states: {
                  ...withOverdueTwin({
                    name: 'awaitingEvaluation',
                    overdueName: 'overdue',
                    status: 'in_operation',
                    task: task('selfEvaluation', '运行后自评价', 'applicant', '昆都仑 第二十三条', submit),
                    deadline: {
                      id: 'selfEvaluation',
                      title: '投入运行后两年内开展自评价',
                      article: '昆都仑 第二十三条',
                      period: { unit: 'years', count: 2 },
                      start: 'operation.since',
                    },
                    done: {
                      target: 'evaluated',
                      guard: rulesHold('evaluationWindowOpen'),
                      actions: [record('selfEvaluation'), notify('finance', '自评价报告报送', '昆都仑 第二十三条')],
                    },
                    lateDone: { target: 'evaluated', actions: record('selfEvaluation') },
                    missed: { actions: escalateAndOrder('dataBureau', '投入运行两年内未开展自评价', '昆都仑 第二十三条', '未按期开展自评价') },
                  }),
                  evaluated: { meta: { status: 'in_operation' } },
                },
              },
            },
          },
          supervision: supervisionRegion({
            machineId: 'kundulun',
            article: '昆都仑 第二十五条',
            supervisors: ['cyberspace', 'nationalSecurity', 'secrecy', 'finance', 'dataBureau'],
            authority: 'dataBureau',
            mayTerminate: false,
            chain: [
              { level: 'criticized', title: '通报', escalateTo: 'dataBureau' },
              {
                level: 'funds_suspended',
                title: '暂缓安排建设计划或资金',
                escalateTo: 'dataBureau',
                notify: { to: 'finance', message: '暂缓安排建设计划或资金' },
              },
              { level: 'project_suspended', title: '暂停项目建设', escalateTo: 'districtGovernment' },
            ],
          }),
        },
      },
      rejected: { type: 'final', description: '审批未通过（第十一条）', meta: { status: 'rejected' } },
      unfunded: { type: 'final', description: '未安排资金（第八条）', meta: { status: 'unfunded' } },
    },
  });
