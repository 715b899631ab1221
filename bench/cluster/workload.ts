/**
 * What the cluster benchmark and its smoke test send: one application per jurisdiction (the
 * what-if example, docs/what-if.example.json, under the development applicant's unit) and the first
 * action a reviewer can take on it, found by asking the chart rather than written down per chart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { initialTransition } from 'xstate';
import { jurisdictions } from '../../machines/index.js';
import { checkAction } from '../../machines/policy.js';
import { awaitingTasks } from '../../machines/status.js';
import { isRefusal } from '../../machines/shared/errors.js';
import { parsePayload } from '../../machines/intake.js';
import { regulationStatus } from '../../machines/shared/definition.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** An action a department can take on a freshly submitted project, with no payload. */
export interface FirstAction {
  task: string;
  action: string;
  department: string;
}

/** One jurisdiction's application and first action. */
export interface Workload {
  jurisdiction: string;
  application: Record<string, unknown>;
  first: FirstAction;
  /**
   * Set when the jurisdiction's regulation takes no new applications today (莱州's expired on
   * 2024-09-28, 莱州 第四十二条): its live projects are ones submitted while it was in force, so
   * the harness starts them as of this day, past the API, which rightly refuses them today.
   */
  carriedOverFrom?: Date;
}

/** The unit `seedDevelopmentUsers` gives a jurisdiction's development applicant. */
export const developmentUnit = (jurisdictionId: string) => `${jurisdictions[jurisdictionId]!.name}示例单位`;

// Actions that keep the project live come first: the benchmark counts live projects.
const PREFERENCE = ['approve', 'return', 'submit', 'confirm', 'accept'];

/** Applications and first actions for all five jurisdictions, as of `at`. */
export function workloads(at = new Date().toISOString()): Workload[] {
  const example = JSON.parse(readFileSync(path.join(root, 'docs', 'what-if.example.json'), 'utf8')) as {
    application: Record<string, unknown>;
    overrides: Record<string, Record<string, unknown>>;
  };
  return Object.values(jurisdictions).map((def) => {
    const application = { ...example.application, ...example.overrides[def.id], applicantUnit: developmentUnit(def.id) };
    const [snapshot] = initialTransition(def.machine, { projectId: `${def.id}-bench`, application });
    const candidates = awaitingTasks(snapshot)
      .flatMap((t) => t.actions.map((action) => ({ task: t.id, action, department: t.assignee })))
      .filter((c) => !('kind' in parsePayload(def.id, c.task, c.action, {})))
      .filter((c) => !isRefusal(checkAction(def, snapshot, { ...c, action: c.action as never, actor: '基准', data: {} }, at)))
      .sort((a, b) => rank(a.action) - rank(b.action));
    const first = candidates[0];
    if (!first) throw new Error(`${def.id}: no action without a payload is open after submission; the benchmark needs one`);
    const inForce = regulationStatus(def.regulation, at.slice(0, 10)).inForce;
    const lastDay = def.regulation.validUntil;
    // Noon in China on the regulation's last day: the last day a project could be submitted under it.
    const carriedOverFrom = !inForce && lastDay ? new Date(`${lastDay}T12:00:00+08:00`) : undefined;
    return { jurisdiction: def.id, application, first, ...(carriedOverFrom ? { carriedOverFrom } : {}) };
  });
}

const rank = (action: string) => {
  const i = PREFERENCE.indexOf(action);
  return i < 0 ? PREFERENCE.length : i;
};
