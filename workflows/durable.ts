/**
 * The shell's small Temporal-bound parts: its input checked at the boundary, the one durable timer
 * it keeps armed, and search attributes upserted only when they change.
 */
import { ApplicationFailure, CancellationScope, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { ACTION_REFUSED, checkProjectInput, type ProjectInput } from '../contracts/messages.js';
import { chartVersion } from '../machines/index.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';
import type { Refusal } from '../machines/shared/errors.js';
import { attributeText, searchAttributeValues, type HostState } from '../core/host.js';

/** A refusal as the failure an update validator throws (the API reads it back with refusalOf). */
export const refuse = (r: Refusal) => ApplicationFailure.create({ type: ACTION_REFUSED, message: r.message, details: [r], nonRetryable: true });

/** An update validator's answer: a refusal rejects the update (it never enters the history). */
export function rejectIf(r: Refusal | undefined): void {
  if (r) throw refuse(r);
}

/** The input and the chart version it names; either wrong fails the workflow for good. */
export function projectOf(rawInput: ProjectInput): { input: ProjectInput; def: JurisdictionDefinition } {
  let input: ProjectInput;
  try {
    input = checkProjectInput(rawInput);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidProjectInput');
  }
  try {
    // A running project stays on the chart version it started with (docs/compatibility.md, "Older chart versions").
    return { input, def: chartVersion(input.jurisdiction, input.chartVersion) };
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'ChartVersionUnavailable');
  }
}

/**
 * One durable timer for the earliest alarm. A later alarm keeps it (it rings early, finds nothing
 * due and is armed again), so steps that alternate between time limits do not cancel and start timers.
 */
export class Alarm {
  private armed: { at: number; scope: CancellationScope } | undefined;
  /** The armed instant has come. */
  rang = false;

  /** Whether `at` needs the timer armed anew: nothing armed, or armed for later. */
  wants(at: number | undefined): boolean {
    return at !== undefined && (this.armed === undefined || at < this.armed.at);
  }

  /** Arm for `at` (cancelling what was armed); undefined disarms. */
  arm(at: number | undefined) {
    this.armed?.scope.cancel();
    this.armed = undefined;
    this.rang = false;
    if (at === undefined) return;
    const mine = { at, scope: new CancellationScope() };
    this.armed = mine;
    mine.scope
      .run(() => sleep(Math.max(1, at - Date.now())))
      .then(
        () => {
          if (this.armed !== mine) return;
          this.armed = undefined;
          this.rang = true;
        },
        () => undefined,
      );
  }
}

/** Upserts the project's search attributes that differ from what the run has (set at start, carried, or upserted). */
export function attributePublisher(state: HostState): () => void {
  const published = new Map(
    workflowInfo()
      .typedSearchAttributes.getAll()
      .map((p) => [p.key.name, attributeText(p.value)]),
  );
  return () => {
    const changed = searchAttributeValues(state).filter((a) => (published.get(a.key.name) ?? 'null') !== attributeText(a.value));
    if (changed.length === 0) return;
    upsertSearchAttributes(changed as never);
    for (const a of changed) published.set(a.key.name, attributeText(a.value));
  };
}
