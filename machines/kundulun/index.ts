import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { ChartPackage } from '../shared/package.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createKundulunMachine } from './machine.js';
import { rules } from './rules.js';

/** 昆都仑区: chart, departments, intake schema, payloads and rules. */
export const kundulun: JurisdictionDefinition = lazy(createKundulunMachine, {
  id: 'kundulun',
  name: '昆都仑区',
  regulation: {
    shortName: '昆都仑',
    title: '昆都仑区本级政务信息化项目建设管理办法（试行）',
    document: '昆府办发〔2024〕27号',
    issued: '2024-12-28',
    validFrom: '2024-12-28',
    // 自印发之日起施行，有效期两年.
    validUntil: '2026-12-27',
    validityArticle: '昆都仑 第二十九条',
  },
  version: 1,
  departments,
  rules: rules as RuleBook<never>,
});

/** The package the generated registry reads. */
export const chart: ChartPackage = {
  current: kundulun,
  order: 5,
};
