import { assign, setup } from 'xstate';
import { awaiting, budgetStep, decision, escalate, escalateAndOrder, notify, orderRectification, record, recorded, resubmission, task } from '../shared/builders.js';
import type { ProjectEvent } from '../shared/events.js';
import { rulesHold, rulesHoldGuard } from '../shared/rules.js';
import { addYears } from '../shared/dates.js';
import { acceptanceOutcomes, fundingReview } from '../shared/steps.js';
import { commonActions, supervisionRegion } from '../shared/supervision.js';
import type { LaizhouApplication } from './application.js';
import type { LaizhouContext } from './context.js';
import { departments } from './departments.js';
import { MAJOR_PROJECT_FROM_YUAN, rules } from './rules.js';

const submit: ['submit'] = ['submit'];
const opsGrounds = ['opsDataShared', 'opsInCatalogue', 'opsSecure', 'opsPerformance'];
/** Acceptance into operation, with the third-party software test report from 5,000,000 yuan (第二十三条). */
const accepted = (again = false) =>
  acceptanceOutcomes({ pass: 'operation', guard: rulesHold('softwareTestReport'), then: ['startOperation'], fail: 'rectifying', reenter: again });

/**
 * A joint review (联合论证评审) as one parallel region per department: all must approve, any
 * rejection is decisive, any return sends the package back to the proposer (第九条).
 */
function jointReview(reviewers: Array<keyof typeof departments>, article: string, next: string, revision: string) {
  const names = reviewers.map((d) => departments[d].name).join('、');
  return {
    type: 'parallel' as const,
    description: `${names}共同组织论证评审：均须同意，任一部门不同意即不予通过（${article}）`,
    meta: { status: 'under_review' as const },
    onDone: { target: next },
    states: Object.fromEntries(
      reviewers.map((d) => [
        d,
        {
          initial: 'pending',
          states: {
            pending: {
              meta: awaiting('under_review', task(`${d}Review`, `${departments[d].name}论证评审`, d, article, ['approve', 'reject', 'return'])),
              on: {
                [`${d}Review.approve`]: { target: 'approved', actions: record(`${d}Review`) },
                [`${d}Review.reject`]: { target: '#laizhou.rejected', actions: record('rejection') },
                [`${d}Review.return`]: { target: revision, actions: record('reviewReturn') },
              },
            },
            approved: { type: 'final' as const },
          },
        },
      ]),
    ),
  };
}

/** The proposer revises and the whole joint review starts again. */
const revision = (back: string) => resubmission(undefined, task('revision', '按论证评审意见修改申报材料', '@proposer', '莱州 第十条', submit), back);

/** Ops fee or operating subsidy: 大数据局 review, leading-group approval, then 财政局 (第二十九条). */
function opsFunding(kind: 'opsFee' | 'subsidy', title: string) {
  const step = (state: string, id: string, name: string, department: string, approved: string) => ({
    state,
    task: task(id, name, department, '莱州 第二十九条', ['approve', 'reject']),
    approved,
    rejected: `${kind}Rejection`,
  });
  return fundingReview({
    offer: task(kind, `申请${title}`, '@builder', '莱州 第二十九条', submit),
    guard: rulesHold(...(kind === 'opsFee' ? ['freeMaintenanceOver', 'opsFeeCap'] : []), ...opsGrounds),
    description: `有第二十六条所列情形的不安排运行维护经费${kind === 'opsFee' ? '；免费运维期不少于3年，每年不超过建设总投入的10%（第二十九条）' : ''}`,
    as: `${kind}Request`,
    steps: [
      step('bigDataReview', `${kind}Review`, `${title}审核`, 'bigData', `${kind}Review`),
      step('leadingGroup', `${kind}Approval`, `${title}审批`, 'leadingGroup', `${kind}Approval`),
      step('finance', `${kind}Budget`, `${title}列入预算`, 'finance', `${kind}Budget`),
    ],
  });
}

/**
 * 莱州市政务信息化项目管理办法（试行） (莱政办发〔2022〕6号) as a statechart: 政务治理类, 公共服务类 and
 * 市场运营类 as sibling branches with their joint reviews and builders (第八、九条); budget on a cost
 * evaluation (第十条), adjustments only before procurement (第十九条), supervision and software test
 * from 5,000,000 yuan (第二十三条), year-end performance reports (第二十四条), acceptance within half a
 * year or an extension, a standard within a year (第十五条), self-evaluation within 12 months (第三十四条),
 * ops funding per class (第二十六、二十九条), decommissioning (第三十八条) and 第三十五条's chain.
 */
export const createLaizhouMachine = () =>
  setup({
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
    needsStandard: ({ context }) => context.application.totalBudget >= MAJOR_PROJECT_FROM_YUAN,
  },
  actions: {
    ...commonActions<LaizhouContext & { proposer: 'applicant' | 'operator' }>('莱州 第三十五条'),
    openReportYear: assign(({ context }) => ({ construction: { reportDue: `${String(context.records.contract?.signedOn).slice(0, 4)}-12-31` } })),
    nextReportYear: assign(({ context }) => ({ construction: { reportDue: addYears(context.construction!.reportDue, 1) } })),
    startOperation: assign(({ context }) => ({ operation: { since: String(context.records.acceptance?.acceptedOn) } })),
  },
}).createMachine({
  id: 'laizhou',
  description: '莱州市政务信息化项目管理办法（试行）（莱政办发〔2022〕6号），2022-09-29至2024-09-28',
  context: ({ input }) => ({
    projectId: input.projectId,
    application: input.application,
    records: {},
    builder: input.application.projectClass === 'governance' ? 'applicant' : 'operator',
    proposer: input.application.proposedBy,
  }),
  initial: 'intake',
  states: {
    intake: {
      always: [
        { guard: 'isGovernance', target: 'governance', description: '政务治理类（第八条第一项）' },
        { guard: 'isPublicService', target: 'publicService', description: '公共服务类（第八条第二项）' },
        { target: 'market', description: '市场运营类（第八条第三项）' },
      ],
    },
    governance: {
      description: '政务治理类：市大数据局会同市财政局论证评审，需求单位作为建设和使用单位，分批次政府采购（第九条）',
      initial: 'review',
      states: {
        review: jointReview(['bigData', 'finance'], '莱州 第九条', '#laizhou.project', '#laizhou.governance.revision'),
        revision: revision('#laizhou.governance.review'),
      },
    },
    publicService: {
      description: '公共服务类：市大数据局会同市财政局、市发展改革局论证，报市行政审批服务局审批，运营公司招投标建设运营（第九条）',
      initial: 'review',
      states: {
        review: jointReview(['bigData', 'finance', 'ndrc'], '莱州 第九条', '#laizhou.publicService.adminApproval', '#laizhou.publicService.revision'),
        adminApproval: decision(undefined, 'awaiting_approval', task('adminApproval', '市行政审批服务局审批', 'adminApproval', '莱州 第九条', ['approve', 'reject']), {
          approve: '#laizhou.project',
          reject: '#laizhou.rejected',
        }),
        revision: revision('#laizhou.publicService.review'),
      },
    },
    market: {
      description: '市场运营类：需求单位或运营公司提出建设方案，市大数据局、市财政局核准，报属地审批主管部门备案，运营公司建设使用（第九条）',
      initial: 'review',
      states: {
        review: jointReview(['bigData', 'finance'], '莱州 第九条', '#laizhou.market.localFiling', '#laizhou.market.revision'),
        localFiling: decision(undefined, 'awaiting_approval', task('localFiling', '属地审批主管部门备案', 'localApproval', '莱州 第九条', ['approve']), {
          approve: '#laizhou.project',
        }),
        revision: revision('#laizhou.market.review'),
      },
    },
    project: {
      type: 'parallel',
      entry: notify('bigData', '项目集中备案', '莱州 第九条'),
      states: {
        lifecycle: {
          initial: 'funding',
          states: {
            funding: {
              always: [
                { guard: 'isMarket', target: 'procurement', description: '市场运营类由运营公司利用市场化手段提供资金（第八条第三项）' },
                { target: 'budgeting' },
              ],
            },
            budgeting: budgetStep({ machineId: 'laizhou', description: '未经评审的项目不得列入年度部门预算（第六条）；造价评估报告作为预算编制依据（第十条）', title: '预算安排', article: '莱州 第六条', next: 'procurement', guard: rulesHold('costEvaluation') }),
            procurement: {
              description: '政府采购或在公共资源交易中心招投标（第九、二十条）；500万元及以上实行工程监理（第二十三条）',
              meta: awaiting('procurement', task('procurement', '采购或招投标并签订合同', '@builder', '莱州 第二十条', submit), undefined, [
                task('adjustment', '采购前申请调整建设内容', '@builder', '莱州 第十九条', submit),
              ]),
              on: {
                'procurement.submit': {
                  target: 'construction',
                  guard: rulesHold('supervisionFrom5M', 'tenderAtTradingCentre'),
                  actions: [record('contract'), 'openReportYear'],
                },
                'adjustment.submit': {
                  target: 'adjustmentReview',
                  guard: rulesHold('adjustmentGoalUnchanged', 'adjustmentWithinEstimate', 'adjustmentShare'),
                  description: '采购前、不超预算、主要目标不变、调整不超过概算总投资15%且符合三种情形之一，方可申请调整（第十九条）',
                  actions: record('adjustment'),
                },
              },
            },
            adjustmentReview: decision(undefined, 'change_review', task('adjustmentReview', '调整申请审核', 'bigData', '莱州 第十九条', ['approve', 'reject']), {
              approve: ['procurement', 'adjustmentApproval'],
              reject: ['procurement', 'adjustmentRejection'],
            }),
            construction: {
              description: '建设期内每年年底前向项目审批部门提交绩效评价报告（第二十四条）',
              meta: awaiting(
                'in_construction',
                task('performanceReport', '年度绩效评价报告', '@builder', '莱州 第二十四条', submit),
                { id: 'performanceReport', title: '每年年底前提交绩效评价报告', article: '莱州 第二十四条', period: { unit: 'onDate' }, start: 'construction.reportDue' },
                [task('completion', '报告项目竣工', '@builder', '莱州 第二十三条', submit)],
              ),
              on: {
                'performanceReport.submit': { target: 'construction', reenter: true, actions: [record('performanceReport'), 'nextReportYear'] },
                'deadline.performanceReport': {
                  actions: escalateAndOrder('bigData', '建设期年度绩效评价报告逾期未提交', '莱州 第二十四条'),
                },
                'completion.submit': { target: 'awaitingAcceptance', actions: record('completion') },
              },
            },
            awaitingAcceptance: {
              description: '竣工后半年内验收，否则申请延期（第二十三条）',
              meta: awaiting(
                'in_construction',
                task('acceptance', '组织验收', '@builder', '莱州 第二十三条', ['pass', 'fail']),
                { id: 'acceptance', title: '竣工后半年内验收', article: '莱州 第二十三条', period: { unit: 'months', count: 6 }, start: 'records.completion.completedOn' },
                [task('extension', '申请延期验收', '@builder', '莱州 第二十三条', submit)],
              ),
              on: {
                ...accepted(),
                'extension.submit': { target: 'extensionReview', actions: record('extensionRequest') },
                'deadline.acceptance': {
                  actions: escalateAndOrder('bigData', '竣工后半年内未验收且未申请延期', '莱州 第二十三条'),
                },
              },
            },
            extensionReview: decision(undefined, 'in_construction', task('extensionReview', '延期验收审核', 'bigData', '莱州 第二十三条', ['approve', 'reject']), {
              approve: ['extended', 'extension'],
              reject: ['awaitingAcceptance', 'extensionRejection'],
            }),
            extended: {
              meta: awaiting('in_construction', task('acceptance', '组织验收（已延期）', '@builder', '莱州 第二十三条', ['pass', 'fail']), {
                id: 'extendedAcceptance',
                title: '延期后的验收期限',
                article: '莱州 第二十三条',
                period: { unit: 'onDate' },
                start: 'records.extensionRequest.acceptBy',
              }),
              on: {
                ...accepted(),
                'deadline.extendedAcceptance': {
                  actions: orderRectification('bigData', '延期后仍未验收', '莱州 第二十三条'),
                },
              },
            },
            rectifying: {
              meta: awaiting('rectification', task('acceptance', '整改后重新验收', '@builder', '莱州 第二十三条', ['pass', 'fail']), {
                id: 'acceptanceRectification',
                title: '整改方案确定的整改期限',
                article: '莱州 第二十三条',
                period: { unit: 'onDate' },
                start: 'records.failedAcceptance.rectifyBy',
              }),
              on: {
                ...accepted(true),
                'deadline.acceptanceRectification': {
                  actions: orderRectification('bigData', '验收整改逾期未完成', '莱州 第三十五条'),
                },
              },
            },
            operation: {
              type: 'parallel',
              description: '投入使用（第二十九、三十四条）；已无使用价值的制定停用方案（第三十八条）',
              meta: { status: 'in_operation', offers: [task('decommission', '停用方案及数据资产处置', '@builder', '莱州 第三十八条', submit)] },
              on: { 'decommission.submit': { target: 'decommissioning', actions: record('decommissionPlan') } },
              states: {
                evaluation: {
                  initial: 'due',
                  states: {
                    due: {
                      meta: awaiting('in_operation', task('selfEvaluation', '投入使用后自评', '@builder', '莱州 第三十四条', submit), {
                        id: 'selfEvaluation',
                        title: '竣工并投入使用后12个月内开展自评',
                        article: '莱州 第三十四条',
                        period: { unit: 'months', count: 12 },
                        start: 'operation.since',
                      }),
                      on: {
                        'selfEvaluation.submit': { target: 'done', actions: record('selfEvaluation') },
                        'deadline.selfEvaluation': {
                          actions: escalateAndOrder('bigData', '投入使用后12个月内未开展自评', '莱州 第三十四条'),
                        },
                      },
                    },
                    done: {},
                  },
                },
                standard: {
                  initial: 'check',
                  states: {
                    check: {
                      always: [
                        { guard: 'needsStandard', target: 'due', description: '总投资500万元以上的项目同步编制市级及以上工程标准或团体标准（第十五条）' },
                        { target: 'notRequired' },
                      ],
                    },
                    due: {
                      meta: {
                        task: task('standard', '发布工程标准或团体标准', '@builder', '莱州 第十五条', submit),
                        deadline: { id: 'standard', title: '验收后1年内完成标准发布', article: '莱州 第十五条', period: { unit: 'years', count: 1 }, start: 'operation.since' },
                      },
                      on: {
                        'standard.submit': { target: 'published', actions: record('standard') },
                        'deadline.standard': { actions: escalate('bigData', '验收后1年内未发布标准', '莱州 第十五条') },
                      },
                    },
                    published: {},
                    notRequired: {},
                  },
                },
                funding: {
                  initial: 'byClass',
                  states: {
                    byClass: {
                      always: [
                        { guard: 'isGovernance', target: 'opsFee', description: '政务治理类：免费运维期满后申请运维费（第二十九条）' },
                        { guard: 'isPublicService', target: 'subsidy', description: '公共服务类：年度运营补助经费（第二十九条）' },
                        { target: 'selfFunded', description: '市场运营类：运营公司市场化运营' },
                      ],
                    },
                    opsFee: opsFunding('opsFee', '运维费用'),
                    subsidy: opsFunding('subsidy', '年度运营补助经费'),
                    selfFunded: {},
                  },
                },
              },
            },
            decommissioning: decision(
              '停用前做好数据和资产评估，备份、迁移或销毁，并向市大数据局、市财政局备案（第三十八条）',
              'in_operation',
              task('decommissionFiling', '停用备案', 'bigData', '莱州 第三十八条', ['approve', 'reject']),
              { approve: recorded('#laizhou.decommissioned', 'decommissioned', [notify('finance', '停用备案及资产报废处置', '莱州 第三十八条')]), reject: ['operation', 'decommissionRejection'] },
            ),
          },
        },
        supervision: supervisionRegion({
          machineId: 'laizhou',
          article: '莱州 第三十五条',
          supervisors: ['bigData', 'finance', 'audit'],
          authority: 'bigData',
          chain: [{ level: 'funds_suspended', title: '暂缓支付剩余资金', escalateTo: 'bigData', notify: { to: 'finance', message: '暂缓支付剩余资金' } }],
        }),
      },
    },
    rejected: { type: 'final', description: '论证评审、审批或核准未通过（第九条）', meta: { status: 'rejected' } },
    unfunded: { type: 'final', description: '未列入年度部门预算（第六条）', meta: { status: 'unfunded' } },
    terminated: { type: 'final', description: '整改后仍达不到要求，取消项目建设并收回经费（第三十五条）', meta: { status: 'terminated' } },
    decommissioned: { type: 'final', description: '停用并备案（第三十八条）', meta: { status: 'decommissioned' } },
  },
});
