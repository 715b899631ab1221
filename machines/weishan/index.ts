import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createWeishanMachine } from './machine.js';
import { rules } from './rules.js';

/** 微山县: chart, departments, intake schema, payloads and rules. */
export const weishan: JurisdictionDefinition = lazy(createWeishanMachine, {
  id: 'weishan',
  name: '微山县',
  regulation: {
    shortName: '微山',
    title: '微山县政务信息化项目建设管理办法',
    document: '微政字〔2025〕16号',
    issued: '2025-06-19',
    // 本办法自发布之日起施行.
    validFrom: '2025-06-19',
    validityArticle: '微山 第四十五条',
  },
  version: 1,
  departments,
  rules: rules as RuleBook<never>,
});

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: weishan,
  order: 1,
  serviceLevels: {
    // 限期整改 and each further step of 第四十条's chain: the limit 县大数据局 sets by default.
    rectification: 15,
    sanctionStep: 10,
    requirementsReview: 15,
    technicalReview: 15,
  },
};
