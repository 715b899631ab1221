import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPath } from '../../bench/chart-speed.js';
import { jurisdictions } from '../../machines/index.js';
import { intakeOf } from '../../machines/intake.js';
import { forwardPath } from '../../machines/whatif.js';

const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/what-if.example.json'), 'utf8'));
const at = '2026-11-23T02:00:00.000Z';

function pathOf(id: string) {
  const def = jurisdictions[id]!;
  const application = intakeOf(id).applicationSchema.parse({ ...example.application, ...example.overrides[id] });
  const best = forwardPath(def, application, at)!;
  return { jurisdiction: id, application, events: best.steps.slice(1).map((s) => s.event) };
}

// The benchmark compares each chart with xstate's floor for it; the comparison only means something
// when both take every event of the path, through the same states.
describe('the chart speed benchmark', () => {
  it.each(Object.keys(jurisdictions))('walks %s and its floor through the same states, every event taken', (id) => {
    expect(() => checkPath(pathOf(id))).not.toThrow();
  });

  it('refuses a path with an event the chart ignores, naming the step', () => {
    const p = pathOf('weishan');
    const events = [...p.events.slice(0, 2), { ...(p.events[0] as object) }, ...p.events.slice(2)];
    expect(() => checkPath({ ...p, events })).toThrow('weishan: step 3 (requirementsReview.approve) is ignored by the chart');
  });
});
