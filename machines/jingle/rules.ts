import { isTaskEvent, type ProjectEvent } from '../shared/events.js';
import type { RuleBook } from '../shared/rules.js';
import type { JingleContext } from './context.js';

const declared = (e: ProjectEvent, key: string) => isTaskEvent(e) && e.data?.[key] === true;

/** 静乐's regulatory conditions, each with its article. */
export const rules: RuleBook<JingleContext> = {
  openCompetition: {
    field: 'data.selectedByOpenCompetition',
    article: '静乐 第十六条',
    message: '应通过市场化竞争方式确定项目建设单位',
    holds: (_c, e) => declared(e, 'selectedByOpenCompetition'),
  },
  catalogueInSharingPlatform: {
    field: 'data.catalogueInSharingPlatform',
    article: '静乐 第二十三条',
    message: '项目信息资源目录纳入共享平台目录管理系统是竣工验收的内容',
    holds: (_c, e) => declared(e, 'catalogueInSharingPlatform'),
  },
  secureControllableProducts: {
    field: 'data.secureControllableProducts',
    article: '静乐 第二十四条',
    message: '项目软硬件产品安全可控情况是项目验收的重要内容',
    holds: (_c, e) => declared(e, 'secureControllableProducts'),
  },
};
