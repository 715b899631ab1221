import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../activities/index.js';
import { chinaDate } from '../../machines/shared/events.js';
import { jurisdictions } from '../../machines/index.js';
import { xichuan } from '../../machines/xichuan/index.js';
import { endOfDay } from '../../activities/calendar.js';
import { ProjectClient, Refused, startWorkflowStack, type WorkflowStack } from './client.js';
import type { ProjectView } from '../../contracts/messages.js';
import { technicalMaterials, weishanApplication, weishanPayloadsOn } from '../fixtures/weishan.js';
import { xichuanApplication, xichuanPayloadsOn } from '../fixtures/xichuan.js';
import { morningOf, skipPast, submissionDay } from '../helpers/clock.js';
import { actingAs, testSigner } from '../helpers/temporal.js';
import { fixtures, fixturesOn } from '../fixtures/index.js';
import { mainPath } from '../fixtures/paths.js';

let env: TestWorkflowEnvironment;
let projects: ProjectClient;
let effects: Effect[];
let taskQueue: string;
let stack: WorkflowStack;

// The server's clock (the workflows' today) starts at the test clock; every date below is relative to it.
beforeAll(async () => {
  stack = await startWorkflowStack();
  ({ env, projects, effects, taskQueue } = stack);
});
afterAll(async () => {
  await stack?.stop();
});

async function withWorker<T>(body: (p: ProjectClient, e: Effect[]) => Promise<T>): Promise<T> {
  return body(projects, effects);
}

const as = actingAs;

/** Now and today on the test server's clock. */
const now = async () => new Date(await env.currentTimeMs());
const today = async () => chinaDate(await env.currentTimeMs());
/** A 微山 application submitted today. */
const submitWeishan = async (projects: ProjectClient, overrides: Record<string, unknown> = {}) =>
  projects.submit('weishan', weishanApplication(overrides, await today()), { actor: '王五' }, await now());

async function toProcurement(projects: ProjectClient, totalBudget = 1_000_000): Promise<string> {
  const payloads = weishanPayloadsOn(await today());
  const { projectId } = await submitWeishan(projects, { totalBudget });
  await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
  await projects.act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(totalBudget) });
  await projects.act(projectId, { task: 'technicalReview', action: 'approve', ...as('bigData') });
  await projects.act(projectId, { task: 'budget', action: 'approve', ...as('finance'), data: payloads['budget.approve'] });
  await projects.act(projectId, { task: 'responsibilityFiling', action: 'submit', ...as('applicant'), data: payloads['responsibilityFiling.submit'] });
  return projectId;
}

const contract = (signedOn: string) => ({ signedOn, contract: { ref: 'WS-CG-2026-101' }, amount: 900_000 });

describe('project workflow on the time-skipping server', () => {
  it.each(Object.values(jurisdictions).map((d) => [d.name, d] as const))(
    'takes a %s project from application to operation, dated from the test clock',
    async (_name, def) => {
      const day = await today();
      const submitted = submissionDay(def.regulation, day);
      const application = fixturesOn(submitted)[def.id]!.variants[0]!;
      const { projectId } = await projects.submit(def.id, application, { actor: '申报人' }, submitted === day ? await now() : morningOf(submitted));
      const steps = mainPath(def, application, (await now()).toISOString());
      let view: ProjectView | undefined;
      for (const e of steps) {
        const [task, action] = e.type.split('.') as [string, string];
        view = await projects.act(projectId, {
          task,
          action: action as never,
          ...as(e.department, def.id),
          ...(e.data && Object.keys(e.data).length ? { data: e.data } : {}),
        });
        // A time limit already past when an action starts it (a contract reported late) fires at once.
        // Let it fire before the next action: the time-skipping server strands a run whose workflow
        // task cancels a timer that fired while the task was with the worker (temporalio/sdk-java#3088).
        await env.sleep(1_000);
      }
      expect(view?.status).toBe('in_operation');
    },
  );

  it('refuses a 4.9% security budget with 第三十六条 and records nothing for it', async () => {
    await withWorker(async (projects) => {
      const { projectId } = await submitWeishan(projects, { totalBudget: 3_000_000 });
      await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
      const before = await projects.audit(projectId);
      const error = await projects
        .act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(3_000_000, 4.9) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Refused);
      expect((error as Refused).refusal.kind).toBe('invalid');
      expect((error as Refused).issues).toEqual([expect.objectContaining({ field: 'data.securityBudget', article: '微山 第三十六条' })]);
      expect(await projects.audit(projectId)).toEqual(before);
      const history = await env.client.workflow.getHandle(projectId).fetchHistory();
      expect(JSON.stringify(history.events)).not.toContain('4.9');
    });
  });

  it('keeps a 3,000,000-yuan project out of the library until 提级审核 (第十八条)', async () => {
    await withWorker(async (projects) => {
      const { projectId } = await submitWeishan(projects, { totalBudget: 3_000_000 });
      await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
      await projects.act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(3_000_000) });
      const view = await projects.act(projectId, { task: 'technicalReview', action: 'approve', ...as('bigData') });
      expect(view.tasks.map((t) => [t.task, t.departmentName])).toEqual([['upperLevelReview', '济宁市大数据局（上一级大数据主管部门）']]);
      const refused = await projects
        .act(projectId, { task: 'budget', action: 'approve', ...as('finance'), data: weishanPayloadsOn(await today())['budget.approve'] })
        .catch((e: Refused) => e);
      expect((refused as Refused).refusal.kind).toBe('conflict');
      const wrongDepartment = await projects.act(projectId, { task: 'upperLevelReview', action: 'approve', ...as('bigData') }).catch((e: Refused) => e);
      expect((wrongDepartment as Refused).refusal.kind).toBe('forbidden');
      expect((await projects.act(projectId, { task: 'upperLevelReview', action: 'approve', ...as('upperBigData') })).status).toBe('budgeting');
    });
  });

  it('escalates a contract not filed within its period, exactly when the period ends (第二十七条)', async () => {
    await withWorker(async (projects, effects) => {
      const projectId = await toProcurement(projects);
      const signedOn = await today();
      const view = await projects.act(projectId, { task: 'procurement', action: 'submit', ...as('applicant'), data: contract(signedOn) });
      const filing = view.tasks.find((t) => t.task === 'contractFiling')!;
      // The period's length over holidays and make-up days is checked on a known schedule in deadlines.test.ts.
      expect(filing.deadline).toMatchObject({ article: '微山 第二十七条', dueAt: expect.any(String) });

      await env.sleep(Date.parse(filing.deadline!.dueAt!) - (await env.currentTimeMs()) - 60_000);
      expect((await projects.view(projectId)).escalations).toEqual([]);

      await env.sleep(120_000);
      const late: ProjectView = await projects.view(projectId);
      expect(late.escalations).toEqual([expect.objectContaining({ department: 'bigData', article: '微山 第二十七条' })]);
      expect(late.sanction?.level).toBe('rectification_ordered');
      expect(late.tasks.map((t) => t.task).sort()).toEqual(['contractFiling', 'rectification']);
      expect(effects.filter((e) => e.projectId === projectId).map((e) => e.type)).toContain('escalate');
    });
  });

  it('escalates at once a contract signed just before 国庆 2026 and reported after its period ran out', async () => {
    await withWorker(async (projects) => {
      const projectId = await toProcurement(projects);
      await projects.act(projectId, { task: 'procurement', action: 'submit', ...as('applicant'), data: contract('2026-09-29') });
      await env.sleep(1_000);
      const view = await projects.view(projectId);
      // 9/30, then 10/8, 10/9, 10/10 (调休上班), 10/12 … 10/19: the tenth working day.
      expect(view.tasks.find((t) => t.task === 'contractFiling')?.deadline).toBeUndefined();
      expect(view.escalations[0]).toMatchObject({ article: '微山 第二十七条' });
      const audit = await projects.audit(projectId);
      expect(audit.find((h) => h.kind === 'deadline')?.at).toBe(endOfDay('2026-10-19'));
    });
  });

  it('escalates an untouched review when its service level passes', async () => {
    await withWorker(async (projects) => {
      const { projectId } = await submitWeishan(projects);
      const due = await projects.firstDueAt(projectId);
      await skipPast(env, new Date(Date.parse(due) - 60_000).toISOString());
      expect((await projects.view(projectId)).escalations).toEqual([]);
      await skipPast(env, due);
      const view = await projects.view(projectId);
      expect(view.escalations).toEqual([expect.objectContaining({ department: 'countyGovernment', article: '微山 第六条' })]);
      expect(view.tasks[0]?.overdue).toBe(true);
    });
  });

  it('continues as new past the history bound, keeping state, deadlines and the audit trail', async () => {
    const small = new ProjectClient(env.client, taskQueue, { signer: testSigner(() => env.currentTimeMs()), historyEventLimit: 60 });
    const payloads = weishanPayloadsOn(await today());
    const plannedCompletionOn = weishanApplication({}, await today()).plannedCompletionOn;
    const projectId = await toProcurement(small);
    await small.act(projectId, { task: 'procurement', action: 'submit', ...as('applicant'), data: contract(await today()) });
    await small.act(projectId, { task: 'contractFiling', action: 'submit', ...as('applicant'), data: payloads['contractFiling.submit'] });
    const handle = env.client.workflow.getHandle(projectId);
    const firstRun = (await handle.describe()).runId;
    const before = await small.view(projectId);
    const actionsBefore = (await small.audit(projectId)).filter((h) => h.kind === 'action').length;
    const completion = before.tasks.find((t) => t.task === 'acceptance')!.deadline;
    // Construction must be complete on the application's planned date (an onDate period).
    expect(completion).toMatchObject({ lastDay: plannedCompletionOn });

    for (let i = 0; i < 6; i++) {
      await small.act(projectId, { task: 'change', action: 'submit', ...as('applicant'), data: payloads['change.submit'] }, `can-change-${i}`);
      await small.act(projectId, { task: 'changeReview', action: 'reject', ...as('bigData'), comment: `第${i + 1}次` });
    }
    const after = await small.view(projectId);
    expect((await handle.describe()).runId).not.toBe(firstRun);
    expect(after.status).toBe('in_construction');
    expect(after.tasks.find((t) => t.task === 'acceptance')!.deadline).toEqual(completion);
    const actionsAfter = (await small.audit(projectId)).filter((h) => h.kind === 'action').length;
    expect(actionsAfter).toBe(actionsBefore + 12);
    expect(after.historyTotal).toBe(before.historyTotal + 12);
    // The first change request sent again with its key, in a later run: acted on once.
    await small.act(projectId, { task: 'change', action: 'submit', ...as('applicant'), data: payloads['change.submit'] }, 'can-change-0');
    expect((await small.audit(projectId)).filter((h) => h.kind === 'action')).toHaveLength(actionsAfter);
    expect((await small.act(projectId, { task: 'acceptance', action: 'pass', ...as('applicant'), data: payloads['acceptance.pass'] })).status).toBe(
      'acceptance_filing',
    );
  });

  it('walks 淅川’s supervision chain when the rectification month after a failed acceptance is missed', async () => {
    const day = await today();
    // Submitted today, or on the last day of 淅川's regulation (it runs to 2027-08-28) once that has passed.
    const submitted = submissionDay(xichuan.regulation, day);
    const application = xichuanApplication({ projectType: 'service' }, submitted);
    const { projectId } = await projects.submit('xichuan', application, { actor: '申报人' }, submitted === day ? await now() : morningOf(submitted));
    const payloads = xichuanPayloadsOn(day);
    const steps: Array<[string, string, string, Record<string, unknown>?]> = [
      ['infoReview', 'approve', 'infoBureau'],
      ['countyApproval', 'approve', 'countyGovernment'],
      ['budget', 'approve', 'finance', payloads['budget.approve']],
      ['procurement', 'submit', 'applicant', { ...payloads['procurement.submit'], signedOn: day }],
      ['completion', 'submit', 'applicant', { completedOn: day }],
      ['acceptance', 'fail', 'applicant', { ...payloads['acceptance.fail'], acceptedOn: day }],
    ];
    for (const [task, action, department, data] of steps)
      await projects.act(projectId, { task, action: action as never, ...as(department, 'xichuan'), ...(data ? { data } : {}) });
    const levels: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) {
      const view = await projects.view(projectId);
      const nowMs = await env.currentTimeMs();
      const next = view.tasks
        .map((t) => t.deadline?.dueAt ?? t.dueAt)
        .filter((d): d is string => Boolean(d) && Date.parse(d!) > nowMs)
        .sort()[0]!;
      await skipPast(env, next);
      levels.push((await projects.view(projectId)).sanction?.level);
    }
    expect(levels).toEqual(['rectification_ordered', 'funds_suspended', 'project_suspended']);
    const escalations = (await projects.view(projectId)).escalations.map((e) => e.article);
    expect(escalations).toEqual(expect.arrayContaining(['淅川 第十九条', '淅川 第三十五条']));
  });
});
