import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../activities/index.js';
import { chinaDate } from '../../machines/shared/events.js';
import { Calendar, endOfDay, startOfDay } from '../../activities/calendar.js';
import { HttpError } from '../../server/errors.js';
import { ProjectService } from '../../server/projects.js';
import type { ProjectView } from '../../workflows/messages.js';
import { samplePayloads, technicalMaterials, weishanApplication } from '../fixtures/weishan.js';
import { xichuanApplication, xichuanPayloads } from '../fixtures/xichuan.js';
import { identityFor, recordingActivities, TEST_YEAR_2027, testConfig, testSigner, timeSkippingEnv, workflowBundle } from '../helpers/temporal.js';
import { fixtures } from '../fixtures/index.js';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let projects: ProjectService;
let effects: Effect[];
let taskQueue: string;

// One worker serves every project of the file: the test server skips time only while no
// workflow task is outstanding, so earlier tests' projects must keep being served.
beforeAll(async () => {
  env = await timeSkippingEnv();
  const config = testConfig();
  taskQueue = config.temporal.taskQueue;
  const recorded = recordingActivities(config);
  effects = recorded.effects;
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recorded.activities,
  });
  running = worker.run();
  projects = new ProjectService(env.client, config.temporal.taskQueue, 2_000, testSigner(() => env.currentTimeMs()));
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

async function withWorker<T>(body: (p: ProjectService, e: Effect[]) => Promise<T>): Promise<T> {
  return body(projects, effects);
}

const as = (department: string, jurisdiction = 'weishan') => ({
  department,
  actor: `${department}经办人`,
  identity: identityFor(jurisdiction, department, String(fixtures[jurisdiction]!.variants[0]!.applicantUnit)),
});

async function toProcurement(projects: ProjectService, totalBudget = 1_000_000): Promise<string> {
  const { projectId } = await projects.submit('weishan', weishanApplication({ totalBudget }), { actor: '王五' }, new Date(await env.currentTimeMs()));
  await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
  await projects.act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(totalBudget) });
  await projects.act(projectId, { task: 'technicalReview', action: 'approve', ...as('bigData') });
  await projects.act(projectId, { task: 'budget', action: 'approve', ...as('finance'), data: samplePayloads['budget.approve'] });
  await projects.act(projectId, { task: 'responsibilityFiling', action: 'submit', ...as('applicant'), data: samplePayloads['responsibilityFiling.submit'] });
  return projectId;
}

const contract = (signedOn: string) => ({ signedOn, contract: { ref: 'WS-CG-2026-101' }, amount: 900_000 });

describe('project workflow on the time-skipping server', () => {
  it('refuses a 4.9% security budget with 第三十六条 and records nothing for it', async () => {
    await withWorker(async (projects) => {
      const { projectId } = await projects.submit('weishan', weishanApplication({ totalBudget: 3_000_000 }), { actor: '王五' }, new Date(await env.currentTimeMs()));
      await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
      const before = await projects.audit(projectId);
      const error = await projects
        .act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(3_000_000, 4.9) })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).issues).toEqual([expect.objectContaining({ field: 'data.securityBudget', article: '微山 第三十六条' })]);
      expect(await projects.audit(projectId)).toEqual(before);
      const history = await env.client.workflow.getHandle(projectId).fetchHistory();
      expect(JSON.stringify(history.events)).not.toContain('4.9');
    });
  });

  it('keeps a 3,000,000-yuan project out of the library until 提级审核 (第十八条)', async () => {
    await withWorker(async (projects) => {
      const { projectId } = await projects.submit('weishan', weishanApplication({ totalBudget: 3_000_000 }), { actor: '王五' }, new Date(await env.currentTimeMs()));
      await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
      await projects.act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(3_000_000) });
      const view = await projects.act(projectId, { task: 'technicalReview', action: 'approve', ...as('bigData') });
      expect(view.tasks.map((t) => [t.task, t.departmentName])).toEqual([['upperLevelReview', '济宁市大数据局（上一级大数据主管部门）']]);
      const refused = await projects.act(projectId, { task: 'budget', action: 'approve', ...as('finance'), data: samplePayloads['budget.approve'] }).catch((e: HttpError) => e);
      expect((refused as HttpError).status).toBe(409);
      const wrongDepartment = await projects.act(projectId, { task: 'upperLevelReview', action: 'approve', ...as('bigData') }).catch((e: HttpError) => e);
      expect((wrongDepartment as HttpError).status).toBe(403);
      expect((await projects.act(projectId, { task: 'upperLevelReview', action: 'approve', ...as('upperBigData') })).status).toBe('budgeting');
    });
  });

  it('escalates a contract not filed within 10 working days, exactly when the period ends (第二十七条)', async () => {
    await withWorker(async (projects, effects) => {
      const projectId = await toProcurement(projects);
      const signedOn = chinaDate(await env.currentTimeMs());
      const view = await projects.act(projectId, { task: 'procurement', action: 'submit', ...as('applicant'), data: contract(signedOn) });
      const filing = view.tasks.find((t) => t.task === 'contractFiling')!;
      const expectedLastDay = new Calendar([TEST_YEAR_2027]).addWorkingDays(signedOn, 10);
      expect(filing.deadline).toMatchObject({ lastDay: expectedLastDay, dueAt: endOfDay(expectedLastDay), article: '微山 第二十七条' });

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
      const { projectId } = await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()));
      const due = (await dueTask(projectId)).dueAt;
      expect(due).toBe(endOfDay(new Calendar([TEST_YEAR_2027]).addWorkingDays(chinaDate(await env.currentTimeMs()), 15)));
      await env.sleep(Date.parse(due) - (await env.currentTimeMs()) + 1_000);
      const view = await projects.view(projectId);
      expect(view.escalations).toEqual([expect.objectContaining({ department: 'countyGovernment', article: '微山 第六条' })]);
      expect(view.tasks[0]?.overdue).toBe(true);
    });
  });

  it('continues as new past the history bound, keeping state, deadlines and the audit trail', async () => {
    const small = new ProjectService(env.client, taskQueue, 60, testSigner(() => env.currentTimeMs()));
    const projectId = await toProcurement(small);
    await small.act(projectId, { task: 'procurement', action: 'submit', ...as('applicant'), data: contract(chinaDate(await env.currentTimeMs())) });
    await small.act(projectId, { task: 'contractFiling', action: 'submit', ...as('applicant'), data: samplePayloads['contractFiling.submit'] });
    const handle = env.client.workflow.getHandle(projectId);
    const firstRun = (await handle.describe()).runId;
    const before = await small.view(projectId);
    const actionsBefore = (await small.audit(projectId)).filter((h) => h.kind === 'action').length;
    const completion = before.tasks.find((t) => t.task === 'acceptance')!.deadline;
    expect(completion).toMatchObject({ lastDay: '2027-06-30' });

    for (let i = 0; i < 6; i++) {
      await small.act(projectId, { task: 'change', action: 'submit', ...as('applicant'), data: samplePayloads['change.submit'] }, `can-change-${i}`);
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
    await small.act(projectId, { task: 'change', action: 'submit', ...as('applicant'), data: samplePayloads['change.submit'] }, 'can-change-0');
    expect((await small.audit(projectId)).filter((h) => h.kind === 'action')).toHaveLength(actionsAfter);
    expect((await small.act(projectId, { task: 'acceptance', action: 'pass', ...as('applicant'), data: samplePayloads['acceptance.pass'] })).status).toBe('acceptance_filing');
  });

  it('reminds before a review service level, escalates at it and one level higher beyond it', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()));
    const task = await dueTask(projectId);
    const calendar = new Calendar([TEST_YEAR_2027]);
    const remindAt = startOfDay(calendar.addWorkingDays(task.lastDay, -2));
    const secondAt = endOfDay(calendar.addWorkingDays(task.lastDay, 5));

    await sleepUntil(remindAt);
    const reminded = await projects.audit(projectId);
    expect(reminded.filter((h) => h.kind === 'reminder')).toEqual([expect.objectContaining({ department: 'bigData', at: remindAt })]);
    expect(reminded.filter((h) => h.kind === 'escalation')).toEqual([]);

    await sleepUntil(task.dueAt);
    expect((await projects.view(projectId)).escalations).toEqual([expect.objectContaining({ level: 1, department: 'countyGovernment' })]);

    await sleepUntil(secondAt);
    const view = await projects.view(projectId);
    expect(view.escalations.map((e) => [e.level, e.department])).toEqual([
      [1, 'countyGovernment'],
      [2, 'upperBigData'],
    ]);
    expect(view.tasks[0]?.escalationLevel).toBe(2);
  });

  it('stops the escalation chain when the reviewer acts', async () => {
    const { projectId } = await projects.submit('weishan', weishanApplication(), { actor: '王五' }, new Date(await env.currentTimeMs()));
    const task = await dueTask(projectId);
    await sleepUntil(task.dueAt);
    await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
    await sleepUntil(endOfDay(new Calendar([TEST_YEAR_2027]).addWorkingDays(task.lastDay, 6)));
    const escalations = (await projects.audit(projectId)).filter((h) => h.kind === 'escalation');
    expect(escalations.map((e) => e.level)).toEqual([1]);
  });

  it('walks 淅川’s supervision chain when the rectification month after a failed acceptance is missed', async () => {
    const today = chinaDate(await env.currentTimeMs());
    const { projectId } = await projects.submit('xichuan', xichuanApplication({ projectType: 'service' }), { actor: '申报人' }, new Date(await env.currentTimeMs()));
    const steps: Array<[string, string, string, Record<string, unknown>?]> = [
      ['infoReview', 'approve', 'infoBureau'],
      ['countyApproval', 'approve', 'countyGovernment'],
      ['budget', 'approve', 'finance', xichuanPayloads['budget.approve']],
      ['procurement', 'submit', 'applicant', { ...xichuanPayloads['procurement.submit'], signedOn: today }],
      ['completion', 'submit', 'applicant', { completedOn: today }],
      ['acceptance', 'fail', 'applicant', { ...xichuanPayloads['acceptance.fail'], acceptedOn: today }],
    ];
    for (const [task, action, department, data] of steps) await projects.act(projectId, { task, action: action as never, ...as(department, 'xichuan'), ...(data ? { data } : {}) });
    const levels: Array<string | undefined> = [];
    for (let i = 0; i < 3; i++) {
      const view = await projects.view(projectId);
      const now = await env.currentTimeMs();
      const next = view.tasks
        .map((t) => t.deadline?.dueAt ?? t.dueAt)
        .filter((d): d is string => Boolean(d) && Date.parse(d!) > now)
        .sort()[0]!;
      await sleepUntil(next);
      levels.push((await projects.view(projectId)).sanction?.level);
    }
    expect(levels).toEqual(['rectification_ordered', 'funds_suspended', 'project_suspended']);
    const escalations = (await projects.view(projectId)).escalations.map((e) => e.article);
    expect(escalations).toEqual(expect.arrayContaining(['淅川 第十九条', '淅川 第三十五条']));
  });
});

/** The first open task once its due time has been computed. */
async function dueTask(projectId: string): Promise<{ dueAt: string; lastDay: string }> {
  for (let i = 0; i < 50; i++) {
    const timers = (await projects.view(projectId)).tasks[0];
    if (timers?.dueAt) {
      const lastDay = chinaDate(Date.parse(timers.dueAt) - 1);
      return { dueAt: timers.dueAt, lastDay };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no due time');
}

/** Skip the test server's clock to one second past an instant. */
async function sleepUntil(instant: string) {
  const ms = Date.parse(instant) - (await env.currentTimeMs()) + 1_000;
  if (ms > 0) await env.sleep(ms);
}