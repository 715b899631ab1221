import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { activeDeadlines, awaitingTasks, isRefusal, offeredActions, publicStatus } from '../../machines/inspect.js';
import { checkRequest, intakeOf } from '../../machines/intake.js';
import type { JurisdictionDefinition } from '../../machines/shared/definition.js';
import type { ProjectEvent } from '../../machines/shared/events.js';
import { fixtures, type JurisdictionFixture } from '../fixtures/index.js';

const at = '2026-11-23T02:00:00.000Z';

/** Every event the chart's metadata says is possible now: open tasks, offers and running deadlines. */
function eventsFromMeta(def: JurisdictionDefinition, fixture: JurisdictionFixture, snapshot: AnyMachineSnapshot, application: Record<string, unknown>): ProjectEvent[] {
  const events: ProjectEvent[] = [];
  for (const t of [...awaitingTasks(snapshot), ...offeredActions(snapshot)]) {
    for (const action of t.actions) {
      const data = fixture.payload(`${t.id}.${action}`, application) ?? {};
      const result = checkRequest(def, snapshot, { task: t.id, action, department: t.assignee, actor: 'path', data }, at);
      if (!isRefusal(result)) events.push(result);
    }
  }
  for (const d of activeDeadlines(snapshot)) events.push({ type: `deadline.${d.spec.id}` as const, at });
  return events;
}

/** Atomic states a project can rest in (transient `always` states are passed through). */
function leafIds(node: AnyStateNode): string[] {
  const children = Object.values(node.states);
  if (children.length > 0) return children.flatMap(leafIds);
  return node.always?.length ? [] : [node.id];
}

describe.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))('generated paths through the %s chart', (_name, def) => {
  const fixture = fixtures[def.id]!;
  const reached = new Set<string>();
  const snapshots: AnyMachineSnapshot[] = [];
  for (const raw of fixture.variants) {
    const application = intakeOf(def.id).applicationSchema.parse(raw);
    const paths = getShortestPaths(def.machine, {
      input: { projectId: 'paths', application },
      events: (s) => eventsFromMeta(def, fixture, s as AnyMachineSnapshot, application) as never,
      // State value plus the one context fact a 微山 guard depends on (ops funding needs an evaluation, 第二十四条).
      serializeState: (s) => JSON.stringify([(s as AnyMachineSnapshot).value, (s as AnyMachineSnapshot).context.operation?.lastEvaluationRating]),
    });
    for (const p of paths) {
      const s = p.state as AnyMachineSnapshot;
      snapshots.push(s);
      (s as unknown as { _nodes: AnyStateNode[] })._nodes.forEach((n) => reached.add(n.id));
    }
  }

  it('has fixtures', () => {
    expect(fixture.variants.length).toBeGreaterThan(0);
  });

  it('reaches every final state', () => {
    const finals = Object.values(def.machine.root.states).filter((n) => n.type === 'final').map((n) => n.id);
    expect(finals.length).toBeGreaterThan(0);
    expect(finals.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('reaches every state of the chart', () => {
    expect(leafIds(def.machine.root).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('gives every reachable configuration a stable public status', () => {
    expect(snapshots.length).toBeGreaterThan(20);
    for (const s of snapshots) expect(() => publicStatus(s)).not.toThrow();
  });
});
