import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { publicStatus } from '../../machines/status.js';
import { reachableSnapshots } from '../fixtures/paths.js';

const at = '2026-11-23T02:00:00.000Z';

/** Atomic states a project can rest in (transient `always` states are passed through). */
function leafIds(node: AnyStateNode): string[] {
  const children = Object.values(node.states);
  if (children.length > 0) return children.flatMap(leafIds);
  return node.always?.length ? [] : [node.id];
}

describe.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))('generated paths through the %s chart', (_name, def) => {
  const snapshots = reachableSnapshots(def, at);
  const reached = new Set(snapshots.flatMap((s) => (s as unknown as { _nodes: AnyStateNode[] })._nodes.map((n) => n.id)));

  it('reaches every final state', () => {
    const finals = Object.values(def.machine.root.states)
      .filter((n) => n.type === 'final')
      .map((n) => n.id);
    expect(finals.length).toBeGreaterThan(0);
    expect(finals.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('reaches every state of the chart', () => {
    expect(leafIds(def.machine.root).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('gives every reachable configuration a stable public status', () => {
    for (const s of snapshots) expect(() => publicStatus(s)).not.toThrow();
  });
});
