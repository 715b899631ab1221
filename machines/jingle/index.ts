import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createJingleMachine } from './machine.js';
import { regulation } from './regulation.js';
import { rules } from './rules.js';

/** 静乐县 on one version of its chart (see createJingleMachine for what each version changed). */
const definition = (version: 1 | 2 | 3): JurisdictionDefinition =>
  lazy(() => createJingleMachine(version), {
    id: 'jingle',
    name: '静乐县',
    regulation,
    version,
    departments,
    rules: rules as RuleBook<never>,
  });

/** 静乐县: chart, departments, intake schema, payloads and rules. */
export const jingle = definition(3);

/** 静乐县's chart v1, for projects started on it (第二十五条 withheld funds only for late contract and acceptance filings). */
export const jingleV1 = definition(1);

/** The chart v2, for projects started on it (materials by 文号 only, no uploaded files; v3 takes files, issue 21). */
export const jingleV2 = definition(2);

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: jingle,
  older: [jingleV1, jingleV2],
  order: 4,
};
