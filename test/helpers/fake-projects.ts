import request from 'supertest';
import { jurisdictions } from '../../machines/index.js';
import type { HistoryEntry, ProjectView, RemindInput, TaskView } from '../../contracts/messages.js';
import type { ActionRequest } from '../../machines/policy.js';
import type { Projects } from '../../server/projects-api.js';
import { ProjectNotFound } from '../../server/projects.js';

/** A project the fake holds: its view and its whole audit trail. */
interface Held {
  view: ProjectView;
  trail: HistoryEntry[];
}

/** One call the routes made, as the fake saw it. */
export type FakeCall =
  | { method: 'submit'; jurisdiction: string; application: unknown; actor: string; idempotencyKey?: string }
  | { method: 'act'; projectId: string; request: ActionRequest; idempotencyKey?: string; taskOpen?: boolean }
  | { method: 'remind'; projectId: string; task: string; by: RemindInput['by']; requestId?: string };

/** An open step of a project, as a view shows it (the department's name from its jurisdiction's table). */
export function step(jurisdiction: string, task: string, department: string, actions: TaskView['actions'] = ['approve', 'return']): TaskView {
  return {
    task,
    title: task,
    department,
    departmentName: jurisdictions[jurisdiction]?.departments[department]?.name ?? department,
    article: `${jurisdictions[jurisdiction]?.regulation.shortName ?? jurisdiction} 第六条`,
    actions,
    overdue: false,
    escalationLevel: 0,
  };
}

/** An audit entry addressed to (or made by) a department. */
export const entry = (seq: number, kind: HistoryEntry['kind'], department?: string): HistoryEntry => ({
  seq,
  at: new Date(Date.UTC(2026, 2, 2, 1, seq)).toISOString(),
  kind,
  message: `${kind} ${department ?? ''}`.trim(),
  ...(department ? { department } : {}),
});

/**
 * A project service in memory, for the in-process API tier: it holds the projects a test gives it,
 * lists them as Temporal visibility would (jurisdiction, status, awaiting, and the `of` scope by
 * applying unit or awaited / acted-on department), records every command, and throws the error a
 * test queues for a method's next call. No Temporal, no workflow.
 */
export class FakeProjects implements Projects {
  private readonly held = new Map<string, Held>();
  private readonly failures = new Map<keyof Projects, unknown>();
  /** Every command and list call, in order. */
  readonly calls: FakeCall[] = [];
  private readonly watchers: Array<(view: ProjectView, trail: HistoryEntry[]) => unknown> = [];

  /**
   * Call `f` with each project held now and each one added later, with its whole trail: the test
   * app's read model is written from it, as the keeper writes a rebuild from Temporal.
   */
  watch(f: (view: ProjectView, trail: HistoryEntry[]) => unknown): void {
    this.watchers.push(f);
    for (const { view, trail } of this.held.values()) void f(view, trail);
  }

  /** Hold a project: its view, and the trail (the view's history unless given; the view keeps only the latest `keep` entries). */
  add(view: ProjectView, trail: HistoryEntry[] = view.history, keep = 50): ProjectView {
    const held = { ...view, history: trail.slice(-keep), historyTotal: trail.length };
    this.held.set(view.projectId, { view: held, trail });
    for (const f of this.watchers) void f(held, trail);
    return held;
  }

  /** The next call of `method` throws this (once). */
  failNext(method: keyof Projects, error: unknown): void {
    this.failures.set(method, error);
  }

  private check(method: keyof Projects): void {
    const failure = this.failures.get(method);
    this.failures.delete(method);
    if (failure) throw failure;
  }

  private get(projectId: string): Held {
    const held = this.held.get(projectId);
    if (!held) throw new ProjectNotFound(projectId);
    return held;
  }

  async submit(
    jurisdictionId: string,
    rawApplication: unknown,
    submittedBy: { actor: string },
    now = new Date(),
    keyed?: { idempotencyKey: string; userId: string },
  ): Promise<ProjectView> {
    this.calls.push({
      method: 'submit',
      jurisdiction: jurisdictionId,
      application: rawApplication,
      actor: submittedBy.actor,
      ...(keyed ? { idempotencyKey: keyed.idempotencyKey } : {}),
    });
    this.check('submit');
    const application = rawApplication as { applicantUnit: string; projectName?: string };
    const def = jurisdictions[jurisdictionId]!;
    return this.add(
      projectView({
        projectId: `${jurisdictionId}-20260302-${(this.held.size + 1).toString(16).padStart(8, '0')}`,
        jurisdiction: jurisdictionId,
        applicantUnit: application.applicantUnit,
        title: application.projectName ?? '新项目',
        submittedAt: now.toISOString(),
        tasks: [
          step(
            jurisdictionId,
            'review',
            Object.keys(def.departments).find((d) => d !== 'applicant' && d !== 'operator')!,
          ),
        ],
      }),
    );
  }

  async view(projectId: string): Promise<ProjectView> {
    this.check('view');
    return this.get(projectId).view;
  }

  async audit(projectId: string): Promise<HistoryEntry[]> {
    this.check('audit');
    return this.get(projectId).trail;
  }

  async act(projectId: string, request: ActionRequest, idempotencyKey?: string, opts: { taskOpen?: boolean } = {}): Promise<ProjectView> {
    this.calls.push({
      method: 'act',
      projectId,
      request,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(opts.taskOpen !== undefined ? { taskOpen: opts.taskOpen } : {}),
    });
    this.check('act');
    const held = this.get(projectId);
    const trail = [...held.trail, { ...entry(held.trail.length + 1, 'action', request.department), task: request.task, action: request.action }];
    return this.add({ ...held.view, tasks: held.view.tasks.filter((t) => t.task !== request.task) }, trail);
  }

  async remind(projectId: string, task: string, by: RemindInput['by'], requestId?: string): Promise<ProjectView> {
    this.calls.push({ method: 'remind', projectId, task, by, ...(requestId ? { requestId } : {}) });
    this.check('remind');
    const held = this.get(projectId);
    const awaited = held.view.tasks.find((t) => t.task === task);
    return this.add(held.view, [...held.trail, { ...entry(held.trail.length + 1, 'reminder', awaited?.department), task }]);
  }
}

/** A public view of a project under review, with what a test gives it. */
export function projectView(fields: Partial<ProjectView> & Pick<ProjectView, 'projectId' | 'jurisdiction' | 'applicantUnit'>): ProjectView {
  const def = jurisdictions[fields.jurisdiction]!;
  return {
    jurisdictionName: def.name,
    chartVersion: def.version,
    title: '智慧城管平台建设项目',
    application: { title: fields.title ?? '智慧城管平台建设项目', applicantUnit: fields.applicantUnit, totalBudget: { fen: 100_000_000 } },
    status: 'under_review',
    statusLabel: '评审中',
    final: false,
    tasks: [],
    offers: [],
    escalations: [],
    activeStates: [],
    history: [],
    historyTotal: 0,
    submittedAt: '2026-03-02T00:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    ...fields,
  };
}

/** A browser session on the pages of `app`, signed in as `account` with its bearer token (as a person does on /signin). */
export async function signedIn(app: Parameters<typeof request.agent>[0], token: string, account: string) {
  const agent = request.agent(app);
  const form = await agent.get('/signin');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
  const signin = await agent.post('/signin').type('form').send({ _csrf: csrf, account, token, next: '/' });
  if (signin.status !== 303) throw new Error(`sign-in answered ${signin.status}`);
  return { agent, csrf: async (path: string) => /name="_csrf" value="([^"]+)"/.exec((await agent.get(path)).text)?.[1] ?? '' };
}
