import { describe, expect, it } from 'vitest';
import type { HistoryEntry, ProjectView } from '../../contracts/messages.js';
import { ViewMemory } from '../../server/view-memory.js';

const entry = (seq: number): HistoryEntry => ({ seq, at: `2026-11-23T00:00:${String(seq % 60).padStart(2, '0')}Z`, kind: 'action', message: `第${seq}条` });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => entry(from + i));

/** A view with entries up to `total` (the latest 50), or as an answer to `since`: the entry at it and those after it. */
function view(total: number, since?: number): ProjectView {
  const from = since === undefined ? Math.max(1, total - 49) : Math.max(since, 1, total - 49);
  return {
    projectId: 'weishan-20261123-0000abcd',
    jurisdiction: 'weishan',
    jurisdictionName: '微山县',
    chartVersion: 1,
    title: '智慧城管平台',
    // An answer to a caller that holds the view leaves the application out (core/view.ts): the completed view has it again.
    ...(since === undefined ? { application: { title: '智慧城管平台', applicantUnit: '微山县城市管理局', totalBudget: { fen: 100_000_000 } } } : {}),
    applicantUnit: '微山县城市管理局',
    status: 'under_review',
    statusLabel: '审核中',
    final: false,
    tasks: [],
    offers: [],
    escalations: [],
    activeStates: [],
    history: range(from, total),
    historyTotal: total,
    ...(since === undefined ? {} : { historySince: since }),
    submittedAt: '2026-11-23T00:00:00Z',
    updatedAt: '2026-11-23T00:00:00Z',
  };
}

describe('the views an API process holds to complete short answers', () => {
  it('completes an answer of what came after the view held into the whole latest 50', () => {
    const memory = new ViewMemory();
    memory.remember(view(60));
    expect(memory.since(view(60).projectId)).toBe(60);
    const done = memory.complete(view(62, 60));
    expect(done).toEqual(view(62));
    expect(done).not.toHaveProperty('historySince');
    // And remembers it: the next answer builds on it.
    expect(memory.since(view(62).projectId)).toBe(62);
    expect(memory.complete(view(63, 62))).toEqual(view(63));
  });

  it('completes from a newer view than the answer was asked with, and keeps short histories short', () => {
    const memory = new ViewMemory();
    memory.remember(view(3));
    // Another request of this process moved the view on meanwhile.
    memory.remember(view(5));
    expect(memory.complete(view(6, 3))).toEqual(view(6));
    const fresh = new ViewMemory();
    fresh.remember(view(0));
    expect(fresh.complete(view(2, 0))).toEqual(view(2));
  });

  it('answers nothing rather than a view with a gap or from another trail, and takes a whole view as it is', () => {
    const memory = new ViewMemory();
    // Nothing held, or less than the answer assumed.
    expect(memory.complete(view(70, 60))).toBeUndefined();
    memory.remember(view(55));
    expect(memory.complete(view(70, 60))).toBeUndefined();
    // A project reset to entry 40 and grown back past what was held: entry 55 is another one now.
    const regrown = view(58, 55);
    regrown.history = regrown.history.map((h) => (h.seq >= 41 ? { ...h, at: '2026-11-24T01:00:00Z', message: '重置后' } : h));
    expect(memory.complete(regrown)).toBeUndefined();
    expect(memory.misses).toBe(3);
    // An answer that carries the latest 50 after what was held needs nothing held.
    expect(memory.complete(view(130, 70))).toEqual(view(130));
    // A whole view (a worker on host 1, or an answer to a caller that sent nothing) replaces what is held.
    expect(memory.complete(view(40))).toEqual(view(40));
    expect(memory.since(view(40).projectId)).toBe(40);
    expect(() => memory.remember(view(41, 40))).toThrow(/complete/);
  });

  it('still says what an answer it cannot complete carries: the new entries alone', () => {
    const partial = ViewMemory.partial(view(70, 60));
    expect(partial.history.map((h) => h.seq)).toEqual(range(61, 70).map((h) => h.seq));
    expect(partial).not.toHaveProperty('historySince');
    expect(partial.historyTotal).toBe(70);
  });

  it('holds a bounded number of projects, forgetting the least recently used', () => {
    const memory = new ViewMemory(2);
    const of = (id: string, total: number) => ({ ...view(total), projectId: id });
    memory.remember(of('a', 1));
    memory.remember(of('b', 1));
    memory.remember(of('a', 2));
    memory.remember(of('c', 1));
    expect(memory.since('b')).toBeUndefined();
    expect(memory.since('a')).toBe(2);
    expect(memory.since('c')).toBe(1);
  });
});
