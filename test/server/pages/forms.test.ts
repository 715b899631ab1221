import { describe, expect, it } from 'vitest';
import { intakes } from '../../../machines/intake.js';
import { fieldsOf, readForm, type Field } from '../../../server/pages/forms.js';

const flatten = (fields: Field[]): Field[] => fields.flatMap((f) => (f.kind === 'group' || f.kind === 'rows' ? [f, ...flatten(f.fields)] : [f]));

describe('forms generated from schemas', () => {
  it('gives every field of every application and payload a Chinese label, and every choice a Chinese name', () => {
    const missing: string[] = [];
    for (const [j, intake] of Object.entries(intakes)) {
      for (const [where, schema] of [['application', intake.applicationSchema], ...Object.entries(intake.payloads)] as const) {
        for (const f of flatten(fieldsOf(schema))) {
          if (!/[\u4e00-\u9fff]/.test(f.label)) missing.push(`${j} ${where} ${f.path.join('.')}`);
          if (f.kind === 'select' || f.kind === 'multi')
            for (const o of f.options) if (!/[\u4e00-\u9fff]/.test(o.label)) missing.push(`${j} ${where} ${f.path.join('.')}=${o.value}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('reads a form back into the shape its schema parses', () => {
    const schema = intakes.weishan!.applicationSchema;
    const body = {
      'application.title': ' 微山县智慧政务平台 ',
      'application.applicantUnit': '微山县示例单位',
      'application.totalBudget': '3,000,000',
      'application.isNew': ['false', 'true'],
      'application.classified': 'false',
      'application.partyCommitteeResolution.meetingDate': '',
      'application.partyCommitteeResolution.minutesRef': '',
      'application.plannedCompletionOn': '2027-06-30',
    };
    const read = readForm(fieldsOf(schema), body, 'application');
    expect(read).toEqual({
      title: '微山县智慧政务平台',
      applicantUnit: '微山县示例单位',
      totalBudget: 3_000_000,
      isNew: true,
      classified: false,
      plannedCompletionOn: '2027-06-30',
    });
    // Left out, the optional resolution is refused by the schema with its article, not by the form.
    const parsed = schema.safeParse(read);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('微山 第八条');
  });

  it('keeps text typed into a number field, so the schema names the field', () => {
    const read = readForm(fieldsOf(intakes.weishan!.payloads['budget.approve']!), { 'data.amount': '一百万', 'data.documentRef': '微财预〔2026〕1号' }, 'data');
    expect(read).toEqual({ amount: '一百万', documentRef: '微财预〔2026〕1号' });
    expect(intakes.weishan!.payloads['budget.approve']!.safeParse(read).error?.issues[0]?.path).toEqual(['amount']);
  });
});
