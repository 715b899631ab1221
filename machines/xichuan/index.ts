import { lazy, type JurisdictionDefinition } from '../shared/definition.js';
import type { RuleBook } from '../shared/rules.js';
import { departments } from './departments.js';
import { createXichuanMachine } from './machine.js';
import { rules } from './rules.js';

/** 淅川县: chart, departments, intake schema, payloads and rules. */
export const xichuan: JurisdictionDefinition = lazy(createXichuanMachine, {
  id: 'xichuan',
  name: '淅川县',
  regulation: {
    title: '淅川县政务信息化项目建设管理办法（暂行）',
    document: '淅政办〔2025〕6号',
    issued: '2025-08-29',
    validFrom: '2025-08-29',
    // 试行两年, from the day of issue.
    validUntil: '2027-08-28',
    validityArticle: '淅川 第三十八条',
  },
  version: 1,
  departments,
  rules: rules as RuleBook<never>,
});
