import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createXichuanMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 淅川县 on one version of its chart (see createXichuanMachine for what each version changed). */
const definition = (version: 1 | 2 | 3): JurisdictionDefinition =>
  lazy(() => createXichuanMachine(version), {
    id: 'xichuan',
    name: '淅川县',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 淅川县: chart, departments, intake schema, payloads and rules. */
export const xichuan = definition(3);

/** 淅川县's chart v1, for projects started on it (县政府 approved the reserve directly after the review). */
export const xichuanV1 = definition(1);

/** The chart v2, for projects started on it (materials by 文号 only, no uploaded files; v3 takes files, issue 21). */
export const xichuanV2 = definition(2);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: xichuan,
  older: [xichuanV1, xichuanV2],
  order: 3,
};
