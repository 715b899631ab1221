import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
// The client's list() hides page tokens; the raw call keeps them, so its attributes are decoded here.
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes.js';
import { jurisdiction as definitionOf, findJurisdiction } from '../machines/index.js';
import { intakeOf, parsePayload, zodIssues } from '../machines/intake.js';
import type { ActionRequest } from '../machines/policy.js';
import type { Issue, Refusal } from '../machines/shared/errors.js';
import { regulationStatus } from '../machines/shared/definition.js';
import { chinaDate } from '../machines/shared/events.js';
import { PUBLIC_STATUSES, SANCTION_LEVELS, type PublicStatus } from '../machines/shared/meta.js';
import { canonicalJson, isAlreadyApplied, sha256Hex } from '../machines/policy.js';
import {
  actUpdate,
  auditQuery,
  PROJECT_WORKFLOW,
  refusalOf,
  remindUpdate,
  viewQuery,
  type HistoryEntry,
  type ProjectInput,
  type ProjectView,
  type RemindInput,
} from '../contracts/messages.js';
import { searchAttributes } from '../contracts/search-attributes.js';
import type { DueTimeCalculator } from '../contracts/due-times.js';
import { beginProject, startSearchAttributes } from '../core/host.js';
import { endedLabel, lastResetTime, withExecution } from './execution.js';
import { buildView } from '../core/view.js';
import { shortId } from './errors.js';
import type { CommandSigner } from './signing.js';
import { ViewMemory } from './view-memory.js';
import type { ProjectFilter, Projects, ProjectSource, ProjectSummary } from './projects-api.js';

/** The jurisdiction a project id names (ids are `<jurisdiction>-<yyyymmdd>-<hex>`). */
export const jurisdictionOfProject = (projectId: string): string => projectId.split('-')[0] ?? '';

/** How long the API waits for Temporal before answering 503. */
export const TEMPORAL_DEADLINE_MS = 8_000;

/**
 * What can go wrong with a project, in the service's terms; the HTTP layer (server/api/errors.ts)
 * decides the status each answers with.
 */
export class ProjectError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** No such project (or an id naming no jurisdiction). */
export class ProjectNotFound extends ProjectError {
  constructor(projectId: string) {
    super('not_found', `项目 ${shortId(projectId)} 不存在`);
  }
}

/** An application its jurisdiction's schema or dated intake rules refuse. */
export class ApplicationInvalid extends ProjectError {
  constructor(message: string, issues: Issue[]) {
    super('invalid_request', message, issues);
  }
}

/** A jurisdiction whose regulation is not in force on the day of submission. */
export class RegulationNotInForce extends ProjectError {
  constructor(message: string) {
    super('regulation_not_in_force', message);
  }
}

/** An action refused by the payload schema, the chart, the workflow's validator or the idempotency rule. */
export class ActionRefused extends ProjectError {
  constructor(readonly refusal: Refusal) {
    super(refusal.kind, refusal.message, refusal.issues);
  }
}

/** A page token this server did not issue (forged, or sealed by another process). */
export class UnknownPage extends ProjectError {
  constructor() {
    super('page_not_found', '分页标记无效或已过期，请从第一页重新查询', [{ field: 'query.pageToken', rule: 'unknown_page', message: '分页标记无效或已过期' }]);
  }
}

/** Temporal did not answer in time or could not be reached. */
export class TemporalUnavailable extends ProjectError {
  constructor(
    /** Whether a command sent may still be carried out (and the key to retry it safely with, or the project it created). */
    readonly pending?: { mayStillApply: boolean; idempotencyKey?: string; projectId?: string; submission?: boolean },
  ) {
    super(
      'temporal_unavailable',
      pending?.submission
        ? submissionUnavailable(pending)
        : pending?.projectId
          ? `项目 ${pending.projectId} 的申报可能已创建，也可能未创建：工作流服务暂时无法应答；请稍后查看该项目或“我的申报”，未创建时再申报`
          : pending?.mayStillApply
            ? `工作流服务暂时无法应答；该办理可能仍会生效，请稍后${pending.idempotencyKey ? `使用同一 Idempotency-Key（${pending.idempotencyKey}）` : ''}重试或查看项目`
            : '工作流服务暂时无法应答，请稍后重试',
      [{ field: '(service)', rule: 'unavailable', message: '工作流服务暂时无法应答' }],
    );
  }
}

/**
 * What a submission's 503 says, truthfully (issue 20 item 6): whether the project may exist, under
 * which id, and how to find out; a submission with an idempotency key is safe to resend with it.
 */
function submissionUnavailable(p: { mayStillApply: boolean; idempotencyKey?: string; projectId?: string }): string {
  const retry = p.idempotencyKey ? `请稍后用同一 Idempotency-Key（${p.idempotencyKey}）重新提交，同一幂等键只会创建一个项目` : '';
  if (!p.mayStillApply)
    return p.idempotencyKey
      ? `工作流服务暂时无法应答，本次申报未发出（此前用同一幂等键的提交可能已创建项目）；${retry}，或在“我的申报”中查看`
      : '工作流服务暂时无法应答，本次申报未发出，请稍后重试';
  const where = p.projectId ? `项目 ${p.projectId}` : '项目';
  return p.idempotencyKey
    ? `申报可能已创建（${where}），也可能未创建：工作流服务暂时无法应答。${retry}，或在“我的申报”中查看`
    : `申报可能已创建（${where}），也可能未创建：工作流服务暂时无法应答。请稍后在“我的申报”中查看，未创建时再提交（带 Idempotency-Key 的申报可安全重试）`;
}

/** A submission's idempotency key already used by the same user for another application. */
export class SubmissionKeyReused extends ProjectError {
  constructor(projectId: string) {
    super('idempotency_key_reused', `该 Idempotency-Key 已用于另一份申报（项目 ${projectId}）：重试请发送原申报，新申报请用新的幂等键`, [
      { field: 'header.Idempotency-Key', rule: 'reused', message: '幂等键已用于另一份申报' },
    ]);
  }
}

/** How many days back a submission's idempotency key is looked for (a retry the next week creates anew). */
export const SUBMISSION_KEY_DAYS = 7;

/** Where a keyed submission's workflow records its key: the start's memo (no workflow input, no history event of its own). */
const SUBMISSION_MEMO = 'submissionKey';
interface SubmissionMemo {
  userId: string;
  key: string;
  bodyHash: string;
}

/** Whether an error means Temporal did not answer (deadline, unreachable), rather than a refusal. */
function unavailable(err: unknown): boolean {
  for (let e = err as { name?: string; code?: number; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.name === 'BoundedWaitTimeout') return true;
    // gRPC: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE, 1 CANCELLED (deadline reached while retrying).
    if (e.name === 'ServiceError' || typeof e.code === 'number') {
      if (e.code === 4 || e.code === 14 || e.code === 1) return true;
    }
  }
  return false;
}

/** What a project service is made of; the Temporal client, the task queue and the history bound are required. */
export interface ProjectServiceOptions {
  client: Client;
  taskQueue: string;
  /** Continue as new once a run's history passes this many events (temporal.config.ts historyEventLimit). */
  historyEventLimit: number;
  /** Signs each action for the workflow's validator; without it every action is refused there. */
  signer?: CommandSigner;
  /** The deadline of each call to Temporal (default TEMPORAL_DEADLINE_MS). */
  deadlineMs?: number;
  /** Seals list page tokens; API processes sharing one data folder share it. Default: this process's own. */
  pageKey?: Buffer;
  /**
   * The worker's due-time computation (activities' dueTimeCalculator with the same configuration);
   * without it a new project's first due times come from its workflow a moment later.
   */
  dueTimes?: DueTimeCalculator;
  /**
   * The latest views of recently used projects, so an action's answer carries only what is new
   * (server/view-memory.ts); by default this process's own.
   */
  viewMemory?: ViewMemory;
  /** Whether the projects it starts issue their decisions as numbered opinion documents (temporal.config.ts opinions.issue; default yes). */
  opinions?: boolean;
}

/**
 * Projects as durable workflows: start, read, act and remind, with errors as ProjectErrors. It
 * remembers the latest views of recently used projects so an action's answer carries only what is
 * new (server/view-memory.ts). Lists read the read model (server/read-model); `list` here reads
 * Temporal's visibility only for what the read model's keeper asks (every project id, recent starts
 * and closes).
 */
export class ProjectService implements Projects {
  /** The Temporal client it calls (the bench reads a failed workflow's history through it). */
  readonly client: Client;
  private readonly taskQueue: string;
  private readonly historyEventLimit: number;
  private readonly signer: CommandSigner | undefined;
  private readonly deadlineMs: number;
  private readonly pageKey: Buffer;
  private readonly dueTimes: DueTimeCalculator | undefined;
  private readonly opinions: boolean;
  private readonly known: ViewMemory;

  constructor(options: ProjectServiceOptions) {
    this.client = options.client;
    this.taskQueue = options.taskQueue;
    this.historyEventLimit = options.historyEventLimit;
    this.signer = options.signer;
    this.deadlineMs = options.deadlineMs ?? TEMPORAL_DEADLINE_MS;
    this.pageKey = options.pageKey ?? randomBytes(32);
    this.dueTimes = options.dueTimes;
    this.opinions = options.opinions ?? true;
    this.known = options.viewMemory ?? new ViewMemory();
  }

  /** Run a Temporal call with a deadline; past it (or with Temporal unreachable) a TemporalUnavailable. */
  private async bounded<T>(fn: () => Promise<T>, pending?: TemporalUnavailable['pending']): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    // The gRPC deadline ends the call; the timer also covers waits between the client's own retries.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('deadline'), { name: 'BoundedWaitTimeout' })), this.deadlineMs + 500);
    });
    try {
      return await Promise.race([this.client.withDeadline(Date.now() + this.deadlineMs, fn), timeout]);
    } catch (err) {
      if (unavailable(err)) throw new TemporalUnavailable(pending);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Validate an application against its jurisdiction and start the project's workflow. */
  async submit(
    jurisdictionId: string,
    rawApplication: unknown,
    submittedBy: { actor: string },
    now = new Date(),
    /** The submitter's idempotency key and user id: a retry with them returns the same project, created once. */
    keyed?: { idempotencyKey: string; userId: string },
  ): Promise<ProjectView> {
    const def = definitionOf(jurisdictionId);
    const today = chinaDate(now.getTime());
    const regulation = regulationStatus(def.regulation, today);
    if (!regulation.inForce) {
      throw new RegulationNotInForce(`${def.regulation.title}（${def.regulation.document}）${regulation.notice ?? ''}：${today} 的新申报不适用`);
    }
    const intake = intakeOf(def.id);
    const parsed = intake.applicationSchema.safeParse(rawApplication);
    if (!parsed.success) throw new ApplicationInvalid('申报材料不符合要求', zodIssues(parsed.error, 'application'));
    const late = intake.intakeChecks?.(parsed.data, today) ?? [];
    if (late.length > 0) throw new ApplicationInvalid(late.map((i) => `${i.message}（${i.article}）`).join('；'), late);
    const application = parsed.data as { applicantUnit: string };
    const fresh = (projectId: string): ProjectInput & { submittedAt: string } => ({
      projectId,
      jurisdiction: def.id,
      chartVersion: def.version,
      application: parsed.data,
      submittedBy: { actor: submittedBy.actor, unit: application.applicantUnit },
      historyEventLimit: this.historyEventLimit,
      submittedAt: now.toISOString(),
    });
    // The first state is a pure function of the input (core/host.ts), and so are its first
    // time limits once their due times travel with it: the workflow's first task then computes
    // nothing and upserts nothing, and the start need not wait for it. The view answered here is
    // the one the workflow will hold (test/server/project-service-start.test.ts compares them).
    const start = async (input: ProjectInput & { submittedAt: string }, memo?: SubmissionMemo) => {
      const first = beginProject(def, input, this.dueTimes, { opinions: this.opinions });
      // Only the product starts a project: the workflow refuses a start without the API's signature over its input.
      const signed = this.signer ? await this.signer.signStart(input) : input;
      await this.bounded(
        () =>
          this.client.workflow.start(PROJECT_WORKFLOW, {
            workflowId: input.projectId,
            taskQueue: this.taskQueue,
            args: [signed],
            workflowIdConflictPolicy: 'FAIL',
            typedSearchAttributes: startSearchAttributes(def.id, application.applicantUnit, first) as never,
            // A keyed project's id is never started again, not even once the project has closed.
            ...(memo ? { memo: { [SUBMISSION_MEMO]: memo }, workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
          }),
        // Whatever happens to the answer, it names the project and the key to find or resend it with.
        { mayStillApply: true, projectId: input.projectId, submission: true, ...(memo ? { idempotencyKey: memo.key } : {}) },
      );
      return this.known.remember(buildView(def, first, now.getTime()));
    };
    if (!keyed) return start(fresh(`${def.id}-${today.replaceAll('-', '')}-${randomBytes(4).toString('hex')}`));

    // A keyed submission (issue 20 item 6): its id is derived from (user, key), so a retry finds the
    // project the first attempt created, or creates it once. The id's day is the first attempt's:
    // the previous days' ids are looked for first.
    const memo: SubmissionMemo = {
      userId: keyed.userId,
      key: keyed.idempotencyKey,
      bodyHash: sha256Hex(canonicalJson({ jurisdiction: def.id, application: parsed.data })),
    };
    const idOn = (day: string, probe: number) =>
      `${def.id}-${day.replaceAll('-', '')}-${createHmac('sha256', this.pageKey)
        .update(canonicalJson({ use: 'submission-id', userId: memo.userId, key: memo.key, probe }))
        .digest('hex')
        .slice(0, 8)}`;
    const earlier = Array.from({ length: SUBMISSION_KEY_DAYS - 1 }, (_, i) => chinaDate(now.getTime() - (i + 1) * 86_400_000));
    const notSent = { mayStillApply: false, submission: true, idempotencyKey: memo.key };
    const found = (await Promise.all(earlier.map((day) => this.keyedProject(idOn(day, 0), memo, notSent)))).find((f) => f !== undefined);
    if (found) return this.sameSubmission(found, memo, notSent);
    // A different (user, key) whose id collides takes the next probe (ids have 32 bits per day and jurisdiction).
    for (let probe = 0; probe < 4; probe++) {
      const projectId = idOn(today, probe);
      try {
        return await start(fresh(projectId), memo);
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
      const existing = await this.keyedProject(projectId, memo, { ...notSent, mayStillApply: true, projectId });
      if (existing) return this.sameSubmission(existing, memo, { ...notSent, mayStillApply: true, projectId });
    }
    throw new Error(`no free project id for idempotency key ${memo.key}`);
  }

  /** The project at this id when it was started with the same user's key; undefined when none is there, or another's. */
  private async keyedProject(projectId: string, memo: SubmissionMemo, pending: TemporalUnavailable['pending']) {
    try {
      const described = await this.bounded(() => this.client.workflow.getHandle(projectId).describe(), pending);
      const theirs = described.memo?.[SUBMISSION_MEMO] as SubmissionMemo | undefined;
      return theirs && theirs.userId === memo.userId && theirs.key === memo.key ? { projectId, memo: theirs } : undefined;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  /** The project a retry found: its view when it is the same application, 422 when the key named another. */
  private async sameSubmission(found: { projectId: string; memo: SubmissionMemo }, memo: SubmissionMemo, pending: TemporalUnavailable['pending']) {
    if (found.memo.bodyHash !== memo.bodyHash) throw new SubmissionKeyReused(found.projectId);
    return this.known.remember(await this.bounded(() => this.client.workflow.getHandle(found.projectId).query(viewQuery), pending));
  }

  /**
   * The public view of a project. A view shown to someone is kept for their next action; lists,
   * which read hundreds, pass `keep: false` so they do not push out the projects people act on.
   */
  async view(projectId: string, opts: { keep?: boolean } = {}): Promise<ProjectView> {
    return this.guard(projectId, async () => {
      const handle = this.client.workflow.getHandle(projectId);
      // Asked together: a workflow ended outside the product still answers the query with its last status (server/execution.ts).
      const [queried, described] = await this.bounded(() => Promise.all([handle.query(viewQuery), handle.describe()]));
      const view = withExecution(queried, described.status.name, described.closeTime, lastResetTime(described.raw));
      return opts.keep === false ? view : this.known.remember(view);
    });
  }

  /** The audit trail of a project. */
  async audit(projectId: string): Promise<HistoryEntry[]> {
    return this.guard(projectId, () => this.bounded(() => this.client.workflow.getHandle(projectId).query(auditQuery)));
  }

  /**
   * Act on a task, signed for the workflow. The idempotency key belongs to (project, user): the
   * update id is derived from both and from what is asked, so the same user repeating the same
   * request acts once, and the same key with another body is refused by the workflow (422).
   */
  async act(projectId: string, request: ActionRequest, idempotencyKey?: string, opts: { taskOpen?: boolean } = {}): Promise<ProjectView> {
    return this.guard(projectId, async () => {
      // The payload's shape is checked here, where the request arrives, and again in the workflow. For
      // a step not open it does not matter: the workflow repeats an earlier result for the key or answers 409.
      let payload = parsePayload(jurisdictionOfProject(projectId), request.task, request.action, request.data);
      if ('kind' in payload) {
        if (opts.taskOpen !== false) throw new ActionRefused(payload);
        payload = { data: (request.data ?? {}) as Record<string, unknown> };
      }
      if (!this.signer) throw new Error('ProjectService has no CommandSigner: actions cannot be signed');
      const key = idempotencyKey ?? `auto-${randomUUID()}`;
      const args = await this.signer.sign(projectId, { ...request, data: payload.data, requestId: key });
      const updateId = sha256Hex(canonicalJson({ projectId, user: request.identity?.userId ?? request.department, key, body: args.bodyHash }));
      const handle = this.client.workflow.getHandle(projectId);
      const since = this.known.since(projectId);
      let answer: ProjectView;
      try {
        answer = await this.bounded(() => handle.executeUpdate(actUpdate, { args: [args, since === undefined ? {} : { since }], updateId }), {
          mayStillApply: true,
          idempotencyKey: key,
        });
      } catch (err) {
        const refusal = refusalOf(err);
        // An exact repeat is refused by the workflow so it writes nothing; it is answered as the command was: with the view.
        if (isAlreadyApplied(refusal)) return this.known.remember(await this.bounded(() => handle.query(viewQuery)));
        if (refusal) throw new ActionRefused(refusal);
        if (err instanceof WorkflowUpdateFailedError) throw new ActionRefused({ kind: 'conflict', message: err.message, issues: [] });
        throw err;
      }
      // The action is applied: a view that cannot be completed from the one held is asked for
      // whole, and if that fails, the answer is still what it is, with only the entries it carries.
      const view = this.known.complete(answer);
      if (view) return view;
      try {
        return this.known.remember(await this.bounded(() => handle.query(viewQuery)));
      } catch {
        return ViewMemory.partial(answer);
      }
    });
  }

  /** A supervisor's 催办 of an awaited task; the request id makes a retried request remind once. */
  async remind(projectId: string, task: string, by: RemindInput['by'], requestId?: string): Promise<ProjectView> {
    return this.guard(projectId, async () => {
      const handle = this.client.workflow.getHandle(projectId);
      try {
        if (!this.signer) throw new Error('ProjectService has no CommandSigner: reminders cannot be signed');
        const args = await this.signer.signReminder(projectId, { task, by, ...(requestId ? { requestId } : {}) });
        const view = await this.bounded(() => handle.executeUpdate(remindUpdate, { args: [args], ...(requestId ? { updateId: requestId } : {}) }), {
          mayStillApply: true,
          ...(requestId ? { idempotencyKey: requestId } : {}),
        });
        return this.known.remember(view);
      } catch (err) {
        const refusal = refusalOf(err);
        if (isAlreadyApplied(refusal)) return this.known.remember(await this.bounded(() => handle.query(viewQuery)));
        if (refusal) throw new ActionRefused(refusal);
        throw err;
      }
    });
  }

  /** One page of Temporal's visibility (the read model's keeper: rebuilds, recent starts and closes). */
  async list(filter: ProjectFilter): Promise<{ projects: ProjectSummary[]; nextPageToken?: string }> {
    const clauses = [`WorkflowType = '${PROJECT_WORKFLOW}'`];
    // Values reach here only after schema checks (ids and enums); quotes are refused there.
    if (filter.jurisdiction) clauses.push(`${searchAttributes.jurisdiction.name} = '${filter.jurisdiction}'`);
    if (filter.status) clauses.push(`${searchAttributes.status.name} = '${filter.status}'`);
    if (filter.awaiting) clauses.push(`${searchAttributes.awaiting.name} = '${filter.awaiting}'`);
    if (filter.of) {
      const { applicantUnit, department } = filter.of;
      const either = [
        ...(applicantUnit !== undefined ? [`${searchAttributes.applicant.name} = '${applicantUnit.replaceAll("'", '')}'`] : []),
        ...(department ? [`${searchAttributes.awaiting.name} = '${department}'`, `${searchAttributes.involved.name} = '${department}'`] : []),
      ];
      if (either.length === 0) return { projects: [] };
      clauses.push(`(${either.join(' OR ')})`);
    }
    if (filter.dueBefore) clauses.push(`${searchAttributes.nextDueAt.name} <= '${filter.dueBefore}'`);
    if (filter.startedAfter) clauses.push(`StartTime >= '${new Date(filter.startedAfter).toISOString()}'`);
    if (filter.closedAfter) clauses.push(`CloseTime >= '${new Date(filter.closedAfter).toISOString()}'`);
    if (filter.overdue) {
      clauses.push(
        `(${searchAttributes.overdueSince.name} <= '9999-12-31T00:00:00Z' OR ${searchAttributes.sanction.name} IN (${Object.keys(SANCTION_LEVELS)
          .map((l) => `'${l}'`)
          .join(', ')}))`,
      );
    }
    const nextPageToken = filter.pageToken ? this.openPageToken(filter.pageToken) : undefined;
    const response = await this.bounded(() =>
      this.client.workflowService.listWorkflowExecutions({
        namespace: this.client.options.namespace,
        query: clauses.join(' AND '),
        pageSize: filter.pageSize,
        ...(nextPageToken ? { nextPageToken } : {}),
      }),
    );
    const projects = (response.executions ?? []).map((e) => {
      const sa = decodeTypedSearchAttributes(e.searchAttributes?.indexedFields);
      const status = sa.get(searchAttributes.status);
      const due = sa.get(searchAttributes.nextDueAt);
      const sanction = sa.get(searchAttributes.sanction);
      const overdueSince = sa.get(searchAttributes.overdueSince);
      // Ended outside the product (terminated …): its search attributes still say the chart's last status.
      const ended = endedLabel(e.status);
      return {
        projectId: e.execution?.workflowId ?? '',
        ...(sa.get(searchAttributes.jurisdiction) ? { jurisdiction: sa.get(searchAttributes.jurisdiction) } : {}),
        ...(status ? { status, statusLabel: ended ?? PUBLIC_STATUSES[status as PublicStatus] } : {}),
        awaitingDepartments: sa.get(searchAttributes.awaiting) ?? [],
        ...(due ? { nextDueAt: due.toISOString() } : {}),
        ...(overdueSince ? { overdueSince: overdueSince.toISOString() } : {}),
        ...(sa.get(searchAttributes.applicant) ? { applicantUnit: sa.get(searchAttributes.applicant) } : {}),
        ...(sanction && sanction !== 'none' ? { sanction } : {}),
        startedAt: e.startTime?.seconds ? new Date(Number(e.startTime.seconds) * 1000).toISOString() : '',
        running: e.status === 1,
      } satisfies ProjectSummary;
    });
    const token = response.nextPageToken?.length ? this.sealPageToken(Buffer.from(response.nextPageToken)) : undefined;
    return { projects, ...(token ? { nextPageToken: token } : {}) };
  }

  /** The ids of every project a visibility filter lists (at most 10,000). */
  private async idsOf(filter: Omit<ProjectFilter, 'pageSize' | 'pageToken'>): Promise<string[]> {
    const out: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.list({ ...filter, pageSize: 1_000, ...(pageToken ? { pageToken } : {}) });
      out.push(...page.projects.map((p) => p.projectId));
      pageToken = page.nextPageToken;
    } while (pageToken && out.length < 10_000);
    return out;
  }

  /** What the read model's keeper asks of Temporal (server/read-model/keeper.ts). */
  source(): ProjectSource {
    return {
      view: (id, opts) => this.view(id, opts),
      audit: (id) => this.audit(id),
      allProjectIds: async function* (this: ProjectService) {
        let pageToken: string | undefined;
        do {
          const page = await this.list({ pageSize: 500, ...(pageToken ? { pageToken } : {}) });
          if (page.projects.length) yield page.projects.map((p) => p.projectId);
          pageToken = page.nextPageToken;
        } while (pageToken);
      }.bind(this),
      startedSince: (at) => this.idsOf({ startedAfter: at }),
      closedSince: (at) => this.idsOf({ closedAfter: at }),
    };
  }

  // Page tokens are sealed (pageKey above), so a forged or stale token is a 400 rather than
  // garbage handed to the visibility store.

  private sealPageToken(raw: Buffer): string {
    const mac = createHmac('sha256', this.pageKey).update(raw).digest().subarray(0, 16);
    return `${raw.toString('base64url')}.${mac.toString('base64url')}`;
  }

  private openPageToken(token: string): Buffer {
    const [body, mac] = token.split('.');
    const raw = Buffer.from(body ?? '', 'base64url');
    const expected = createHmac('sha256', this.pageKey).update(raw).digest().subarray(0, 16);
    const given = Buffer.from(mac ?? '', 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new UnknownPage();
    }
    return raw;
  }

  private async guard<T>(projectId: string, fn: () => Promise<T>): Promise<T> {
    const jurisdictionId = jurisdictionOfProject(projectId);
    if (!findJurisdiction(jurisdictionId)) throw new ProjectNotFound(projectId);
    try {
      return await fn();
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (err instanceof WorkflowNotFoundError || name === 'WorkflowNotFoundError') throw new ProjectNotFound(projectId);
      // A run whose start the workflow refused (workflows/trust.ts) ended before it registered any handler: it never
      // became a project, and nobody can act on it.
      if (name === 'QueryNotRegisteredError') throw new ProjectNotFound(projectId);
      throw err;
    }
  }
}
