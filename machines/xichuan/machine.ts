import { setup } from 'xstate';
import { awaiting, budgetStep, escalate, escalateAndOrder, notify, orderRectification, record, submit, task, titled } from '../shared/builders.js';
import type { ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { acceptanceOutcomes, fundingReview } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import type { XichuanApplication } from './application.js';
import { approvalStates } from './approval.js';
import type { XichuanContext } from './context.js';
import { art } from './regulation.js';
import { rules } from './rules.js';

const approveOrReject: ['approve', 'reject'] = ['approve', 'reject'];

const acceptanceRules = rulesHold(
  'acceptanceSummary',
  'acceptanceFinancialReport',
  'acceptanceAuditReport',
  'acceptanceSecurityAssessment',
  'aiEffectAssessed',
);
const acceptanceTask = task({ id: 'acceptance', title: '组织竣工验收', department: 'applicant', article: art(18), actions: ['pass', 'fail'] });
const adjustmentOffer = task({ id: 'adjustment', title: '建设内容调整并向县发改委备案', department: 'applicant', article: art(17), actions: submit });
const acceptanceResult = acceptanceOutcomes({
  pass: '#xichuan.project.lifecycle.operation',
  guard: acceptanceRules,
  fail: '#xichuan.project.lifecycle.rectifying',
  failDescription: '未通过验收的，一个月内完成整改后重新组织验收（第十九条）',
});

/**
 * 淅川县政务信息化项目建设管理办法（暂行） (淅政办〔2025〕6号) as a statechart: 审查 by 政务信息管理局,
 * then the investment branch (政府投资项目储备库, 项目建议书 → 可研 → 初步设计, 投资计划 and 实施意见) and
 * the service branch (县政府批准后实施) side by side, and temporary assignments (第八条); construction with
 * mandatory supervision, acceptance within 6 months, a month to rectify, ops fees and shutdown.
 * Versions: 1 as first released; 2 puts 县发改委 before 县政府 in the investment branch (第七条).
 */
export const createXichuanMachine = (version: 1 | 2 | 3 = 3) =>
  setup({
    types: {} as { context: XichuanContext; events: ProjectEvent; input: { projectId: string; application: XichuanApplication } },
    guards: {
      rulesHold: rulesHoldGuard(rules),
      isTemporary: ({ context }) => context.application.temporaryAssignment,
      isInvestment: ({ context }) => context.application.projectType === 'investment' && !context.application.pureEquipmentPurchase,
    },
    actions: { ...commonActions<XichuanContext>(art(35)) },
  }).createMachine({
    id: 'xichuan',
    description: '淅川县政务信息化项目建设管理办法（暂行）（淅政办〔2025〕6号）',
    context: ({ input }) => projectContext(input),
    initial: 'intake',
    states: {
      ...approvalStates(version),
      project: titled('已立项', {
        type: 'parallel',
        states: {
          lifecycle: titled('建设与运行', {
            initial: 'budgeting',
            states: {
              budgeting: budgetStep({
                machineId: 'xichuan',
                description: '县财政局依据投资计划和实施意见安排预算（第十一条）',
                title: '安排预算',
                article: art(11),
                next: 'procurement',
              }),
              procurement: {
                description: '依据批复和技术审查意见组织招标采购，签订合同（第十四、十五条）；建设项目实行监理制（第十六条）',
                meta: awaiting({
                  status: 'procurement',
                  task: task({ id: 'procurement', title: '招标采购并签订合同', department: 'applicant', article: art(14), actions: submit }),
                }),
                on: {
                  'procurement.submit': {
                    target: 'construction',
                    guard: rulesHold('supervisorForInvestment', 'noSubcontracting'),
                    actions: record('contract'),
                  },
                },
              },
              construction: {
                description: '建设实施；未经规定程序批准不得擅自修改建设内容（第十七条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'completion', title: '报告项目建成', department: 'applicant', article: art(18), actions: submit }),
                  offers: [adjustmentOffer],
                }),
                on: {
                  'completion.submit': { target: 'awaitingAcceptance', actions: record('completion') },
                  'adjustment.submit': {
                    guard: rulesHold('adjustmentGoalUnchanged', 'adjustmentWithinEstimate', 'adjustmentShare', 'technicalOpinion'),
                    description: '审批环节全部完成、不超概算、目标不变、调整不超过15%且符合三种情形之一的，可自行调整并向县发改委备案（第十七条）',
                    actions: [record('adjustment'), notify({ to: 'ndrc', message: '建设内容调整备案', article: art(17) })],
                  },
                },
              },
              awaitingAcceptance: {
                description: '建成6个月内组织验收（第十八条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: acceptanceTask,
                  deadline: {
                    id: 'acceptance',
                    title: '建成6个月内组织验收',
                    article: art(18),
                    period: { unit: 'months', count: 6 },
                    start: 'records.completion.completedOn',
                  },
                }),
                on: {
                  ...acceptanceResult,
                  'deadline.acceptance': {
                    target: 'lateExplanation',
                    description: '不能按期完成验收的，应提交书面说明并明确验收时间（第十九条）',
                    actions: escalate({ to: 'infoBureau', reason: '项目未在建成6个月内完成验收', article: art(19) }),
                  },
                },
              },
              lateExplanation: {
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'lateExplanation', title: '未按期验收书面说明', department: 'applicant', article: art(19), actions: submit }),
                }),
                on: { 'lateExplanation.submit': { target: 'explainedAcceptance', actions: record('lateExplanation') } },
              },
              explainedAcceptance: {
                description: '按书面说明明确的验收时间组织验收（第十九条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: acceptanceTask,
                  deadline: {
                    id: 'promisedAcceptance',
                    title: '书面说明明确的验收时间',
                    article: art(19),
                    period: { unit: 'onDate' },
                    start: 'records.lateExplanation.acceptanceDate',
                  },
                }),
                on: {
                  ...acceptanceResult,
                  'deadline.promisedAcceptance': {
                    description: '仍未按明确的时间验收：责令限期整改（第三十五条）',
                    actions: orderRectification({ by: 'infoBureau', reason: '未按书面说明明确的时间组织验收', article: art(19) }),
                  },
                },
              },
              rectifying: {
                description: '一个月内完成整改后重新组织验收（第十九条）',
                meta: awaiting({
                  status: 'rectification',
                  task: task({ id: 'reAcceptance', title: '整改后重新验收', department: 'applicant', article: art(19), actions: ['pass', 'fail'] }),
                  deadline: {
                    id: 'rectificationMonth',
                    title: '一个月内完成整改',
                    article: art(19),
                    period: { unit: 'months', count: 1 },
                    start: 'records.failedAcceptance.acceptedOn',
                  },
                }),
                on: {
                  ...acceptanceOutcomes({ task: 'reAcceptance', pass: 'operation', guard: acceptanceRules, fail: 'rectifying', reenter: true }),
                  'deadline.rectificationMonth': {
                    description: '逾期未完成整改：责令限期整改，拒不整改的暂缓拨付、暂停建设（第十九、三十五条）',
                    actions: escalateAndOrder({ by: 'infoBureau', reason: '验收未通过后一个月内未完成整改', article: art(19) }),
                  },
                },
              },
              operation: titled('运行', art(20), {
                type: 'parallel',
                description: '运行维护实行项目建设单位负责制（第二十条）',
                meta: { status: 'in_operation' },
                states: {
                  opsFee: titled(
                    '运维费用',
                    fundingReview({
                      offer: task({ id: 'opsFee', title: '申请运维费审核', department: 'applicant', article: art(22), actions: submit }),
                      guard: rulesHold('opsConnected', 'opsInUse', 'opsOtherRequirements'),
                      description: '有第二十三条所列情况的不予安排运维预算',
                      as: 'opsFeeRequest',
                      steps: [
                        {
                          state: 'infoReview',
                          task: task({ id: 'opsFeeReview', title: '运维费审核', department: 'infoBureau', article: art(22), actions: approveOrReject }),
                          approved: 'opsFeeOpinion',
                          rejected: 'opsFeeRejection',
                        },
                        {
                          state: 'budget',
                          task: task({ id: 'opsBudget', title: '运维预算审核', department: 'finance', article: art(22), actions: approveOrReject }),
                          approved: 'opsBudget',
                          rejected: 'opsBudgetRejection',
                        },
                      ],
                    }),
                  ),
                  usage: titled('使用', {
                    initial: 'running',
                    states: {
                      running: titled('运行中', {
                        meta: {
                          offers: [
                            task({ id: 'shutdown', title: '报告停止运行或长期未使用', department: 'applicant', article: art(20), actions: submit }),
                            task({ id: 'performanceEvaluation', title: '第三方绩效监控和评价', department: 'infoBureau', article: art(37), actions: submit }),
                          ],
                        },
                        on: {
                          'shutdown.submit': { target: 'shutdownReview', actions: record('shutdownReport') },
                          'performanceEvaluation.submit': {
                            description: '评价报告报县财政局，作为资金拨付依据（第三十七条）',
                            actions: [record('performanceEvaluation'), notify({ to: 'finance', message: '绩效监控和评价报告', article: art(37) })],
                          },
                        },
                      }),
                      shutdownReview: {
                        meta: {
                          task: task({ id: 'shutdownReview', title: '关停核准', department: 'infoBureau', article: art(20), actions: ['approve', 'reject'] }),
                        },
                        on: {
                          'shutdownReview.approve': { target: '#xichuan.decommissioned', actions: record('shutdown') },
                          'shutdownReview.reject': { target: 'running', actions: record('shutdownRejection') },
                        },
                      },
                    },
                  }),
                },
              }),
            },
          }),
          supervision: supervisionRegion({
            machineId: 'xichuan',
            article: art(35),
            supervisors: ['ndrc', 'finance', 'infoBureau'],
            authority: 'infoBureau',
            mayTerminate: false,
            chain: [
              { level: 'funds_suspended', title: '暂缓拨付建设资金', escalateTo: 'infoBureau', notify: { to: 'finance', message: '暂缓拨付建设资金' } },
              { level: 'project_suspended', title: '暂停项目建设', escalateTo: 'countyGovernment' },
            ],
          }),
        },
      }),
      rejected: titled('审查或审批未通过', art([7, 8, 9]), { type: 'final', description: '审查或审批未通过（第七、八、九条）', meta: { status: 'rejected' } }),
      unfunded: titled('县财政局未安排预算', art(11), { type: 'final', description: '县财政局未安排预算（第十一条）', meta: { status: 'unfunded' } }),
      decommissioned: titled('停止运行或长期未使用', art(20), {
        type: 'final',
        description: '停止运行或长期未使用，经核准关停（第二十条）',
        meta: { status: 'decommissioned' },
      }),
    },
  });
