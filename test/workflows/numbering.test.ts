// The 文号 series on the dev server (issue 21 item 4): opinions decided at once in one department
// get 1, 2, 3 … with no gap and no repeat; an allocation retried (a worker lost the answer) gets its
// number again; the series runs on through continue-as-new; another department or year starts at 1.
import { Worker } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocateInTemporal } from '../../activities/opinions.js';
import { NUMBERING_WORKFLOW, numberingWorkflowId, type NumberingInput } from '../../contracts/numbering.js';
import { devServerEnv, recordingActivities, testConfig, workflowBundle } from '../helpers/temporal.js';

let env: Awaited<ReturnType<typeof devServerEnv>>;
let worker: Worker;
let running: Promise<void>;
const config = testConfig();
const taskQueue = config.temporal.taskQueue;

beforeAll(async () => {
  env = await devServerEnv();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recordingActivities(config).activities,
  });
  running = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

/** The activity's allocation as a worker runs it: the worker's client, the project task queue. */
const allocate = (series: { jurisdiction: string; department: string; year: number }, ref: string) =>
  new MockActivityEnvironment({ taskQueue }, { client: env.client, logger: quiet }).run(allocateInTemporal, series, ref) as Promise<number>;
const quiet = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
/** As the activity's retry policy does when a series is between runs (continue-as-new). */
async function allocateRetried(series: { jurisdiction: string; department: string; year: number }, ref: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await allocate(series, ref);
    } catch (err) {
      if (attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
}

describe('a department’s 文号 series', () => {
  it('numbers opinions decided at once 1…N without a gap or a repeat, and answers a retried ref with its number', async () => {
    const series = { jurisdiction: 'weishan', department: 'bigData', year: 2026 };
    const refs = Array.from({ length: 24 }, (_, i) => `weishan-20261123-${String(i).padStart(8, '0')}#2/opinion`);
    // Every ref asked twice at once, as two attempts of one activity would.
    const numbers = await Promise.all([...refs, ...refs].map((ref) => allocateRetried(series, ref)));
    const first = numbers.slice(0, refs.length);
    expect(numbers.slice(refs.length)).toEqual(first);
    expect([...first].sort((a, b) => a - b)).toEqual(refs.map((_, i) => i + 1));
    expect(await allocate(series, refs[5]!)).toBe(first[5]);
    // Another department, another year: series of their own.
    expect(await allocate({ ...series, department: 'finance' }, refs[0]!)).toBe(1);
    expect(await allocate({ ...series, year: 2027 }, refs[0]!)).toBe(1);
  });

  it('runs on through continue-as-new: the next number follows, an earlier ref keeps its number', async () => {
    const series = { jurisdiction: 'laizhou', department: 'bigData', year: 2026 };
    const workflowId = numberingWorkflowId(series.jurisdiction, series.department, series.year);
    // The series started with a short history, so it continues as new several times in this test.
    const input: NumberingInput = { series: workflowId, eventLimit: 30 };
    const handle = await env.client.workflow.start(NUMBERING_WORKFLOW, { workflowId, taskQueue, args: [input] });
    const numbers: number[] = [];
    for (let i = 0; i < 40; i++) numbers.push(await allocateRetried(series, `ref-${i}`));
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await allocateRetried(series, 'ref-3')).toBe(4);
    const latest = await env.client.workflow.getHandle(workflowId).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    expect(latest.status.name).toBe('RUNNING');
  });

  it('is never numbered from 1 again once an operator closed it: the allocation fails and the activity keeps retrying', async () => {
    const series = { jurisdiction: 'xichuan', department: 'bigData', year: 2026 };
    expect(await allocate(series, 'before')).toBe(1);
    await env.client.workflow.getHandle(numberingWorkflowId(series.jurisdiction, series.department, series.year)).terminate('operator test');
    await expect(allocate(series, 'after')).rejects.toThrow();
  });
});
