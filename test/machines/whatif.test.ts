import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jurisdictions } from '../../machines/index.js';
import { whatIfAll } from '../../machines/whatif.js';

const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/what-if.example.json'), 'utf8')) as {
  application: Record<string, unknown>;
  overrides: Record<string, Record<string, unknown>>;
};
const run = (overrides = example.overrides, date = '2026-11-23') => whatIfAll(Object.values(jurisdictions), example.application, overrides, date);

describe('what-if across the jurisdictions', () => {
  it('answers for every jurisdiction in one result, side by side', () => {
    const results = run();
    expect(results.map((r) => r.name)).toEqual(Object.values(jurisdictions).map((d) => d.name));
    expect(results.every((r) => r.accepted)).toBe(true);
  });

  it('shows the departments and steps each regulation imposes, with articles', () => {
    const [weishan, laizhou] = run();
    expect(weishan!.steps.map((s) => s.task)).toContain('upperLevelReview'); // 3,000,000 yuan ≥ 2,000,000 (第十八条)
    expect(laizhou!.departments).toEqual(expect.arrayContaining(['市发展改革局', '市行政审批服务局', '运营公司']));
    expect(weishan!.deadlines).toContainEqual(expect.objectContaining({ article: '微山 第二十七条', period: { unit: 'workingDays', count: 10 } }));
  });

  it('lists recurring obligations of the applying unit in operation', () => {
    const jingle = run().find((r) => r.jurisdiction === 'jingle')!;
    expect(jingle.obligations.map((o) => o.article)).toContain('静乐 第二十六条');
  });

  it('says which regulations are not in force and which refuse the application, and why', () => {
    const results = run({ ...example.overrides, kundulun: { ...example.overrides.kundulun, applicantKind: 'township' } });
    expect(results.find((r) => r.jurisdiction === 'laizhou')!.regulation.inForce).toBe(false);
    const kundulun = results.find((r) => r.jurisdiction === 'kundulun')!;
    expect(kundulun.accepted).toBe(false);
    expect(kundulun.issues).toEqual([expect.objectContaining({ field: 'application.applicantKind', article: '昆都仑 第二十八条' })]);
  });
});
