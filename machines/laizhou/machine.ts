import { assign, setup } from 'xstate';
import {
  awaiting,
  budgetStep,
  decision,
  escalateAndOrder,
  notify,
  orderRectification,
  record,
  recorded,
  submit,
  task,
  titled,
  upgradeable,
} from '../shared/builders.js';
import type { ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import { acceptanceOutcomes } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import type { LaizhouApplication } from './application.js';
import type { LaizhouContext } from './context.js';
import { classBranches, reapplication, reapply } from './approval.js';
import { operation } from './operation.js';
import { art } from './regulation.js';
import { MAJOR_PROJECT_FROM_YUAN, rules } from './rules.js';
import { fen, yuanToFen } from '../shared/money.js';

/** Acceptance into operation, with the third-party software test report from 5,000,000 yuan (第二十三条). */
const accepted = (again = false) =>
  acceptanceOutcomes({ pass: 'operation', guard: rulesHold('softwareTestReport'), then: ['startOperation'], fail: 'rectifying', reenter: again });

/**
 * 莱州市政务信息化项目管理办法（试行） (莱政办发〔2022〕6号) as a statechart: 政务治理类, 公共服务类 and
 * 市场运营类 as sibling branches with their joint reviews and builders (第八、九条); budget on a cost
 * evaluation (第十条), adjustments only before procurement (第十九条), supervision and software test
 * from 5,000,000 yuan (第二十三条), year-end performance reports (第二十四条), acceptance within half a
 * year or an extension, a standard within a year (第十五条), self-evaluation within 12 months (第三十四条),
 * ops funding per class (第二十六、二十九条), decommissioning (第三十八条) and 第三十五条's chain.
 * Versions: 1 as first released; 2 offers 第十九条's route for adjustments beyond its conditions
 * (项目申报和预算调整手续) before procurement.
 */
export const createLaizhouMachine = (version: 1 | 2 | 3 = 3) => {
  const v2 = version >= 2;
  return setup({
    types: {} as {
      context: LaizhouContext & { proposer: 'applicant' | 'operator' };
      events: ProjectEvent;
      input: { projectId: string; application: LaizhouApplication };
    },
    guards: {
      rulesHold: rulesHoldGuard(rules),
      isGovernance: ({ context }) => context.application.projectClass === 'governance',
      isPublicService: ({ context }) => context.application.projectClass === 'publicService',
      isMarket: ({ context }) => context.application.projectClass === 'market',
      needsStandard: ({ context }) => fen(context.application.totalBudget) >= yuanToFen(MAJOR_PROJECT_FROM_YUAN),
    },
    actions: {
      ...commonActions<LaizhouContext & { proposer: 'applicant' | 'operator' }>(art(35)),
      openReportYear: assign(({ context }) => ({ construction: { reportDue: `${String(context.records.contract?.signedOn).slice(0, 4)}-12-31` } })),
      nextReportYear: assign(({ context }) => ({ construction: { reportDue: addYears(context.construction!.reportDue, 1) } })),
      startOperation: assign(({ context }) => ({ operation: { since: String(context.records.acceptance?.acceptedOn) } })),
    },
  }).createMachine({
    id: 'laizhou',
    description: '莱州市政务信息化项目管理办法（试行）（莱政办发〔2022〕6号），2022-09-29至2024-09-28',
    context: ({ input }) => ({
      ...projectContext(input),
      builder: input.application.projectClass === 'governance' ? 'applicant' : 'operator',
      proposer: input.application.proposedBy,
    }),
    initial: 'intake',
    states: {
      intake: titled('受理', {
        always: [
          { guard: 'isGovernance', target: 'governance', description: '政务治理类（第八条第一项）' },
          { guard: 'isPublicService', target: 'publicService', description: '公共服务类（第八条第二项）' },
          { target: 'market', description: '市场运营类（第八条第三项）' },
        ],
      }),
      ...classBranches,
      project: titled('已立项', {
        type: 'parallel',
        entry: notify({ to: 'bigData', message: '项目集中备案', article: art(9) }),
        states: {
          lifecycle: titled('建设与运行', {
            initial: 'funding',
            states: {
              funding: titled('资金安排', {
                always: [
                  { guard: 'isMarket', target: 'procurement', description: '市场运营类由运营公司利用市场化手段提供资金（第八条第三项）' },
                  { target: 'budgeting' },
                ],
              }),
              budgeting: budgetStep({
                machineId: 'laizhou',
                description: '未经评审的项目不得列入年度部门预算（第六条）；造价评估报告作为预算编制依据（第十条）',
                title: '预算安排',
                article: art(6),
                next: 'procurement',
                guard: rulesHold('costEvaluation'),
              }),
              procurement: upgradeable({
                description: '政府采购或在公共资源交易中心招投标（第九、二十条）；500万元及以上实行工程监理（第二十三条）',
                meta: awaiting({
                  status: 'procurement',
                  task: task({ id: 'procurement', title: '采购或招投标并签订合同', department: '@builder', article: art(20), actions: submit }),
                  offers: [
                    task({ id: 'adjustment', title: '采购前申请调整建设内容', department: '@builder', article: art(19), actions: submit }),
                    ...(v2
                      ? [task({ id: 'reapplication', title: '按规定重新申报并调整预算', department: '@builder', article: art(19), actions: submit })]
                      : []),
                  ],
                }),
                on: {
                  'procurement.submit': {
                    target: 'construction',
                    guard: rulesHold('supervisionFrom5M', 'tenderAtTradingCentre'),
                    actions: [record('contract'), 'openReportYear' as const],
                  },
                  'adjustment.submit': {
                    target: 'adjustmentReview',
                    guard: rulesHold('adjustmentGoalUnchanged', 'adjustmentWithinEstimate', 'adjustmentShare'),
                    description: '采购前、不超预算、主要目标不变、调整不超过概算总投资15%且符合三种情形之一，方可申请调整（第十九条）',
                    actions: record('adjustment'),
                  },
                  ...(v2 ? { 'reapplication.submit': { target: 'reapplicationReview', description: reapply, actions: record('reapplication') } } : {}),
                },
              }),
              adjustmentReview: decision({
                status: 'change_review',
                task: task({ id: 'adjustmentReview', title: '调整申请审核', department: 'bigData', article: art(19), actions: ['approve', 'reject'] }),
                approve: ['procurement', 'adjustmentApproval'],
                reject: ['procurement', 'adjustmentRejection'],
              }),
              ...(v2 ? reapplication : {}),
              construction: {
                description: '建设期内每年年底前向项目审批部门提交绩效评价报告（第二十四条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'performanceReport', title: '年度绩效评价报告', department: '@builder', article: art(24), actions: submit }),
                  deadline: {
                    id: 'performanceReport',
                    title: '每年年底前提交绩效评价报告',
                    article: art(24),
                    period: { unit: 'onDate' },
                    start: 'construction.reportDue',
                  },
                  offers: [task({ id: 'completion', title: '报告项目竣工', department: '@builder', article: art(23), actions: submit })],
                }),
                on: {
                  'performanceReport.submit': { target: 'construction', reenter: true, actions: [record('performanceReport'), 'nextReportYear'] },
                  'deadline.performanceReport': {
                    actions: escalateAndOrder({ by: 'bigData', reason: '建设期年度绩效评价报告逾期未提交', article: art(24) }),
                  },
                  'completion.submit': { target: 'awaitingAcceptance', actions: record('completion') },
                },
              },
              awaitingAcceptance: {
                description: '竣工后半年内验收，否则申请延期（第二十三条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'acceptance', title: '组织验收', department: '@builder', article: art(23), actions: ['pass', 'fail'] }),
                  deadline: {
                    id: 'acceptance',
                    title: '竣工后半年内验收',
                    article: art(23),
                    period: { unit: 'months', count: 6 },
                    start: 'records.completion.completedOn',
                  },
                  offers: [task({ id: 'extension', title: '申请延期验收', department: '@builder', article: art(23), actions: submit })],
                }),
                on: {
                  ...accepted(),
                  'extension.submit': { target: 'extensionReview', actions: record('extensionRequest') },
                  'deadline.acceptance': {
                    actions: escalateAndOrder({ by: 'bigData', reason: '竣工后半年内未验收且未申请延期', article: art(23) }),
                  },
                },
              },
              extensionReview: decision({
                status: 'in_construction',
                task: task({ id: 'extensionReview', title: '延期验收审核', department: 'bigData', article: art(23), actions: ['approve', 'reject'] }),
                approve: ['extended', 'extension'],
                reject: ['awaitingAcceptance', 'extensionRejection'],
              }),
              extended: {
                meta: awaiting({
                  status: 'in_construction',
                  task: task({ id: 'acceptance', title: '组织验收（已延期）', department: '@builder', article: art(23), actions: ['pass', 'fail'] }),
                  deadline: {
                    id: 'extendedAcceptance',
                    title: '延期后的验收期限',
                    article: art(23),
                    period: { unit: 'onDate' },
                    start: 'records.extensionRequest.acceptBy',
                  },
                }),
                on: {
                  ...accepted(),
                  'deadline.extendedAcceptance': {
                    actions: orderRectification({ by: 'bigData', reason: '延期后仍未验收', article: art(23) }),
                  },
                },
              },
              rectifying: {
                meta: awaiting({
                  status: 'rectification',
                  task: task({ id: 'acceptance', title: '整改后重新验收', department: '@builder', article: art(23), actions: ['pass', 'fail'] }),
                  deadline: {
                    id: 'acceptanceRectification',
                    title: '整改方案确定的整改期限',
                    article: art(23),
                    period: { unit: 'onDate' },
                    start: 'records.failedAcceptance.rectifyBy',
                  },
                }),
                on: {
                  ...accepted(true),
                  'deadline.acceptanceRectification': {
                    actions: orderRectification({ by: 'bigData', reason: '验收整改逾期未完成', article: art(35) }),
                  },
                },
              },
              operation,
              decommissioning: decision({
                description: '停用前做好数据和资产评估，备份、迁移或销毁，并向市大数据局、市财政局备案（第三十八条）',
                status: 'in_operation',
                task: task({ id: 'decommissionFiling', title: '停用备案', department: 'bigData', article: art(38), actions: ['approve', 'reject'] }),
                approve: recorded({
                  target: '#laizhou.decommissioned',
                  as: 'decommissioned',
                  then: [notify({ to: 'finance', message: '停用备案及资产报废处置', article: art(38) })],
                }),
                reject: ['operation', 'decommissionRejection'],
              }),
            },
          }),
          supervision: supervisionRegion({
            machineId: 'laizhou',
            article: art(35),
            supervisors: ['bigData', 'finance', 'audit'],
            authority: 'bigData',
            chain: [{ level: 'funds_suspended', title: '暂缓支付剩余资金', escalateTo: 'bigData', notify: { to: 'finance', message: '暂缓支付剩余资金' } }],
          }),
        },
      }),
      rejected: titled('论证评审、审批或核准未通过', art(9), {
        type: 'final',
        description: '论证评审、审批或核准未通过（第九条）',
        meta: { status: 'rejected' },
      }),
      unfunded: titled('未列入年度部门预算', art(6), { type: 'final', description: '未列入年度部门预算（第六条）', meta: { status: 'unfunded' } }),
      terminated: titled('整改后仍达不到要求', art(35), {
        type: 'final',
        description: '整改后仍达不到要求，取消项目建设并收回经费（第三十五条）',
        meta: { status: 'terminated' },
      }),
      decommissioned: titled('停用并备案', art(38), { type: 'final', description: '停用并备案（第三十八条）', meta: { status: 'decommissioned' } }),
    },
  });
};
