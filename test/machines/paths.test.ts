import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateNode } from 'xstate';
import { activeDeadlines, awaitingTasks, checkAction, isRefusal, offeredActions, publicStatus } from '../../machines/inspect.js';
import { weishan } from '../../machines/weishan/index.js';
import type { ProjectEvent } from '../../machines/shared/events.js';
import { samplePayloads, technicalMaterials, weishanApplication } from '../fixtures/weishan.js';

const at = '2026-11-23T02:00:00.000Z';

/** Every event the chart's metadata says is possible now: open tasks, offers and running deadlines. */
function eventsFromMeta(snapshot: AnyMachineSnapshot, totalBudget: number): ProjectEvent[] {
  const events: ProjectEvent[] = [];
  for (const t of [...awaitingTasks(snapshot), ...offeredActions(snapshot)]) {
    for (const action of t.actions) {
      const key = `${t.id}.${action}`;
      const data = key === 'technicalMaterials.submit' ? technicalMaterials(totalBudget) : samplePayloads[key];
      const result = checkAction(weishan, snapshot, { task: t.id, action, department: t.assignee, actor: 'path', data: data ?? {} }, at);
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

const variants = [
  weishanApplication({ totalBudget: 1_000_000 }),
  weishanApplication({ totalBudget: 6_000_000 }),
  weishanApplication({ track: 'urgent', totalBudget: 2_500_000 }),
  weishanApplication({ track: 'upperLevel', organisedBy: '山东省大数据局', partyCommitteeResolution: undefined }),
  weishanApplication({ track: 'constructionAttached', constructionApprovalRef: '微审批建〔2026〕9号', totalBudget: 2_000_000, partyCommitteeResolution: undefined }),
];

describe('generated paths through the 微山 chart', () => {
  const reached = new Set<string>();
  const snapshots: AnyMachineSnapshot[] = [];
  for (const raw of variants) {
    const application = weishan.applicationSchema.parse(raw);
    const paths = getShortestPaths(weishan.machine, {
      input: { projectId: 'paths', application },
      events: (s) => eventsFromMeta(s as AnyMachineSnapshot, application.totalBudget as number) as never,
      // State value plus the one context fact a guard depends on (ops funding needs an evaluation, 第二十四条).
      serializeState: (s) => JSON.stringify([(s as AnyMachineSnapshot).value, (s as AnyMachineSnapshot).context.operation?.lastEvaluationRating]),
    });
    for (const p of paths) {
      const s = p.state as AnyMachineSnapshot;
      snapshots.push(s);
      Object.keys(s.getMeta()).forEach((id) => reached.add(id));
      (s as unknown as { _nodes: AnyStateNode[] })._nodes.forEach((n) => reached.add(n.id));
    }
  }

  it('reach every final state', () => {
    const finals = Object.values(weishan.machine.root.states).filter((n) => n.type === 'final').map((n) => n.id);
    expect(finals.sort()).toEqual(['weishan.rejected', 'weishan.terminated', 'weishan.unfunded']);
    expect(finals.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('reach every state of the chart', () => {
    expect(leafIds(weishan.machine.root).filter((id) => !reached.has(id))).toEqual([]);
  });

  it('give every reachable configuration a stable public status', () => {
    expect(snapshots.length).toBeGreaterThan(40);
    for (const s of snapshots) expect(() => publicStatus(s)).not.toThrow();
  });
});
