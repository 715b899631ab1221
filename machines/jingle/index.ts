import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createJingleMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 静乐县 on one version of its chart (see createJingleMachine for what each version changed). */
const definition = (version: 1 | 2): JurisdictionDefinition =>
  lazy(() => createJingleMachine(version), {
    id: 'jingle',
    name: '静乐县',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 静乐县: chart, departments, intake schema, payloads and rules. */
export const jingle = definition(2);

/** 静乐县's chart v1, for projects started on it (第二十五条 withheld funds only for late contract and acceptance filings). */
export const jingleV1 = definition(1);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: jingle,
  older: [jingleV1],
  order: 4,
};
