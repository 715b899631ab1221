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
  resubmission,
  submit,
  task,
  titled,
  upgradeable,
} from '../shared/builders.js';
import type { ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import { acceptanceOutcomes, filingStep, yearlySelfEvaluation } from '../shared/steps.js';
import { commonActions, projectContext, supervisionRegion } from '../shared/supervision.js';
import type { JingleApplication } from './application.js';
import type { Article } from '../shared/articles.js';
import type { JingleContext } from './context.js';
import { art } from './regulation.js';
import { rules } from './rules.js';

const WITHHELD = '暂不拨付后续建设资金和运行维护经费';
const overdue = (reason: string, article: Article) => [
  escalate({ to: 'infoBureau', reason, article }),
  // 对未备案的项目，不得拨付后续建设资金和运行维护经费 (第二十五条).
  notify({ to: 'finance', message: `${reason}：${WITHHELD}`, article: art(25) }),
  orderRectification({ by: 'infoBureau', reason, article }),
];
const acceptance = task({ id: 'acceptance', title: '竣工验收', department: 'applicant', article: art(22), actions: ['pass', 'fail'] });
const passGuard = rulesHold('catalogueInSharingPlatform', 'secureControllableProducts');
const supervisorFiling = task({ id: 'supervisorFiling', title: '监理单位备案', department: 'applicant', article: art(21), actions: submit });

/**
 * 静乐县政务信息化项目建设应用管理办法 as a statechart: 审核 (or 前置审查) by 县政务信息管理局 and the
 * county government's approval, 预算审定 and 公示, open competition and filings, construction with
 * adjustments, acceptance and its filing, yearly self-evaluation, and 第二十八条's supervision chain.
 *
 * Versions: 1 as first released; 2 applies 第二十五条 to all three filings it names: while the
 * supervision unit's filing (which has no time limit) or an overdue contract or acceptance-report
 * filing is missing, the project's funds are withheld and 县财政局 hears when the filing arrives.
 */
export const createJingleMachine = (version: 1 | 2 | 3 = 3) => {
  const v2 = version >= 2;
  /** Funds withheld while a filing of 第二十五条 is missing (v2). */
  const withheld = v2 ? { overdue: { sanction: 'funds_withheld' as const } } : {};
  /** 县财政局 hears that a filing 第二十五条 waited for has arrived (v2). */
  const filed = (what: string) => (v2 ? { lateThen: [notify({ to: 'finance', message: `${what}已补办备案`, article: art(25) })] } : {});
  return setup({
    types: {} as { context: JingleContext; events: ProjectEvent; input: { projectId: string; application: JingleApplication } },
    guards: {
      rulesHold: rulesHoldGuard(rules),
      needsPreReview: ({ context }) => !context.application.inAnnualPlan || context.application.newDepartment,
    },
    actions: {
      ...commonActions<JingleContext>(art(28)),
      startOperation: assign(({ context }) => ({
        operation: { budgetYearEnd: `${String(context.records.acceptance?.acceptedOn).slice(0, 4)}-12-31` },
      })),
      /** Each report closes one budget year; the next is due after the following year ends (第二十六条). */
      nextBudgetYear: assign(({ context }) => ({ operation: { budgetYearEnd: addYears(context.operation!.budgetYearEnd, 1) } })),
    },
  }).createMachine({
    id: 'jingle',
    description: '静乐县政务信息化项目建设应用管理办法',
    context: ({ input }) => projectContext(input),
    initial: 'intake',
    states: {
      intake: titled('受理', {
        always: [
          { guard: 'needsPreReview', target: 'preReview', description: '新设立部门或未纳入规划的项目先行前置审查（第十一条）' },
          { target: 'review', description: '纳入年度计划的项目报县政务信息管理局审核（第七、八、十一条）' },
        ],
      }),
      preReview: decision({
        description: '前置审查：按政务信息系统整合共享和政务服务平台对接要求（第十一条）',
        status: 'under_review',
        task: task({ id: 'preReview', title: '前置审查', department: 'infoBureau', article: art(11), actions: ['approve', 'reject'] }),
        approve: 'countyApproval',
        reject: 'rejected',
      }),
      review: decision({
        description: '审核需求合理性、建设集约性、方案可行性、预算合理性、绩效目标合理性，提出审核意见（第十一条）',
        status: 'under_review',
        task: task({ id: 'review', title: '项目审核', department: 'infoBureau', article: art(11), actions: ['approve', 'reject', 'return'] }),
        approve: 'countyApproval',
        returnTo: ['revision', 'reviewReturn'],
        reject: 'rejected',
      }),
      revision: resubmission({
        task: task({ id: 'revision', title: '按审核意见修改申请材料', department: 'applicant', article: art(8), actions: submit }),
        target: 'review',
      }),
      countyApproval: decision({
        description: '审核意见报县政府同意后批复（第十一条）',
        status: 'awaiting_approval',
        task: task({ id: 'countyApproval', title: '县政府批复', department: 'countyGovernment', article: art(11), actions: ['approve', 'reject'] }),
        approve: 'project',
        reject: 'rejected',
      }),
      project: titled('已立项', {
        type: 'parallel',
        states: {
          lifecycle: titled('建设与运行', {
            initial: 'budgeting',
            states: {
              budgeting: budgetStep({
                machineId: 'jingle',
                description: '县财政局对审核通过的项目进行预算审定（第十三条）',
                title: '预算审定',
                article: art(13),
                next: 'publicity',
              }),
              publicity: {
                description: '项目预算确定后，县政务信息管理局会同县财政局对资金拟分配计划进行公示（第十四条）',
                meta: awaiting({
                  status: 'budgeting',
                  task: task({ id: 'publicity', title: '资金拟分配计划公示', department: 'infoBureau', article: art(14), actions: ['approve'] }),
                }),
                on: { 'publicity.approve': { target: 'procurement', actions: record('publicity') } },
              },
              procurement: upgradeable({
                description: '通过市场化竞争方式确定项目建设单位并签订合同（第十六条）',
                meta: awaiting({
                  status: 'procurement',
                  task: task({ id: 'procurement', title: '确定项目建设单位并签订合同', department: 'applicant', article: art(16), actions: submit }),
                }),
                on: { 'procurement.submit': { target: 'contractFiling', guard: rulesHold('openCompetition'), actions: record('contract') } },
              }),
              ...filingStep({
                id: 'contractFiling',
                status: 'contract_filing',
                description: '签订正式合同5个工作日内将合同文本报县政务信息管理局备案（第十八条）',
                title: '合同备案',
                article: art(18),
                deadline: { title: '签订正式合同5个工作日内备案', period: { unit: 'workingDays', count: 5 }, start: 'records.contract.signedOn' },
                next: 'supervisorFiling',
                as: 'contractFiling',
                missed: { actions: overdue('合同逾期未备案', art(18)) },
                ...withheld,
                ...filed('建设合同'),
              }),
              supervisorFiling: v2
                ? {
                    description:
                      '通过市场化机制确定项目监理单位，并向县政务信息管理局备案（第二十一条）；未备案的不得拨付后续建设资金和运行维护经费（第二十五条）',
                    entry: notify({ to: 'finance', message: `项目监理单位尚未备案：${WITHHELD}`, article: art(25) }),
                    meta: {
                      ...awaiting({ status: 'in_construction', task: supervisorFiling }),
                      sanction: 'funds_withheld' as const,
                    },
                    on: {
                      'supervisorFiling.submit': {
                        target: 'construction',
                        actions: [record('supervisor'), notify({ to: 'finance', message: '项目监理单位已备案', article: art(25) })],
                      },
                    },
                  }
                : {
                    description: '通过市场化机制确定项目监理单位，并向县政务信息管理局备案（第二十一条）',
                    meta: awaiting({ status: 'in_construction', task: supervisorFiling }),
                    on: { 'supervisorFiling.submit': { target: 'construction', actions: record('supervisor') } },
                  },
              construction: upgradeable({
                description: '建设实施，在管理平台填报进展（第十九、二十条）',
                meta: awaiting({
                  status: 'in_construction',
                  task: acceptance,
                  offers: [task({ id: 'adjustment', title: '调整申请', department: 'applicant', article: art(20), actions: submit })],
                }),
                on: {
                  'adjustment.submit': { target: 'adjustmentReview', actions: record('adjustment') },
                  ...acceptanceOutcomes({ pass: 'acceptanceFiling', guard: passGuard, fail: 'rectifying' }),
                },
              }),
              adjustmentReview: decision({
                description: '建设条件、建设内容发生重大变化的调整申请，县政务信息管理局综合评估后提出意见（第二十条）',
                status: 'change_review',
                task: task({ id: 'adjustmentReview', title: '调整申请评估', department: 'infoBureau', article: art(20), actions: ['approve', 'reject'] }),
                approve: ['construction', 'adjustmentApproval'],
                reject: ['construction', 'adjustmentRejection'],
              }),
              rectifying: {
                description: '验收未通过，整改后重新验收（第二十二条）',
                meta: awaiting({
                  status: 'rectification',
                  task: task({ id: 'reAcceptance', title: '整改后重新验收', department: 'applicant', article: art(22), actions: ['pass', 'fail'] }),
                }),
                on: {
                  ...acceptanceOutcomes({ task: 'reAcceptance', pass: 'acceptanceFiling', guard: passGuard, fail: 'rectifying', reenter: true }),
                },
              },
              ...filingStep({
                id: 'acceptanceFiling',
                status: 'acceptance_filing',
                description: '竣工验收后30个工作日内将竣工验收报告报县政务信息管理局备案（第二十五条）',
                title: '验收报告备案',
                article: art(25),
                deadline: { title: '竣工验收后30个工作日内备案', period: { unit: 'workingDays', count: 30 }, start: 'records.acceptance.acceptedOn' },
                next: 'operation',
                as: 'acceptanceFiling',
                then: ['startOperation'],
                missed: { actions: overdue('验收报告逾期未备案', art(25)) },
                ...withheld,
                ...filed('竣工验收报告'),
              }),
              operation: titled('年度预算结束后开展项目自评价', art(26), {
                description: '年度预算结束后开展项目自评价，5个工作日内报送备案（第二十六条）',
                ...yearlySelfEvaluation({
                  title: '年度自评价报告备案',
                  article: art(26),
                  deadline: { title: '年度预算结束后5个工作日内报送自评价报告', period: { unit: 'workingDays', count: 5 }, start: 'operation.budgetYearEnd' },
                  nextYear: 'nextBudgetYear',
                  missed: escalateAndOrder({ by: 'infoBureau', reason: '自评价报告逾期未报送', article: art(26) }),
                }),
              }),
            },
          }),
          supervision: supervisionRegion({
            machineId: 'jingle',
            article: art(28),
            supervisors: ['infoBureau'],
            authority: 'infoBureau',
            chain: [
              {
                level: 'funds_suspended',
                title: '通知财政部门暂停拨付项目建设和运维资金',
                escalateTo: 'infoBureau',
                notify: { to: 'finance', message: '暂停拨付项目建设和运维资金' },
              },
            ],
          }),
        },
      }),
      rejected: titled('未通过', art(11), { type: 'final', description: '审核、前置审查或县政府批复未通过（第十一条）', meta: { status: 'rejected' } }),
      unfunded: titled('县财政局未予预算审定', art(13), { type: 'final', description: '县财政局未予预算审定（第十三条）', meta: { status: 'unfunded' } }),
      terminated: titled('拒不整改或整改后仍不符合要求', art(28), {
        type: 'final',
        description: '拒不整改或整改后仍不符合要求，终止项目（第二十八条）',
        meta: { status: 'terminated' },
      }),
    },
  });
};
