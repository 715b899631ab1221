import { declaredRule, type RuleBook } from '../shared/rules.js';
import type { JingleContext } from './context.js';
import { art } from './regulation.js';

/** 静乐's regulatory conditions, each with its article. */
export const rules: RuleBook<JingleContext> = {
  openCompetition: declaredRule('selectedByOpenCompetition', art(16), '应通过市场化竞争方式确定项目建设单位'),
  catalogueInSharingPlatform: declaredRule('catalogueInSharingPlatform', art(23), '项目信息资源目录纳入共享平台目录管理系统是竣工验收的内容'),
  secureControllableProducts: declaredRule('secureControllableProducts', art(24), '项目软硬件产品安全可控情况是项目验收的重要内容'),
};
