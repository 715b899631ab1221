/**
 * The workflow tier's driver: projects started and acted on through the Temporal client and the
 * contracts' updates and queries, as any client of the namespace would (signed with the test key
 * the bundle trusts), not through the API's ProjectService. The first input is what the API sends
 * (core/host.ts beginProject dates it and brings the first due times); applications and payloads
 * are read by the jurisdiction's intake as the API reads them, and a payload the intake refuses
 * goes to the workflow as it is, so its own checks answer.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { configuredDueTimes, type Effect, type Outbox } from '../../activities/index.js';
import type { DueTimeCalculator } from '../../contracts/due-times.js';
import {
  actUpdate,
  auditQuery,
  PROJECT_WORKFLOW,
  refusalOf,
  remindUpdate,
  viewQuery,
  type AnswerShape,
  type HistoryEntry,
  type ProjectInput,
  type ProjectView,
  type RemindInput,
} from '../../contracts/messages.js';
import { beginProject, startSearchAttributes } from '../../core/host.js';
import { buildView } from '../../core/view.js';
import { jurisdiction } from '../../machines/index.js';
import { intakeOf, parsePayload } from '../../machines/intake.js';
import { isAlreadyApplied, type ActionRequest } from '../../machines/policy.js';
import type { Refusal } from '../../machines/shared/errors.js';
import { chinaDate } from '../../machines/shared/events.js';
import type { CommandSigner } from '../../server/signing.js';
import type { Config } from '../../temporal.config.js';
import { eventually } from '../helpers/eventually.js';
import { serveTimeSkipping } from '../helpers/temporal.js';

/** An update the workflow's validator refused: nothing of it entered the history. */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
  get issues() {
    return this.refusal.issues;
  }
}

const refusing = (err: unknown): never => {
  const refusal = refusalOf(err);
  throw refusal ? new Refused(refusal) : err;
};

export class ProjectClient {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    readonly opts: { signer: CommandSigner; historyEventLimit?: number; dueTimes?: DueTimeCalculator; opinions?: boolean },
  ) {}

  /** Start a project's workflow with the input the API would send; the first view, built from that input. */
  async submit(jurisdictionId: string, rawApplication: unknown, submittedBy: { actor: string }, now: Date): Promise<ProjectView> {
    const def = jurisdiction(jurisdictionId);
    const application = intakeOf(def.id).applicationSchema.parse(rawApplication) as Record<string, unknown> & { applicantUnit: string };
    const projectId = `${def.id}-${chinaDate(now.getTime()).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
    const input: ProjectInput & { submittedAt: string } = {
      projectId,
      jurisdiction: def.id,
      chartVersion: def.version,
      application,
      submittedBy: { actor: submittedBy.actor, unit: application.applicantUnit },
      ...(this.opts.historyEventLimit !== undefined ? { historyEventLimit: this.opts.historyEventLimit } : {}),
      submittedAt: now.toISOString(),
    };
    // Unless asked: No opinion documents on the time-skipping server: it was seen to lose an action's update sent while an opinion's activity was in flight (docs/testing.md, "Opinions and the time-skipping server"); the dev-server tests issue them.
    const first = beginProject(def, input, this.opts.dueTimes, { opinions: this.opts.opinions ?? false });
    await this.client.workflow.start(PROJECT_WORKFLOW, {
      workflowId: projectId,
      taskQueue: this.taskQueue,
      args: [await this.opts.signer.signStart(input)],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: startSearchAttributes(def.id, application.applicantUnit, first) as never,
    });
    return buildView(def, first, now.getTime());
  }

  /** A signed action through the `act` update; the idempotency key is the caller's, or a fresh one. */
  async act(projectId: string, request: ActionRequest, idempotencyKey?: string, shape: AnswerShape = {}): Promise<ProjectView> {
    const parsed = parsePayload(projectId.split('-')[0]!, request.task, request.action, request.data);
    const data = 'kind' in parsed ? request.data : parsed.data;
    const args = await this.opts.signer.sign(projectId, {
      ...request,
      ...(data === undefined ? {} : { data }),
      requestId: idempotencyKey ?? `auto-${randomUUID()}`,
    });
    return this.client.workflow
      .getHandle(projectId)
      .executeUpdate(actUpdate, { args: [args, shape] })
      .catch((err: unknown) => this.repeated(projectId, err));
  }

  /** As the API answers an exact repeat the workflow refused so that it writes nothing: with the view (server/projects.ts). */
  private repeated(projectId: string, err: unknown): Promise<ProjectView> {
    return isAlreadyApplied(refusalOf(err)) ? this.view(projectId) : refusing(err);
  }

  /** A supervisor's 催办 through the `remind` update. */
  async remind(projectId: string, task: string, by: RemindInput['by'], requestId?: string): Promise<ProjectView> {
    const args = await this.opts.signer.signReminder(projectId, { task, by, ...(requestId ? { requestId } : {}) });
    return this.client.workflow
      .getHandle(projectId)
      .executeUpdate(remindUpdate, { args: [args] })
      .catch((err: unknown) => this.repeated(projectId, err));
  }

  view(projectId: string): Promise<ProjectView> {
    return this.client.workflow.getHandle(projectId).query(viewQuery);
  }

  audit(projectId: string): Promise<HistoryEntry[]> {
    return this.client.workflow.getHandle(projectId).query(auditQuery);
  }

  /** The due time of a project's first open task, once the workflow has computed it. */
  async firstDueAt(projectId: string): Promise<string> {
    const view = await eventually(
      () => this.view(projectId),
      (v) => Boolean(v.tasks[0]?.dueAt),
      { ms: 5_000, every: 100, what: "the first task's due time" },
    );
    return view.tasks[0]!.dueAt!;
  }
}

/** A time-skipping server with one worker serving every project of a test file, and the client over it. */
export interface WorkflowStack {
  env: TestWorkflowEnvironment;
  projects: ProjectClient;
  /** Notifications and escalations the worker delivered. */
  effects: Effect[];
  /** Where the worker writes closed projects' archive packages (a temporary folder). */
  archiveDir: string;
  taskQueue: string;
  config: Config;
  stop(): Promise<void>;
}

/** {@link serveTimeSkipping} with the contracts' client over it (no server layer). */
export async function startWorkflowStack(
  opts: { config?: Config; historyEventLimit?: number; moveToTestClock?: boolean; outbox?: Outbox } = {},
): Promise<WorkflowStack> {
  const served = await serveTimeSkipping(opts);
  const { env, config } = served;
  const projects = new ProjectClient(env.client, config.temporal.taskQueue, {
    signer: served.signer,
    historyEventLimit: opts.historyEventLimit ?? config.historyEventLimit,
    dueTimes: configuredDueTimes(config),
  });
  return { env, projects, effects: served.effects, archiveDir: served.archiveDir, taskQueue: config.temporal.taskQueue, config, stop: served.stop };
}
