import type { AnyStateNode } from 'xstate';
import { describe, expect, it } from 'vitest';
import { chartIndex } from '../../machines/chart-index.js';
import { jurisdictions, olderVersions } from '../../machines/index.js';
import { chineseNumeral } from '../../machines/shared/articles.js';
import type { StateMeta } from '../../machines/shared/meta.js';
import { articlesOf } from '../../server/pages/regulations.js';

/** Every chart the product runs: the current versions and the older ones running projects still use. */
const charts = [...Object.values(jurisdictions), ...Object.values(olderVersions).flatMap((versions) => Object.values(versions))].map((def) => ({
  chart: `${def.id} v${def.version}`,
  def,
}));

/** The chart's states, walked here on their own, to hold the index to them. */
const statesOf = (node: AnyStateNode): AnyStateNode[] => [node, ...Object.values(node.states).flatMap(statesOf)];

describe('the chart index', () => {
  it.each(charts)('$chart: lists every task and offer with its state, department and article', ({ def }) => {
    const index = chartIndex(def.machine);
    const expected = statesOf(def.machine.root).flatMap((n) => {
      const meta = n.meta as StateMeta | undefined;
      return [...(meta?.task ? [meta.task] : []), ...(meta?.offers ?? [])].map((t) => `${n.id} ${t.id} ${t.assignee} ${t.article.format()}`);
    });
    expect(index.tasks.map((t) => `${t.stateId} ${t.id} ${t.assignee} ${t.article.format()}`)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    for (const t of index.tasks) {
      // A department of the jurisdiction's table, or one the project names in its context (`@field`).
      expect(t.assignee.startsWith('@') || Object.hasOwn(def.departments, t.assignee), `${t.id}: ${t.assignee}`).toBe(true);
      expect(t.article.regulation).toBe(def.regulation.shortName);
    }
  });

  it.each(charts)('$chart: lists every deadline with its state and article', ({ def }) => {
    const index = chartIndex(def.machine);
    const expected = statesOf(def.machine.root).flatMap((n) => {
      const d = (n.meta as StateMeta | undefined)?.deadline;
      return d ? [`${n.id} ${d.id} ${d.title} ${d.article.format()}`] : [];
    });
    expect(index.deadlines.map((d) => `${d.stateId} ${d.id} ${d.title} ${d.article.format()}`)).toEqual(expected);
    for (const d of index.deadlines) expect(d.article.regulation).toBe(def.regulation.shortName);
  });

  it.each(charts)('$chart: cites only articles (and items) its regulation’s text has', ({ def }) => {
    const text = articlesOf(def.id);
    const index = chartIndex(def.machine);
    expect(index.articles.length).toBeGreaterThan(0);
    for (const a of index.articles) {
      expect(a.regulation).toBe(def.regulation.shortName);
      for (const n of a.articles) expect(text.has(n), `${a.format()}: no 第${chineseNumeral(n)}条 in machines/${def.id}/regulation.txt`).toBe(true);
      if (a.item !== undefined) expect(text.get(a.articles[0]!)).toContain(`（${chineseNumeral(a.item)}）`);
    }
  });

  it.each(charts)('$chart: gives every state a title of words, not its key', ({ def }) => {
    const untitled = chartIndex(def.machine)
      .nodes.slice(1)
      .filter((n) => n.title === n.key)
      .map((n) => n.id);
    expect(untitled).toEqual([]);
  });

  it('titles structural states where the chart declares them, and a state with a task by its task', () => {
    const index = chartIndex(jurisdictions.kundulun!.machine);
    expect(index.node('kundulun.project')).toMatchObject({ kind: 'parallel', title: '已立项' });
    expect(index.node('kundulun.project.supervision')?.title).toBe('监督管理');
    expect(index.node('kundulun.project.supervision')?.article?.local()).toBe('第二十五条');
    // The approval stages cite 第十一条 as an article, not the description's words before it.
    expect(index.node('kundulun.proposalStage')?.article?.local()).toBe('第十一条');
    expect(index.node('kundulun.filing.reviewing')).toMatchObject({ title: '项目备案', region: false });
    expect(index.node('kundulun.project.lifecycle')?.region).toBe(true);
  });

  it('names the transitions a state has, automatic ones with an empty event', () => {
    const index = chartIndex(jurisdictions.kundulun!.machine);
    const intake = index.node('kundulun.intake')!;
    expect(intake.transitions.map((t) => [t.event, t.targets])).toEqual([
      ['', ['kundulun.filing']],
      ['', ['kundulun.designStage']],
      ['', ['kundulun.proposalStage']],
    ]);
    expect(index.transitions).toContainEqual(
      expect.objectContaining({ source: 'kundulun.filing.reviewing', event: 'filing.approve', targets: ['kundulun.project'] }),
    );
  });

  it('is built once per chart', () => {
    const def = jurisdictions.weishan!;
    expect(chartIndex(def.machine)).toBe(chartIndex(def.machine));
    expect(chartIndex(def.machine).taskTitles.get('requirementsReview')).toBeDefined();
  });
});
