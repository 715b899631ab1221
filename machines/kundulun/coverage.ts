import type { CoverageNotes } from '../shared/intake.js';

/** How many articles 昆都仑区's regulation has, and why an article has no process step (docs/coverage.md). */
export const coverage: CoverageNotes = {
  articles: 29,
  reasons: {
    1: '目的和依据',
    3: '建设原则，无流程步骤',
    7: '达到一定额度履行立项手续：额度按相关规定，本办法未规定',
    13: '原则上不再进行节能评估等审批：豁免，无步骤',
    14: '区政数局统筹基础设施建设：职责',
    15: '依托已有网络和云服务建设：建设要求（负面清单第十条第（三）项体现）',
    17: '网络安全、等级保护、信创产品：单位义务',
    18: '商用密码“三同步”：单位义务',
    24: '接受监督、如实提供资料：义务性规定',
    26: '审计和评价结果应用',
    27: '违规追责',
  },
};
