import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createKundulunMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 昆都仑区 on one version of its chart (v2: materials carry uploaded files, issue 21). */
const definition = (version: 1 | 2): JurisdictionDefinition =>
  lazy(createKundulunMachine, {
    id: 'kundulun',
    name: '昆都仑区',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 昆都仑区: chart, departments, intake schema, payloads and rules. */
export const kundulun = definition(2);

/** 昆都仑区's chart v1, for projects started on it (materials by 文号 only, no uploaded files). */
export const kundulunV1 = definition(1);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: kundulun,
  older: [kundulunV1],
  order: 5,
};
