import { assign, setup } from 'xstate';
import { awaiting, budgetStep, decision, escalateAndOrder, notify, record, resubmission, submit, task, titled } from '../shared/builders.js';
import type { ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { acceptanceOutcomes, withOverdueTwin } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import type { KundulunApplication } from './application.js';
import type { KundulunContext } from './context.js';
import { art } from './regulation.js';
import { rules } from './rules.js';

const APPROVAL = art(11);

/** One approval stage of 第十一条 reviewed by 区政数局 with experts or a third party; returned papers come back to it. */
function approvalStage(id: 'proposal' | 'feasibility' | 'design', title: string, next: string) {
  return titled(title, APPROVAL, {
    description: `${title}（专家或第三方机构评审，第十一条）`,
    initial: 'reviewing',
    states: {
      reviewing: decision({
        status: 'under_review',
        task: task({ id: `${id}Review`, title: `${title}审批`, department: 'dataBureau', article: APPROVAL, actions: ['approve', 'return', 'reject'] }),
        approve: next,
        returnTo: ['revising', `${id}Return`],
        reject: '#kundulun.rejected',
      }),
      revising: resubmission({
        task: task({ id: `${id}Revision`, title: `修改${title}`, department: 'applicant', article: APPROVAL, actions: submit }),
        target: 'reviewing',
      }),
    },
  });
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
      ...commonActions<KundulunContext>(art(25)),
      startOperation: assign(({ context }) => ({ operation: { since: String(context.records.acceptance?.acceptedOn) } })),
    },
  }).createMachine({
    id: 'kundulun',
    description: '昆都仑区本级政务信息化项目建设管理办法（试行）（昆府办发〔2024〕27号）',
    context: ({ input }) => projectContext(input),
    initial: 'intake',
    states: {
      intake: titled('受理', {
        always: [
          { guard: 'isFilingProject', target: 'filing', description: '专项资金、企业无偿提供、自筹资金建设的项目实行备案制（第十二条）' },
          { guard: 'isSimplified', target: 'designStage', description: '符合国家有关规定的项目可简化报批文件和审批程序（第十一条）' },
          { target: 'proposalStage', description: '项目建议书、可行性研究报告、初步设计和投资概算（第十一条）' },
        ],
      }),
      filing: titled('备案制管理', art(12), {
        description: '备案制管理（第十二条）',
        initial: 'reviewing',
        states: {
          reviewing: decision({
            status: 'awaiting_approval',
            task: task({ id: 'filing', title: '项目备案', department: 'dataBureau', article: art(12), actions: ['approve', 'return'] }),
            approve: '#kundulun.project',
            returnTo: ['revising', 'filingReturn'],
          }),
          revising: resubmission({
            task: task({ id: 'filingRevision', title: '补正备案材料', department: 'applicant', article: art(12), actions: submit }),
            target: 'reviewing',
          }),
        },
      }),
      proposalStage: approvalStage('proposal', '项目建议书', '#kundulun.feasibilityStage'),
      feasibilityStage: approvalStage('feasibility', '可行性研究报告', '#kundulun.designStage'),
      designStage: approvalStage('design', '初步设计和投资概算', '#kundulun.project'),
      project: titled('已立项', {
        type: 'parallel',
        states: {
          lifecycle: titled('建设与运行', {
            initial: 'budgeting',
            states: {
              budgeting: budgetStep({
                machineId: 'kundulun',
                description: '区财政局统筹资金、预算管理（第四、五条）',
                title: '资金安排',
                article: art(4),
                next: 'procurement',
              }),
              procurement: {
                description: '严格执行政府采购、工程监理、合同管理等制度（第十六条）；200万元及以上实行监理制（第十九条）',
                meta: awaiting({
                  status: 'procurement',
                  task: task({ id: 'procurement', title: '政府采购并签订合同', department: 'applicant', article: art(16), actions: submit }),
                }),
                on: { 'procurement.submit': { target: 'construction', guard: rulesHold('supervisorFrom2M'), actions: record('contract') } },
              },
              construction: {
                description: '按批复的可行性研究报告、初步设计和投资概算实施（第二十条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'preAcceptance', title: '申请竣工验收前置审核', department: 'applicant', article: art(22), actions: submit }),
                  offers: [task({ id: 'adjustment', title: '建设内容调整并备案', department: 'applicant', article: art(21), actions: submit })],
                }),
                on: {
                  'preAcceptance.submit': { target: 'preAcceptanceReview', actions: record('preAcceptanceRequest') },
                  'adjustment.submit': {
                    guard: rulesHold('adjustmentGoalUnchanged', 'adjustmentWithinEstimate', 'adjustmentShare', 'adjustmentNewContent'),
                    description: '符合第二十一条情形的调整由项目建设单位自行调整并向区政数局备案；不符合的应履行相应手续',
                    actions: [record('adjustment'), notify({ to: 'dataBureau', message: '建设内容调整备案', article: art(21) })],
                  },
                },
              },
              preAcceptanceReview: decision({
                description: '竣工验收前区政数局进行前置审核，未通过的应整改，不得组织竣工验收（第二十二条）',
                status: 'under_review',
                task: task({
                  id: 'preAcceptanceReview',
                  title: '竣工验收前置审核',
                  department: 'dataBureau',
                  article: art(22),
                  actions: ['approve', 'reject'],
                }),
                approve: ['acceptance', 'preAcceptance'],
                reject: { target: 'construction', description: '未通过前置审核的应进行整改', actions: record('preAcceptanceRejection') },
              }),
              acceptance: {
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'acceptance', title: '组织竣工验收', department: 'applicant', article: art(22), actions: ['pass', 'fail'] }),
                }),
                on: acceptanceOutcomes({ pass: 'operation', then: ['startOperation'], fail: 'construction' }),
              },
              operation: titled('运行', art(23), {
                description: '通过验收并投入运行后一至两年内开展自评价，报送区政数局、区财政局（第二十三条）',
                initial: 'awaitingEvaluation',
                states: {
                  ...withOverdueTwin({
                    name: 'awaitingEvaluation',
                    overdueName: 'overdue',
                    status: 'in_operation',
                    task: task({ id: 'selfEvaluation', title: '运行后自评价', department: 'applicant', article: art(23), actions: submit }),
                    deadline: {
                      id: 'selfEvaluation',
                      title: '投入运行后两年内开展自评价',
                      article: art(23),
                      period: { unit: 'years', count: 2 },
                      start: 'operation.since',
                    },
                    done: {
                      target: 'evaluated',
                      guard: rulesHold('evaluationWindowOpen'),
                      actions: [record('selfEvaluation'), notify({ to: 'finance', message: '自评价报告报送', article: art(23) })],
                    },
                    lateDone: { target: 'evaluated', actions: record('selfEvaluation') },
                    missed: {
                      actions: escalateAndOrder({ by: 'dataBureau', reason: '投入运行两年内未开展自评价', article: art(23), orderReason: '未按期开展自评价' }),
                    },
                  }),
                  evaluated: titled('已自评价', { meta: { status: 'in_operation' } }),
                },
              }),
            },
          }),
          supervision: supervisionRegion({
            machineId: 'kundulun',
            article: art(25),
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
      }),
      rejected: titled('审批未通过', art(11), { type: 'final', description: '审批未通过（第十一条）', meta: { status: 'rejected' } }),
      unfunded: titled('未安排资金', art(8), { type: 'final', description: '未安排资金（第八条）', meta: { status: 'unfunded' } }),
    },
  });
