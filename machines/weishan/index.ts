import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createWeishanMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 微山县 on one version of its chart (v2: materials carry uploaded files, issue 21). */
const definition = (version: 1 | 2): JurisdictionDefinition =>
  lazy(createWeishanMachine, {
    id: 'weishan',
    name: '微山县',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 微山县: chart, departments, intake schema, payloads and rules. */
export const weishan = definition(2);

/** 微山县's chart v1, for projects started on it (materials by 文号 only, no uploaded files). */
export const weishanV1 = definition(1);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: weishan,
  older: [weishanV1],
  order: 1,
  serviceLevels: {
    // 限期整改 and each further step of 第四十条's chain: the limit 县大数据局 sets by default.
    rectification: 15,
    sanctionStep: 10,
    requirementsReview: 15,
    technicalReview: 15,
  },
};
