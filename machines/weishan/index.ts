import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createWeishanMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 微山县: chart, departments, intake schema, payloads and rules. */
export const weishan: JurisdictionDefinition = lazy(createWeishanMachine, {
  id: 'weishan',
  name: '微山县',
  regulation,
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
