import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { jurisdictions, olderVersions } from '../../machines/index.js';
import { step } from '../../machines/shared/step.js';
import { reachablePaths } from '../fixtures/paths.js';

const at = '2026-11-23T02:00:00.000Z';
const charts = Object.values(jurisdictions).flatMap((d) => [d, ...Object.values(olderVersions[d.id] ?? {})]);

/** What a step decides: where the chart is, what it holds, and which actions it names with what. */
const decided = ([s, actions]: [AnyMachineSnapshot, ReadonlyArray<{ type: string; params?: unknown }>]) => ({
  value: s.value,
  status: s.status,
  context: s.context,
  actions: actions.map((a) => ({ type: a.type, params: a.params })),
});

describe('a chart step without a throwaway actor', () => {
  it.each(charts.map((d) => [`${d.name} v${d.version}`, d] as const))(
    'decides as xstate’s transition() does along every path %s reaches, supervision chains included',
    (_name, def) => {
      const paths = reachablePaths(def, at);
      expect(paths.length).toBeGreaterThan(5);
      let steps = 0;
      let named = 0;
      for (const path of paths) {
        let a = initialTransition(def.machine, { projectId: 'step', application: path.application })[0];
        let b = a;
        for (const event of path.events) {
          const expected = transition(def.machine, a, event as never);
          const got = step(def.machine, b, event);
          expect(decided(got)).toEqual(decided(expected));
          [a, b] = [expected[0], got[0]];
          steps++;
          named += got[1].length;
        }
      }
      // The paths take steps, and some of them name effects (notifications, escalations, raised orders).
      expect(steps).toBeGreaterThan(20);
      expect(named).toBeGreaterThan(0);
    },
  );

  it('collects only its own step’s actions while another chart steps in between', () => {
    const [weishan, laizhou] = [jurisdictions.weishan!, jurisdictions.laizhou!];
    const path = reachablePaths(weishan, at).find((p) => p.events.length > 3)!;
    const other = reachablePaths(laizhou, at).find((p) => p.events.length > 0)!;
    const otherStart = initialTransition(laizhou.machine, { projectId: 'other', application: other.application })[0];
    let s = initialTransition(weishan.machine, { projectId: 'step', application: path.application })[0];
    for (const event of path.events) {
      expect(step(laizhou.machine, otherStart, other.events[0]!)[0]).not.toBe(otherStart);
      const [next, actions] = step(weishan.machine, s, event);
      expect(decided([next, actions])).toEqual(decided(transition(weishan.machine, s, event as never)));
      s = next;
    }
  });
});
