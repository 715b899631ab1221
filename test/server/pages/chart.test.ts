import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { activeStates } from '../../../machines/status.js';
import { intakeOf } from '../../../machines/intake.js';
import { jurisdictions } from '../../../machines/index.js';
import { chartLayout, textWidth } from '../../../server/pages/chart-layout.js';
import { projectChart, projectMarks } from '../../../server/pages/chart.js';
import { articlesOf } from '../../../server/pages/regulations.js';
import { fixtures } from '../../fixtures/index.js';
import type { HistoryEntry } from '../../../contracts/messages.js';

const entry = (seq: number, e: Partial<HistoryEntry>): HistoryEntry => ({ seq, at: '2026-11-02T02:00:00Z', kind: 'action', message: '', ...e });

describe('chart drawings', () => {
  it('measures labels by its own rule: Han characters 1 em, the rest 0.6 em', () => {
    expect(textWidth('需求评审', 13)).toBe(52);
    expect(textWidth('第6条', 10)).toBe(26);
  });

  it('labels every state of every chart in Chinese', async () => {
    for (const def of Object.values(jurisdictions)) {
      const layout = await chartLayout(def);
      const unlabelled = layout.states.filter((s) => !/[\u4e00-\u9fff]/.test(s.title)).map((s) => s.id);
      expect(unlabelled, def.id).toEqual([]);
    }
  });

  it('lays a chart out without overlapping sibling states', async () => {
    const layout = await chartLayout(jurisdictions.weishan!);
    const parent = (id: string) => id.split('.').slice(0, -1).join('.');
    for (const a of layout.states) {
      for (const b of layout.states) {
        if (a.id >= b.id || parent(a.id) !== parent(b.id)) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('highlights every parallel region of 莱州’s joint review', async () => {
    const def = jurisdictions.laizhou!;
    const application = intakeOf('laizhou').applicationSchema.parse(fixtures.laizhou!.variants[1]);
    const [snapshot] = initialTransition(def.machine, { projectId: 'p', application });
    const active = activeStates(snapshot).map((s) => s.stateId);
    expect(active.filter((id) => id.endsWith('.pending'))).toHaveLength(3);
    const svg = await projectChart(def, { activeStates: active }, []);
    for (const region of ['bigData', 'finance', 'ndrc']) {
      expect(svg).toMatch(new RegExp(`class="state kind-atomic is-active[^"]*" data-state="laizhou\\.publicService\\.review\\.${region}\\.pending"`));
      expect(svg).toMatch(new RegExp(`class="state kind-compound region holds-active[^"]*" data-state="laizhou\\.publicService\\.review\\.${region}"`));
    }
    // Unmarked, the same drawing carries no project classes.
    expect(await projectChart(def)).not.toMatch(/is-active|is-visited|is-taken|__[st]\d+__/);
  });

  it('marks the states a project visited and the transitions it took', async () => {
    const def = jurisdictions.weishan!;
    const layout = await chartLayout(def);
    const history = [
      entry(1, { kind: 'submitted', message: '提交申报' }),
      entry(2, { task: 'requirementsReview', action: 'return' }),
      entry(3, { task: 'requirementsRevision', action: 'submit' }),
      entry(4, { task: 'requirementsReview', action: 'approve' }),
    ];
    const marks = projectMarks(def, layout, { activeStates: ['weishan.technicalMaterials'] }, history);
    expect([...marks.visited]).toEqual(expect.arrayContaining(['weishan.intake', 'weishan.requirementsReview', 'weishan.requirementsRevision']));
    const taken = [...marks.taken].map((i) => `${layout.transitions[i]!.source}>${layout.transitions[i]!.target}`).sort();
    expect(taken).toEqual([
      'weishan.intake>weishan.requirementsReview',
      'weishan.requirementsReview>weishan.requirementsRevision',
      'weishan.requirementsReview>weishan.technicalMaterials',
      'weishan.requirementsRevision>weishan.requirementsReview',
    ]);
    expect(marks.visited.has('weishan.countyDecision')).toBe(false);
  });

  it('reads each article’s text from the published regulation', () => {
    expect(articlesOf('weishan').get(36)).toMatch(/^第三十六条 /);
    expect(articlesOf('weishan').size).toBe(45);
    expect(articlesOf('laizhou').get(9)).toContain('政务治理类');
  });
});
