import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { checkRequest, intakeOf } from '../../machines/intake.js';
import { awaitingTasks, isRefusal, offeredActions, type Identity } from '../../machines/inspect.js';
import { ROLES } from '../../server/identity.js';
import { fixtures } from '../fixtures/index.js';

const at = '2026-11-23T02:00:00.000Z';
const APPLYING = ['applicant', 'operator'];

/** Snapshots of every state the chart reaches along its generated paths. */
function reachable(id: string): AnyMachineSnapshot[] {
  const def = jurisdictions[id]!;
  const fixture = fixtures[id]!;
  return fixture.variants.flatMap((raw) => {
    const application = intakeOf(id).applicationSchema.parse(raw);
    return getShortestPaths(def.machine, {
      input: { projectId: 'matrix', application },
      events: (s) =>
        [...awaitingTasks(s as AnyMachineSnapshot), ...offeredActions(s as AnyMachineSnapshot)].flatMap((t) =>
          t.actions.map((a) => checkRequest(def, s as AnyMachineSnapshot, { task: t.id, action: a, department: t.assignee, actor: 'm', data: fixture.payload(`${t.id}.${a}`, raw) ?? {} }, at)).filter((r) => !isRefusal(r)),
        ) as never,
      serializeState: (s) => JSON.stringify((s as AnyMachineSnapshot).value),
    }).map((p) => p.state as AnyMachineSnapshot);
  });
}

describe.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))('access matrix of %s: role × department × awaiting step', (_name, def) => {
  it('allows exactly the awaited department with the matching role, and refuses every other combination', () => {
    const fixture = fixtures[def.id]!;
    let cases = 0;
    const wrong: string[] = [];
    for (const snapshot of reachable(def.id)) {
      const unit = String(snapshot.context.application.applicantUnit);
      const open = [...awaitingTasks(snapshot), ...offeredActions(snapshot)];
      for (const step of open) {
        const action = step.actions[0]!;
        // Some steps are open to several departments (e.g. any supervising department may order rectification).
        const assignees = open.filter((o) => o.id === step.id && o.actions.includes(action)).map((o) => o.assignee);
        const data = fixture.payload(`${step.id}.${action}`, snapshot.context.application) ?? {};
        for (const department of Object.keys(def.departments)) {
          for (const role of ROLES) {
            const identity: Identity = { userId: `${department}.${role}`, jurisdiction: def.id, department, roles: [role], unit };
            const result = checkRequest(def, snapshot, { task: step.id, action, department, actor: 'm', data, identity }, at);
            const forbidden = isRefusal(result) && result.kind === 'forbidden';
            const allowed = assignees.includes(department) && role === (APPLYING.includes(department) ? 'applicant' : 'reviewer');
            cases++;
            if (forbidden === allowed) wrong.push(`${JSON.stringify(snapshot.value)} ${step.id}.${action} ${department}/${role}: ${forbidden ? 'refused' : 'allowed'}`);
          }
        }
        // The awaited department, but from another jurisdiction or another applying unit.
        const foreign: Identity = { userId: 'x', jurisdiction: def.id === 'weishan' ? 'jingle' : 'weishan', department: step.assignee, roles: ['applicant', 'reviewer'], unit };
        const otherUnit: Identity = { userId: 'y', jurisdiction: def.id, department: step.assignee, roles: ['applicant', 'reviewer'], unit: '其他单位' };
        for (const identity of [foreign, ...(step.assignee === 'applicant' ? [otherUnit] : [])]) {
          const r = checkRequest(def, snapshot, { task: step.id, action, department: step.assignee, actor: 'm', data, identity }, at);
          cases++;
          if (!(isRefusal(r) && r.kind === 'forbidden')) wrong.push(`${step.id} as ${identity.userId}: allowed`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cases).toBeGreaterThan(500);
  });
});
