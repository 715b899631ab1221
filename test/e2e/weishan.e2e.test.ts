import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../helpers/eventually.js';
import { chinaDate } from '../../machines/shared/events.js';
import { samplePayloads, weishanApplication } from '../fixtures/weishan.js';
import { serverToday, testYearsFile } from '../helpers/clock.js';
import { awaits, stepsTo } from '../fixtures/paths.js';
import { weishan } from '../../machines/weishan/index.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'gov-e2e-'));
// Test calendar years for the years `chinese-days` lacks, supplied as an operator would (CALENDAR_YEARS_FILE).
const calendarYearsFile = testYearsFile(dataDir);

/** Where the running product listens, as `npm start` printed it. */
let api = '';
let ui = '';
let product: ChildProcess | undefined;
/** Development tokens npm start printed on its first start, by user id. */
const tokens = new Map<string, string>();

/**
 * Start the product as `npm start` does, in its own process group, on ports it picks itself
 * (port 0), so that nothing else on the machine can take them between choosing and binding.
 */
async function start(): Promise<void> {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      API_PORT: '0',
      TEMPORAL_PORT: '0',
      TEMPORAL_UI: 'true',
      TEMPORAL_UI_PORT: '0',
      DATA_DIR: dataDir,
      CALENDAR_YEARS_FILE: calendarYearsFile,
    },
  });
  product = child;
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 120_000;
  while (!output.includes('ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`product did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const m of output.matchAll(/^(\S+)\s+\S+\s+(gov_[A-Za-z0-9_-]+)$/gm)) tokens.set(m[1]!, m[2]!);
  api = /^API\s+(http:\S+)/m.exec(output)![1]!;
  ui = /^Temporal UI\s+(http:\S+)/m.exec(output)![1]!;
  await eventually(
    async () => (await fetch(`${api}/healthz`)).status,
    (status) => status === 200,
    { what: 'healthz 200' },
  );
}

/** Stop it: gracefully (SIGTERM) or as a crash of the whole tree (SIGKILL to the group). */
async function stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
  const child = product!;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(signal === 'SIGKILL' ? -child.pid! : child.pid!, signal);
  await exited;
  if (signal === 'SIGKILL') await new Promise((r) => setTimeout(r, 1_000));
  product = undefined;
}

async function call(method: string, url: string, body?: unknown, userId = 'weishan.admin') {
  const token = tokens.get(userId);
  if (!token) throw new Error(`npm start printed no token for ${userId}`);
  const res = await fetch(`${api}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() };
}

const act = async (id: string, task: string, action: string, department: string, data?: unknown) => {
  const user = department === 'applicant' ? 'weishan.applicant' : `weishan.${department.toLowerCase()}`;
  const res = await call('POST', `/v1/projects/${id}/tasks/${task}/actions`, { action, ...(data ? { data } : {}) }, user);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

afterAll(async () => {
  if (product?.pid) process.kill(-product.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('微山 end to end through npm start', () => {
  it('runs a project from application to operation with an escalation, surviving a restart and a crash', async () => {
    await start();
    expect((await fetch(`${ui}/`)).status).toBe(200);

    // The development seed's 微山 applicant belongs to 微山县示例单位.
    const application = weishanApplication({ applicantUnit: '微山县示例单位' }, serverToday());
    const submitted = await call('POST', '/v1/projects', { jurisdiction: 'weishan', application }, 'weishan.applicant');
    expect(submitted.status).toBe(201);
    const id = submitted.body.projectId as string;

    for (const e of stepsTo(weishan, application, new Date().toISOString(), awaits('procurement'))) {
      const [task, action] = e.type.split('.') as [string, string];
      await act(id, task, action, e.department, e.data);
    }

    // Signed before 国庆 and reported late: the 10-working-day period (第二十七条) has run out.
    await act(id, 'procurement', 'submit', 'applicant', { signedOn: '2026-09-29', contract: { ref: 'WS-CG-2026-088' }, amount: 950_000 });
    await eventually(
      () => call('GET', `/v1/projects/${id}`),
      (r) => r.body.escalations.length > 0,
      { what: 'an escalation' },
    );
    const escalated = (await call('GET', `/v1/projects/${id}`)).body;
    expect(escalated.escalations[0]).toMatchObject({ department: 'bigData', article: '微山 第二十七条' });
    expect(escalated.sanction).toEqual({ level: 'rectification_ordered', label: '限期整改' });

    await act(id, 'contractFiling', 'submit', 'applicant', samplePayloads['contractFiling.submit']);
    await act(id, 'rectification', 'submit', 'applicant', samplePayloads['rectification.submit']);
    expect((await act(id, 'rectificationCheck', 'approve', 'bigData')).sanction).toBeUndefined();

    const today = chinaDate(Date.now());
    const accepted = await act(id, 'acceptance', 'pass', 'applicant', { acceptedOn: today, report: { ref: '验收报告' } });
    expect(accepted.status).toBe('acceptance_filing');
    const pending = (
      await eventually(
        () => call('GET', `/v1/projects/${id}`),
        (r) => Boolean(r.body.tasks[0]?.deadline?.dueAt),
        { what: 'the filing deadline' },
      )
    ).body.tasks[0].deadline;

    await stop('SIGTERM');
    await start();
    const afterRestart = (await call('GET', `/v1/projects/${id}`)).body;
    expect(afterRestart.status).toBe('acceptance_filing');
    expect(afterRestart.tasks[0].deadline).toEqual(pending);

    await stop('SIGKILL');
    await start();
    const afterCrash = (await call('GET', `/v1/projects/${id}`)).body;
    expect(afterCrash.tasks[0].deadline).toEqual(pending);
    expect(afterCrash.history.length).toBe(afterRestart.history.length);

    const operating = await act(id, 'acceptanceFiling', 'submit', 'applicant', samplePayloads['acceptanceFiling.submit']);
    expect(operating.status).toBe('in_operation');
    expect(operating.tasks.map((t: { task: string }) => t.task)).toEqual(['selfEvaluation']);

    // Visibility is eventually consistent: the list shows the project once it has caught up.
    await eventually(
      () => call('GET', `/v1/projects?status=in_operation&jurisdiction=weishan`),
      (listed) => listed.status === 200 && listed.body.projects.some((p: { projectId: string }) => p.projectId === id),
      { what: 'the project in the in-operation list' },
    );

    await stop('SIGTERM');
  }, 300_000);
});
