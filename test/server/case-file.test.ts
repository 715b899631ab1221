// Issue 21: the case file read from history — versions across returns, what changed, the form prefilled.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../contracts/messages.js';
import { intakes } from '../../machines/intake.js';
import { caseOf, changes, formBodyOf, leaves, leafText, versionsOf } from '../../server/case-file.js';
import { fieldsOf, readForm } from '../../server/pages/forms.js';
import { fixtures } from '../fixtures/index.js';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { jurisdictions } from '../../machines/index.js';
import { ApplicationFacts, DocumentBase } from '../../server/pages/case-file.js';
import { Timeline } from '../../server/pages/components.js';

let seq = 0;
const entry = (fields: Partial<HistoryEntry>): HistoryEntry => ({
  seq: ++seq,
  at: `2026-12-0${1 + (seq % 8)}T02:00:00.000Z`,
  kind: 'action',
  message: '',
  ...fields,
});

describe('the case file', () => {
  it('prefills the payloads of every jurisdiction so that sending the form unchanged sends what was sent before', () => {
    const differing: string[] = [];
    let checked = 0;
    for (const [id, intake] of Object.entries(intakes)) {
      const fixture = fixtures[id]!;
      for (const [key, schema] of Object.entries(intake.payloads)) {
        for (const application of fixture.variants) {
          const sent = fixture.payload(key, application);
          if (!sent) continue;
          const recorded = schema.parse(sent);
          const again = schema.safeParse(readForm(fieldsOf(schema), formBodyOf(recorded, 'data'), 'data'));
          if (!again.success || JSON.stringify(again.data) !== JSON.stringify(recorded)) differing.push(`${id} ${key}`);
          checked++;
          break;
        }
      }
    }
    expect(differing).toEqual([]);
    // Every payload the fixtures send (a few are only reached through other tests' data).
    expect(checked).toBeGreaterThan(0.9 * Object.values(intakes).reduce((n, i) => n + Object.keys(i.payloads).length, 0));
  });

  it('groups every field of every jurisdiction’s application, as its labels name them', () => {
    const misplaced: string[] = [];
    for (const [id, intake] of Object.entries(intakes)) {
      const fields = Object.keys((fieldsOf(intake.applicationSchema) as Array<{ path: string[] }>).reduce((o, f) => ({ ...o, [f.path[0]!]: 1 }), {}));
      const grouped = (intake.labels.groups ?? []).flatMap((g) => g.fields);
      for (const f of fields) if (grouped.filter((g) => g === f).length !== 1) misplaced.push(`${id}: ${f} in ${grouped.filter((g) => g === f).length} groups`);
      for (const g of grouped) if (!fields.includes(g)) misplaced.push(`${id}: group names unknown field ${g}`);
    }
    expect(misplaced).toEqual([]);
  });

  it('shows every field of every fixture application with a Chinese label, amounts in 元 with 角分', () => {
    const unlabelled: string[] = [];
    for (const [id, intake] of Object.entries(intakes)) {
      for (const variant of fixtures[id]!.variants) {
        const parsed = intake.applicationSchema.safeParse(variant);
        if (!parsed.success) continue;
        const application = { ...parsed.data, totalBudget: { fen: 123_456_789 } };
        const html = renderToString(h(ApplicationFacts, { def: jurisdictions[id]!, application }));
        for (const l of leaves(application)) {
          // A document shows as one line (文号《标题》); rows of a list are labelled by their field.
          const key = l.path.filter((p, i) => !/^\d+$/.test(p) && !((p === 'ref' || p === 'title') && i === l.path.length - 1 && i > 0)).join('.');
          const dt = new RegExp(`<dt data-field="${key.replaceAll('.', '\\.')}">([^<]*)</dt>`).exec(html);
          if (!dt || !/[\u4e00-\u9fff]/.test(dt[1]!)) unlabelled.push(`${id} ${key}`);
        }
        expect(html).toContain('1,234,567.89 元');
      }
    }
    expect(unlabelled).toEqual([]);
  });

  it('reads amounts in 元 with 角分 exactly, and documents by their 文号 and title', () => {
    const data = { securityBudget: { fen: 5_000_001 }, constructionPlan: { ref: '微人社〔2026〕7号', title: '建设方案' }, aspects: ['goal', 'budget'] };
    expect(leaves(data).map((l) => [l.path.join('.'), leafText(l.value)])).toEqual([
      ['securityBudget', '50000.01'],
      ['constructionPlan.ref', '微人社〔2026〕7号'],
      ['constructionPlan.title', '建设方案'],
      ['aspects', 'goal；budget'],
    ]);
  });

  it('names the fields that changed between two versions, the ones added and the ones dropped', () => {
    const v1 = { constructionPlan: { ref: 'A-1' }, cryptoPlan: { ref: 'C-1' }, securityBudget: { fen: 5_000_000 } };
    const v2 = { constructionPlan: { ref: 'A-2', title: '修改后建设方案' }, securityBudget: { fen: 6_000_050 } };
    expect(changes(v1, v2)).toEqual([
      { path: ['constructionPlan', 'ref'], before: 'A-1', after: 'A-2' },
      { path: ['constructionPlan', 'title'], after: '修改后建设方案' },
      { path: ['securityBudget'], before: { fen: 5_000_000 }, after: { fen: 6_000_050 } },
      { path: ['cryptoPlan', 'ref'], before: 'C-1' },
    ]);
    expect(changes(v2, v2)).toEqual([]);
  });

  it('shows a reviewer every version of the papers before the task and its own earlier return, and the applicant the return to answer', () => {
    const v1 = entry({ task: 'technicalMaterials', action: 'submit', data: { securityBudget: { fen: 1 } } });
    const returned = entry({ task: 'technicalReview', action: 'return', comment: '网络安全预算不足' });
    const history = [entry({ kind: 'submitted' }), entry({ task: 'requirementsReview', action: 'approve' }), v1, returned];
    expect(caseOf(history, 'technicalMaterials', true)).toEqual({
      answers: true,
      submitted: { task: 'technicalMaterials', versions: [{ number: 1, entry: v1 }] },
      lastReturn: returned,
    });
    const v2 = entry({ task: 'technicalMaterials', action: 'submit', data: { securityBudget: { fen: 2 } } });
    const later = [...history, v2];
    expect(caseOf(later, 'technicalMaterials', true)).toMatchObject({ answers: true });
    expect(caseOf(later, 'technicalMaterials', true).lastReturn).toBeUndefined();
    expect(versionsOf(later, 'technicalMaterials').map((v) => [v.number, v.entry])).toEqual([
      [1, v1],
      [2, v2],
    ]);
    expect(caseOf(later, 'technicalReview', false)).toEqual({
      answers: false,
      submitted: {
        task: 'technicalMaterials',
        versions: [
          { number: 1, entry: v1 },
          { number: 2, entry: v2 },
        ],
      },
      lastReturn: returned,
    });
  });
});

describe('an opinion on the timeline', () => {
  const decision = entry({ kind: 'action', task: 'review', action: 'return', department: 'infoBureau', comment: '请补充' });
  const render = (entries: HistoryEntry[], issuing?: Array<{ for: number; kind: string }>) =>
    renderToString(
      h(
        DocumentBase.Provider,
        { value: '/projects/jingle-20261207-00000001/documents' },
        h(Timeline, { entries, departmentName: (id: string) => id, taskTitle: (id: string) => id, ...(issuing ? { issuing } : {}) }),
      ),
    );

  it('says it is being issued until its document entry is there, then links the PDF on the decision and on its own entry', () => {
    const waiting = render([decision], [{ for: decision.seq, kind: '审核意见' }]);
    expect(waiting).toContain('《审核意见》正在编号印发');
    const document = {
      id: `d${'1'.repeat(32)}`,
      sha256: 'b'.repeat(64),
      name: '静乐县政务信息管理局〔2026〕1号审核意见.pdf',
      size: 65_000,
      type: 'application/pdf',
    };
    const issued = entry({
      kind: 'document',
      message: '印发审核意见：静乐县政务信息管理局〔2026〕1号',
      issued: { kind: '审核意见', number: '静乐县政务信息管理局〔2026〕1号', for: decision.seq, document },
    });
    const html = render([decision, issued]);
    expect(html).not.toContain('正在编号印发');
    expect(html.match(/href="\/projects\/jingle-20261207-00000001\/documents\/d1{32}"/g)).toHaveLength(2);
    expect(html).toContain('静乐县政务信息管理局〔2026〕1号');
    expect(html).toContain('文书');
  });
});
