import { getShortestPaths } from '@xstate/graph';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { intakeOf, zodIssues } from './intake.js';
import type { Issue } from './shared/errors.js';
import { awaitingTasks, offeredActions, publicStatus, type DeadlineInfo, type TaskInfo } from './status.js';
import { regulationStatus, type JurisdictionDefinition } from './shared/definition.js';
import type { TaskEvent } from './shared/events.js';
import type { TaskAction } from './shared/meta.js';

/** One step a jurisdiction would impose on the way from application to operation. */
export interface WhatIfStep {
  task: string;
  title: string;
  department: string;
  departmentName: string;
  article: string;
  deadline?: Pick<DeadlineInfo, 'title' | 'article' | 'period'>;
}

/** What one jurisdiction would make of an application. */
export interface WhatIfResult {
  jurisdiction: string;
  name: string;
  regulation: { title: string; document: string; inForce: boolean; notice?: string };
  accepted: boolean;
  issues: Issue[];
  steps: WhatIfStep[];
  /** Departments that act, in order of first appearance. */
  departments: string[];
  /** What the applying unit (or builder) must do along the way and in operation, with deadlines. */
  obligations: WhatIfStep[];
  deadlines: Array<NonNullable<WhatIfStep['deadline']>>;
}

/** Actions that move a project forward; the shortest forward path is what a smooth project meets. */
const FORWARD: TaskAction[] = ['approve', 'submit', 'pass'];

/** The chart with every regulatory condition taken as met: the shape of the process, not a verdict. */
export function permissiveMachine(def: JurisdictionDefinition) {
  return def.machine.provide({ guards: { rulesHold: () => true } } as never);
}

/**
 * The shortest path from the start to operation through the open tasks and offers (supervision
 * aside), with the event `eventFor` makes for each task action (undefined = not taken), or undefined.
 */
export function shortestPathToOperation(
  machine: AnyStateMachine,
  input: unknown,
  eventFor: (snapshot: AnyMachineSnapshot, task: TaskInfo, action: TaskAction) => TaskEvent | undefined,
) {
  const paths = getShortestPaths(machine, {
    input,
    events: (s) => {
      const snapshot = s as AnyMachineSnapshot;
      if (publicStatus(snapshot) === 'in_operation') return [];
      return [...awaitingTasks(snapshot), ...offeredActions(snapshot)]
        .filter((t) => t.id !== 'supervision')
        .flatMap((t) => t.actions.flatMap((a) => eventFor(snapshot, t, a) ?? [])) as never;
    },
    serializeState: (s) => JSON.stringify((s as AnyMachineSnapshot).value),
  });
  return paths.filter((p) => publicStatus(p.state as AnyMachineSnapshot) === 'in_operation').sort((a, b) => a.steps.length - b.steps.length)[0];
}

/** The shortest path of forward actions from a validated application to operation, or undefined. */
export function forwardPath(def: JurisdictionDefinition, application: unknown, at: string) {
  return shortestPathToOperation(permissiveMachine(def), { projectId: 'what-if', application }, (_s, t, a) =>
    FORWARD.includes(a) ? { type: `${t.id}.${a}`, department: t.assignee, actor: 'what-if', data: {}, at } : undefined,
  );
}

/**
 * Run an application through one jurisdiction's chart without starting a workflow: validate it,
 * then walk the shortest path of forward actions to operation, assuming every regulatory condition
 * is met (the steps, departments and deadlines are what the chart imposes, not a prediction).
 */
export function whatIf(def: JurisdictionDefinition, raw: Record<string, unknown>, today: string): WhatIfResult {
  const status = regulationStatus(def.regulation, today);
  const base = {
    jurisdiction: def.id,
    name: def.name,
    regulation: { title: def.regulation.title, document: def.regulation.document, ...status },
  };
  const intake = intakeOf(def.id);
  const parsed = intake.applicationSchema.safeParse(raw);
  const late = parsed.success ? (intake.intakeChecks?.(parsed.data, today) ?? []) : [];
  if (!parsed.success || late.length) {
    const issues = parsed.success ? late : zodIssues(parsed.error, 'application');
    return { ...base, accepted: false, issues, steps: [], departments: [], obligations: [], deadlines: [] };
  }
  const best = forwardPath(def, parsed.data, `${today}T02:00:00.000Z`);
  const steps: WhatIfStep[] = [];
  const toStep = (t: ReturnType<typeof awaitingTasks>[number] | ReturnType<typeof offeredActions>[number]): WhatIfStep => {
    const deadline = (t as { deadline?: DeadlineInfo }).deadline;
    return {
      task: t.id,
      title: t.title,
      department: t.assignee,
      departmentName: def.departments[t.assignee]?.name ?? t.assignee,
      article: t.article,
      ...(deadline ? { deadline: { title: deadline.title, article: deadline.article, period: deadline.period } } : {}),
    };
  };
  // Everything awaited along the way and once in operation, taken or not (recurring reports, evaluations).
  const awaited = new Map<string, WhatIfStep>();
  for (const step of best?.steps ?? []) {
    for (const t of awaitingTasks(step.state as AnyMachineSnapshot)) if (t.id !== 'rectification') awaited.set(t.id, toStep(t));
  }
  best?.steps.forEach((step, i) => {
    if (i === 0) return;
    const before = best.steps[i - 1]!.state as AnyMachineSnapshot;
    const [taskId] = (step.event as { type: string }).type.split('.');
    const t = [...awaitingTasks(before), ...offeredActions(before)].find((x) => x.id === taskId);
    if (t) steps.push(toStep(t));
  });
  const unitSteps = [...awaited.values()].filter((s) => s.department === 'applicant' || s.department === 'operator');
  return {
    ...base,
    accepted: true,
    issues: [],
    steps,
    departments: [...new Set(steps.map((s) => s.departmentName))],
    obligations: unitSteps,
    deadlines: [...awaited.values()].flatMap((s) => (s.deadline ? [s.deadline] : [])),
  };
}

/** The same application (a shared part plus per-jurisdiction fields) through every jurisdiction, side by side. */
export function whatIfAll(
  defs: JurisdictionDefinition[],
  common: Record<string, unknown>,
  overrides: Record<string, Record<string, unknown>>,
  today: string,
): WhatIfResult[] {
  return defs.map((def) => whatIf(def, { ...common, ...(overrides[def.id] ?? {}) }, today));
}
