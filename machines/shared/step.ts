/**
 * One step of a chart as a pure reducer: xstate's `transition(machine, snapshot, event)`, without
 * the throwaway actor it builds on every call. That actor computes the chart's initial state (and
 * two actor systems) before each step; this gives the same snapshots and the same actions without
 * it (test/machines/step.test.ts holds every chart's paths to it; bench/chart-speed.ts times both).
 *
 * Only xstate's public API: `StateMachine.transition(snapshot, event, actorScope)` with an
 * `ActorScope` of our own, inert as xstate's own is — nothing deferred, emitted, logged or stopped —
 * and built once per machine: `self` is an actor never started. That is safe for our charts because
 * they spawn and invoke nothing and delay nothing (workflows/host.ts refuses delayed actions), and
 * no action of theirs reads `self`; the actions a step names are collected, not executed.
 */
import { createActor, type ActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject, transition } from 'xstate';

/** What a step names for the caller to carry out, as `transition()` returns them. */
export type StepActions = ReturnType<typeof transition>[1];

const scopes = new WeakMap<AnyStateMachine, ActorScope<AnyMachineSnapshot, EventObject>>();

function scopeOf(machine: AnyStateMachine): ActorScope<AnyMachineSnapshot, EventObject> {
  let scope = scopes.get(machine);
  if (!scope) {
    // Without input a chart's context factory refuses to start: this actor only stands for `self`.
    const self = createActor(machine);
    scope = {
      self: self as never,
      id: '',
      sessionId: '',
      logger: () => {},
      defer: () => {},
      emit: () => {},
      system: self.system,
      stopChild: () => {},
      actionExecutor: () => {
        throw new Error('a chart step ran outside step()');
      },
    };
    scopes.set(machine, scope);
  }
  return scope;
}

/** The next snapshot and the actions it names, as `transition(machine, snapshot, event)` gives them. */
export function step(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): [AnyMachineSnapshot, StepActions] {
  const scope = scopeOf(machine);
  const actions: StepActions = [];
  const outer = scope.actionExecutor;
  scope.actionExecutor = (action) => void actions.push(action as StepActions[number]);
  try {
    return [machine.transition(snapshot, event, scope), actions];
  } finally {
    scope.actionExecutor = outer;
  }
}
