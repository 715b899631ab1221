import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createKundulunMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 昆都仑区: chart, departments, intake schema, payloads and rules. */
export const kundulun: JurisdictionDefinition = lazy(createKundulunMachine, {
  id: 'kundulun',
  name: '昆都仑区',
  regulation,
  version: 1,
  departments,
  rules: rules as RuleBook<never>,
});

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: kundulun,
  order: 5,
};
