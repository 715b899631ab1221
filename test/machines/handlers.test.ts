import { describe, expect, it } from 'vitest';
import { createMachine, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { taskEvent, type StateMeta } from '../../machines/shared/meta.js';

/** The chart's state nodes, root first. */
const nodesOf = (node: AnyStateNode): AnyStateNode[] => [node, ...Object.values(node.states).flatMap(nodesOf)];

/** Whether a node has a transition for the event: its exact name or a wildcard descriptor ('x.*', '*'), guarded or not. */
const handles = (node: AnyStateNode, type: string) =>
  Object.entries(node.on).some(
    ([descriptor, transitions]) =>
      transitions.length > 0 && (descriptor === type || descriptor === '*' || (descriptor.endsWith('.*') && type.startsWith(descriptor.slice(0, -1)))),
  );

/**
 * Task actions and offers a state's metadata advertises that neither the state nor an ancestor has
 * a transition for. The API lists them as open, and every request for one would be refused.
 */
function unhandledActions(machine: AnyStateMachine): string[] {
  const missing: string[] = [];
  for (const node of nodesOf(machine.root)) {
    const meta = node.meta as StateMeta | undefined;
    for (const advertised of [...(meta?.task ? [meta.task] : []), ...(meta?.offers ?? [])]) {
      for (const action of advertised.actions) {
        const type = taskEvent(advertised.id, action);
        let handled = false;
        for (let n: AnyStateNode | undefined = node; n && !handled; n = n.parent) handled = handles(n, type);
        if (!handled) missing.push(`${node.id}: ${type}`);
      }
    }
  }
  return missing;
}

describe.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))('the %s chart', (_name, def) => {
  it('handles every task action and offer its states advertise, in the state or an ancestor', () => {
    expect(unhandledActions(def.machine)).toEqual([]);
  });
});

describe('the advertised-action check', () => {
  const review = { id: 'review', title: '评审', assignee: 'bigData', article: '第六条', actions: ['approve', 'return'] };
  const change = { id: 'change', title: '变更', assignee: 'applicant', article: '第三十二条', actions: ['submit'] };
  const chart = (reviewOn: Record<string, unknown>, parentOn: Record<string, unknown> = {}): AnyStateMachine =>
    createMachine({
      id: 'c',
      initial: 'project',
      states: {
        project: {
          meta: { offers: [change] },
          on: parentOn,
          initial: 'review',
          states: { review: { meta: { task: review }, on: reviewOn }, done: {} },
        },
      },
    } as never);

  it('names a state whose advertised action nothing handles', () => {
    expect(unhandledActions(chart({ 'review.approve': 'done' }))).toEqual(['c.project: change.submit', 'c.project.review: review.return']);
  });

  it('counts a guarded transition, a wildcard and a transition of an ancestor as handlers', () => {
    const m = chart({ 'review.approve': { target: 'done', guard: () => false } }, { 'review.*': '.done', 'change.submit': '.done' });
    expect(unhandledActions(m)).toEqual([]);
  });
});
