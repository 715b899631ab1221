/**
 * Pure chart speed (`npm run bench`, part 5): each chart as a pure reducer along its forward path
 * to operation, stepped as the workflow host steps it (machines/shared/step.ts: xstate's
 * `machine.transition` with one inert actor scope per chart), beside xstate's floor for the same
 * chart stepped the same way. Each figure is taken in a fresh Node
 * process of its own (`node bench/chart-speed.ts` reads the job on stdin, prints the figure), because
 * V8's allocation-site pretenuring is process-wide: once one chart has taught it to allocate xstate's
 * per-call objects in the old generation, every later chart and floor in the process pays for it,
 * so a figure measured in-process depended on what had run before it.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { initialTransition, setup, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { jurisdiction, type JurisdictionDefinition } from '../machines/index.js';
import { step } from '../machines/shared/step.js';
import { permissiveMachine } from '../machines/whatif.js';

/** What one measuring process is asked. */
export interface SpeedJob {
  jurisdiction: string;
  role: 'product' | 'floor';
  ms: number;
  application: unknown;
  events: unknown[];
}

const input = (application: unknown) => ({ projectId: 'what-if', application });

/**
 * xstate's floor for a chart: the same states (nesting, parallel regions, targets, eventless
 * transitions) and the chart's own context factory, with every action, entry and exit removed and
 * each named guard answered by the verdict the chart's guard gives for this application
 * (`rulesHold` true, as in the permissive chart). So it takes the same path through the same shape,
 * and only xstate's own work of selecting and taking transitions remains. Dropping the guards
 * instead sent the floor down the first alternative of every choice (another track, class or
 * type), where most events of the path were ignored, and an ignored event costs next to nothing.
 */
export function floorMachine(def: JurisdictionDefinition, application: unknown): AnyStateMachine {
  const strip = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(strip);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (['actions', 'entry', 'exit', 'meta', 'description', 'invoke', 'after'].includes(k)) continue;
      out[k] = k === 'context' ? v : strip(v);
    }
    return out;
  };
  // Every guard but rulesHold reads only the application, which no step changes.
  const { context } = initialTransition(def.machine, input(application))[0];
  const guards = def.machine.implementations.guards as Record<string, (args: unknown, params: unknown) => boolean>;
  const verdicts = Object.fromEntries(
    Object.entries(guards).map(([name, guard]) => {
      const verdict = name === 'rulesHold' || guard({ context, event: { type: 'floor' } }, undefined);
      return [name, () => verdict];
    }),
  );
  return setup({ guards: verdicts } as never).createMachine(strip(def.machine.config) as never) as unknown as AnyStateMachine;
}

/** The machine a job measures and where it starts. */
function subject(job: Pick<SpeedJob, 'jurisdiction' | 'role' | 'application'>) {
  const def = jurisdiction(job.jurisdiction);
  const machine = job.role === 'product' ? permissiveMachine(def) : floorMachine(def, job.application);
  return { machine, initial: initialTransition(machine, input(job.application))[0] };
}

/**
 * Checks that a measurement means what it says: every event of the path is taken by the chart and
 * by its floor (an ignored event is cheap and would inflate the figure), and both pass through the
 * same states. Throws naming the chart and step where they part.
 */
export function checkPath(job: Omit<SpeedJob, 'role' | 'ms'>): void {
  const product = subject({ ...job, role: 'product' });
  const floor = subject({ ...job, role: 'floor' });
  let [p, f] = [product.initial, floor.initial];
  const value = (s: AnyMachineSnapshot) => JSON.stringify(s.value);
  if (value(p) !== value(f)) throw new Error(`${job.jurisdiction}: floor starts in ${value(f)}, chart in ${value(p)}`);
  job.events.forEach((event, i) => {
    const [p2, f2] = [step(product.machine, p, event as never)[0], step(floor.machine, f, event as never)[0]];
    const type = (event as { type: string }).type;
    if (p2 === p || f2 === f) throw new Error(`${job.jurisdiction}: step ${i + 1} (${type}) is ignored by the ${p2 === p ? 'chart' : 'floor'}`);
    if (value(p2) !== value(f2)) throw new Error(`${job.jurisdiction}: after step ${i + 1} (${type}) the floor is in ${value(f2)}, the chart in ${value(p2)}`);
    [p, f] = [p2, f2];
  });
}

/** Transitions per second of one machine along events, for about `ms` after a warm-up of half that. */
export function speedOf(machine: AnyStateMachine, initial: AnyMachineSnapshot, events: unknown[], ms: number): number {
  const run = (forMs: number) => {
    let count = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < forMs) {
      let s = initial;
      for (const e of events) {
        s = step(machine, s, e as never)[0];
        count++;
      }
    }
    return count / ((performance.now() - t0) / 1000);
  };
  run(ms / 2);
  return Math.round(run(ms));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const job = JSON.parse(readFileSync(0, 'utf8')) as SpeedJob;
  const { machine, initial } = subject(job);
  process.stdout.write(JSON.stringify({ perSecond: speedOf(machine, initial, job.events, job.ms) }));
}
