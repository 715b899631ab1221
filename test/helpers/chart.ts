import { transition, type AnyMachineSnapshot } from 'xstate';
import { awaitingTasks, offeredActions } from '../../machines/status.js';
import { isRefusal, type Refusal } from '../../machines/shared/errors.js';
import { checkRequest } from '../../machines/intake.js';
import type { JurisdictionDefinition } from '../../machines/shared/definition.js';

/**
 * Acting on a chart as a pure reducer, the way every chart test does: `act` takes the action as the
 * department the open task or offer awaits (or the one given) with the fixture's payload unless one
 * is given, and throws on a refusal; `refused` expects a refusal and returns it (by default as the
 * applying unit).
 */
export function chartDriver(def: JurisdictionDefinition, payloads: Record<string, Record<string, unknown> | undefined>, at: string) {
  function act(s: AnyMachineSnapshot, task: string, action: string, data?: Record<string, unknown>, department?: string, when = at): AnyMachineSnapshot {
    const assignee = department ?? [...awaitingTasks(s), ...offeredActions(s)].find((t) => t.id === task)?.assignee ?? 'applicant';
    const r = checkRequest(
      def,
      s,
      { task, action: action as never, department: assignee, actor: '经办人', data: data ?? payloads[`${task}.${action}`] ?? {} },
      when,
    );
    if (isRefusal(r)) throw Object.assign(new Error(`${task}.${action}: ${r.message}`), { refusal: r });
    return transition(def.machine, s, r)[0];
  }
  function refused(s: AnyMachineSnapshot, task: string, action: string, data: Record<string, unknown> = {}, department = 'applicant', when = at): Refusal {
    const r = checkRequest(def, s, { task, action: action as never, department, actor: '经办人', data }, when);
    if (!isRefusal(r)) throw new Error(`expected ${task}.${action} to be refused`);
    return r;
  }
  return { act, refused };
}
