import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createLaizhouMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 莱州市 on one version of its chart (see createLaizhouMachine for what each version changed). */
const definition = (version: 1 | 2 | 3): JurisdictionDefinition =>
  lazy(() => createLaizhouMachine(version), {
    id: 'laizhou',
    name: '莱州市',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 莱州市: chart, departments, intake schema, payloads and rules. */
export const laizhou = definition(3);

/** 莱州市's chart v1, for projects started on it (no route for adjustments beyond 第十九条's conditions). */
export const laizhouV1 = definition(1);

/** The chart v2, for projects started on it (materials by 文号 only, no uploaded files; v3 takes files, issue 21). */
export const laizhouV2 = definition(2);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: laizhou,
  older: [laizhouV1, laizhouV2],
  order: 2,
};
