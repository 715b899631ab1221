import type { Article } from '../shared/articles.js';
import { awaiting, decision, record, recorded, resubmission, submit, task, titled, upgradeable } from '../shared/builders.js';
import { art } from './regulation.js';

/** One approval by 县发改委 (第九条) or another department, moving on to `next`. */
const approval = (
  id: string,
  title: string,
  department: string,
  article: Article,
  next: string,
  status: 'awaiting_approval' | 'under_review' = 'awaiting_approval',
) =>
  decision({
    description: `${title}（${article.local()}）`,
    status,
    task: task({ id, title, department, article, actions: ['approve', 'reject'] }),
    approve: next,
    reject: '#xichuan.rejected',
  });

/**
 * From application to the project: 审查 by 县行政审批和政务信息管理局 (第七条), then the investment
 * branch (储备库, 项目建议书 → 可研 → 初步设计, 投资计划 and 实施意见, 第七、九、十一条), the service branch
 * (第七条) and temporary assignments (第八条). Version 2 follows 第七条's order for the investment
 * branch: 县发改委 takes up the reviewed project and submits it, and 县政府 approves it into the
 * reserve after that (v1 had 县政府 approve directly after the review).
 */
export function approvalStates(version: 1 | 2 | 3) {
  const v2 = version >= 2;
  const investmentStages = {
    reserve: approval('reserve', '县政府批准列入政府投资项目储备库', 'countyGovernment', art(7), 'proposal'),
    proposal: approval('proposal', '项目建议书审批', 'ndrc', art(9), 'feasibility'),
    feasibility: approval('feasibility', '可行性研究报告审批', 'ndrc', art(9), 'design'),
    design: approval('design', '初步设计审批', 'ndrc', art(9), 'investmentPlan'),
    investmentPlan: approval('investmentPlan', '下达政府投资项目投资计划', 'ndrc', art(11), 'implementationOpinion'),
    implementationOpinion: approval('implementationOpinion', '出具项目实施意见', 'infoBureau', art(11), '#xichuan.project'),
  };
  return {
    intake: titled('受理', {
      always: [
        { guard: 'isTemporary', target: 'temporary', description: '国家和省、市的临时安排，不在年度建设计划范围内（第八条）' },
        { target: 'infoReview', description: '每年6月底前报送下年度项目（第七条）' },
      ],
    }),
    infoReview: upgradeable(
      decision({
        description: '审查必要性、规模合理性、技术先进性、安全可靠性、集约性，出具项目审查意见（第七条）',
        status: 'under_review',
        task: task({ id: 'infoReview', title: '项目审查', department: 'infoBureau', article: art(7), actions: ['approve', 'reject', 'return'] }),
        approve: [
          { guard: 'isInvestment' as const, target: 'investment', description: '政府投资建设类（第四、七条）', actions: record('infoReview') },
          { target: 'service', description: '政府购买服务类及单纯设备和软件采购（第七条）', actions: record('infoReview') },
        ],
        returnTo: ['revision', 'infoReturn'],
        reject: 'rejected',
      }),
    ),
    revision: upgradeable(
      resubmission({
        task: task({ id: 'revision', title: '按审查意见修改申报材料', department: 'applicant', article: art(7), actions: submit }),
        target: 'infoReview',
      }),
    ),
    investment: titled(
      '政府投资建设类',
      art([7, 9, 11]),
      v2
        ? {
            description:
              '政府投资建设类：县发改委对审查通过的项目报县政府批准后列入储备库，履行项目建议书、可研、初步设计审批，下达投资计划（第七、九、十一条）',
            initial: 'reserveSubmission',
            states: {
              reserveSubmission: {
                description: '县发改委对审查通过的政务信息化项目，报县政府批准（第七条）',
                meta: awaiting({
                  status: 'awaiting_approval',
                  task: task({ id: 'reserveSubmission', title: '报县政府批准列入政府投资项目储备库', department: 'ndrc', article: art(7), actions: submit }),
                }),
                on: { 'reserveSubmission.submit': recorded({ target: 'reserve', as: 'reserveSubmission' }) },
              },
              ...investmentStages,
            },
          }
        : {
            description: '政府投资建设类：报县政府批准列入储备库，履行项目建议书、可研、初步设计审批，下达投资计划（第七、九、十一条）',
            initial: 'reserve',
            states: investmentStages,
          },
    ),
    service: titled('政府购买服务类', art(7), {
      description: '政府购买服务类及单纯设备和软件采购：审查通过、报县政府批准后实施（第七条）',
      initial: 'countyApproval',
      states: { countyApproval: approval('countyApproval', '县政府批准', 'countyGovernment', art(7), '#xichuan.project') },
    }),
    temporary: titled('临时安排', art(8), {
      description: '临时安排：县分管领导同意，技术性审查，县发改委审批，列入当年项目清单（第八条）',
      initial: 'leaderConsent',
      states: {
        leaderConsent: approval('leaderConsent', '县分管领导同意', 'leader', art(8), 'technicalReview'),
        technicalReview: approval('technicalReview', '技术性审查', 'infoBureau', art(8), 'ndrcApproval', 'under_review'),
        ndrcApproval: approval('ndrcApproval', '县发改委审批', 'ndrc', art(8), '#xichuan.project'),
      },
    }),
  } as const;
}
