import { awaiting, escalate, escalateAndOrder, record, submit, task, titled } from '../shared/builders.js';
import { rulesHold } from '../shared/rules.js';
import { fundingReview } from '../shared/steps.js';
import { art } from './regulation.js';

const opsGrounds = ['opsDataShared', 'opsInCatalogue', 'opsSecure', 'opsPerformance'];

/** Ops fee or operating subsidy: 大数据局 review, leading-group approval, then 财政局 (第二十九条). */
function opsFunding(kind: 'opsFee' | 'subsidy', title: string) {
  const step = (state: string, id: string, name: string, department: string, approved: string) => ({
    state,
    task: task({ id, title: name, department, article: art(29), actions: ['approve', 'reject'] }),
    approved,
    rejected: `${kind}Rejection`,
  });
  return fundingReview({
    offer: task({ id: kind, title: `申请${title}`, department: '@builder', article: art(29), actions: submit }),
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
 * Operation (第二十九、三十四条): the self-evaluation within 12 months, a standard within a year from
 * 5,000,000 yuan (第十五条), ops funding by class (第二十六、二十九条), and the offer to decommission (第三十八条).
 */
export const operation = titled('投入使用', art(38), {
  type: 'parallel',
  description: '投入使用（第二十九、三十四条）；已无使用价值的制定停用方案（第三十八条）',
  meta: {
    status: 'in_operation',
    offers: [task({ id: 'decommission', title: '停用方案及数据资产处置', department: '@builder', article: art(38), actions: submit })],
  },
  on: { 'decommission.submit': { target: 'decommissioning', actions: record('decommissionPlan') } },
  states: {
    evaluation: titled('绩效自评价', {
      initial: 'due',
      states: {
        due: {
          meta: awaiting({
            status: 'in_operation',
            task: task({ id: 'selfEvaluation', title: '投入使用后自评', department: '@builder', article: art(34), actions: submit }),
            deadline: {
              id: 'selfEvaluation',
              title: '竣工并投入使用后12个月内开展自评',
              article: art(34),
              period: { unit: 'months', count: 12 },
              start: 'operation.since',
            },
          }),
          on: {
            'selfEvaluation.submit': { target: 'done', actions: record('selfEvaluation') },
            'deadline.selfEvaluation': {
              actions: escalateAndOrder({ by: 'bigData', reason: '投入使用后12个月内未开展自评', article: art(34) }),
            },
          },
        },
        done: titled('已完成', {}),
      },
    }),
    standard: titled('运营服务标准', {
      initial: 'check',
      states: {
        check: titled('核查', {
          always: [
            { guard: 'needsStandard', target: 'due', description: '总投资500万元以上的项目同步编制市级及以上工程标准或团体标准（第十五条）' },
            { target: 'notRequired' },
          ],
        }),
        due: {
          meta: {
            task: task({ id: 'standard', title: '发布工程标准或团体标准', department: '@builder', article: art(15), actions: submit }),
            deadline: {
              id: 'standard',
              title: '验收后1年内完成标准发布',
              article: art(15),
              period: { unit: 'years', count: 1 },
              start: 'operation.since',
            },
          },
          on: {
            'standard.submit': { target: 'published', actions: record('standard') },
            'deadline.standard': { actions: escalate({ to: 'bigData', reason: '验收后1年内未发布标准', article: art(15) }) },
          },
        },
        published: titled('已发布', {}),
        notRequired: titled('无需制定', {}),
      },
    }),
    funding: titled('资金安排', {
      initial: 'byClass',
      states: {
        byClass: titled('按项目类别', {
          always: [
            { guard: 'isGovernance', target: 'opsFee', description: '政务治理类：免费运维期满后申请运维费（第二十九条）' },
            { guard: 'isPublicService', target: 'subsidy', description: '公共服务类：年度运营补助经费（第二十九条）' },
            { target: 'selfFunded', description: '市场运营类：运营公司市场化运营' },
          ],
        }),
        opsFee: titled('运维费用', opsFunding('opsFee', '运维费用')),
        subsidy: titled('运营补贴', opsFunding('subsidy', '年度运营补助经费')),
        selfFunded: titled('自负盈亏', {}),
      },
    }),
  },
});
