import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createLaizhouMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 莱州市 on one version of its chart (see createLaizhouMachine for what each version changed). */
const definition = (version: 1 | 2): JurisdictionDefinition =>
  lazy(() => createLaizhouMachine(version), {
    id: 'laizhou',
    name: '莱州市',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 莱州市: chart, departments, intake schema, payloads and rules. */
export const laizhou = definition(2);

/** 莱州市's chart v1, for projects started on it (no route for adjustments beyond 第十九条's conditions). */
export const laizhouV1 = definition(1);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: laizhou,
  older: [laizhouV1],
  order: 2,
};
