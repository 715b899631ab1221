import { describe, expect, it } from 'vitest';
import type { AnyStateNode } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { checkRequest } from '../../machines/intake.js';
import { awaitingTasks, offeredActions } from '../../machines/status.js';
import { isRefusal } from '../../machines/shared/errors.js';
import { type Identity } from '../../machines/policy.js';
import type { StateMeta } from '../../machines/shared/meta.js';
import { ROLES } from '../../server/identity.js';
import { fixtures } from '../fixtures/index.js';
import { reachableSnapshots } from '../fixtures/paths.js';

const at = '2026-11-23T02:00:00.000Z';
const APPLYING = ['applicant', 'operator'];

/** Every task and offer the chart's states declare, by id: the steps the matrix must have checked. */
function declaredSteps(node: AnyStateNode): string[] {
  const ids = new Set<string>();
  const visit = (n: AnyStateNode) => {
    const meta = n.meta as StateMeta | undefined;
    for (const t of [...(meta?.task ? [meta.task] : []), ...(meta?.offers ?? [])]) ids.add(t.id);
    Object.values(n.states).forEach(visit);
  };
  visit(node);
  return [...ids].sort();
}

describe.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))('access matrix of %s: role × department × awaiting step', (_name, def) => {
  it('allows exactly the awaited department with the matching role, and refuses every other combination', () => {
    const fixture = fixtures[def.id]!;
    const checked = new Set<string>();
    const wrong: string[] = [];
    for (const snapshot of reachableSnapshots(def, at)) {
      const unit = String(snapshot.context.application.applicantUnit);
      const open = [...awaitingTasks(snapshot), ...offeredActions(snapshot)];
      for (const step of open) {
        const action = step.actions[0]!;
        // Some steps are open to several departments (e.g. any supervising department may order rectification).
        const assignees = open.filter((o) => o.id === step.id && o.actions.includes(action)).map((o) => o.assignee);
        const data = fixture.payload(`${step.id}.${action}`, snapshot.context.application) ?? {};
        checked.add(step.id);
        for (const department of Object.keys(def.departments)) {
          for (const role of ROLES) {
            const identity: Identity = { userId: `${department}.${role}`, jurisdiction: def.id, department, roles: [role], unit };
            const result = checkRequest(def, snapshot, { task: step.id, action, department, actor: 'm', data, identity }, at);
            const forbidden = isRefusal(result) && result.kind === 'forbidden';
            const allowed = assignees.includes(department) && role === (APPLYING.includes(department) ? 'applicant' : 'reviewer');
            if (forbidden === allowed)
              wrong.push(`${JSON.stringify(snapshot.value)} ${step.id}.${action} ${department}/${role}: ${forbidden ? 'refused' : 'allowed'}`);
          }
        }
        // The awaited department, but from another jurisdiction or another applying unit.
        const foreign: Identity = {
          userId: 'x',
          jurisdiction: def.id === 'weishan' ? 'jingle' : 'weishan',
          department: step.assignee,
          roles: ['applicant', 'reviewer'],
          unit,
        };
        const otherUnit: Identity = { userId: 'y', jurisdiction: def.id, department: step.assignee, roles: ['applicant', 'reviewer'], unit: '其他单位' };
        for (const identity of [foreign, ...(step.assignee === 'applicant' ? [otherUnit] : [])]) {
          const r = checkRequest(def, snapshot, { task: step.id, action, department: step.assignee, actor: 'm', data, identity }, at);
          if (!(isRefusal(r) && r.kind === 'forbidden')) wrong.push(`${step.id} as ${identity.userId}: allowed`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect([...checked].sort()).toEqual(declaredSteps(def.machine.root));
  });
});
