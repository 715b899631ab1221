import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { checkRequest, intakeOf } from '../../machines/intake.js';
import { isRefusal } from '../../machines/shared/errors.js';
import { publicStatus } from '../../machines/status.js';
import { weishan } from '../../machines/weishan/index.js';
import { ProjectService } from '../../server/projects.js';
import { bundleWorkflows } from '../../worker/index.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { serverToday } from '../helpers/clock.js';
import { devServerEnv, identityFor, testConfig, testSigner, testTrustedKeys } from '../helpers/temporal.js';

const root = path.resolve(import.meta.dirname, '../..');
const PROJECTS = 200;
const ACTIONS = 4;
const dir = mkdtempSync(path.join(tmpdir(), 'faults-'));
let env: TestWorkflowEnvironment;
let bundlePath: string;
let worker: ChildProcess | undefined;
const taskQueue = testConfig().temporal.taskQueue;

/** A worker in its own process, so it can be killed like a real one. */
async function startWorker(): Promise<ChildProcess> {
  const child = fork(path.join(root, 'bench', 'worker.ts'), [env.connection.options.address, taskQueue, bundlePath], {
    execArgv: ['--import', 'tsx'],
    cwd: root,
    stdio: 'ignore',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}`)));
  });
  return child;
}

beforeAll(async () => {
  env = await devServerEnv();
  bundlePath = path.join(dir, 'workflows.js');
  writeFileSync(bundlePath, (await bundleWorkflows(testTrustedKeys)).code);
  worker = await startWorker();
});
afterAll(async () => {
  worker?.kill('SIGKILL');
  await env?.teardown();
  rmSync(dir, { recursive: true, force: true });
});

/** The i-th action of every project: return and revise the requirements, alternately. */
const action = (i: number) =>
  i % 2 === 0
    ? { task: 'requirementsReview', action: 'return' as const, department: 'bigData', actor: '审核员', identity: identityFor('weishan', 'bigData') }
    : {
        task: 'requirementsRevision',
        action: 'submit' as const,
        department: 'applicant',
        actor: '申报人',
        data: { revisedPlan: { ref: `修改稿-${i}` } },
        identity: identityFor('weishan', 'applicant', String(weishanApplication().applicantUnit)),
      };

/** What a fault-free run reaches: the same actions through the pure chart. */
function faultFreeStatus(): string {
  const application = intakeOf('weishan').applicationSchema.parse(weishanApplication({}, serverToday()));
  let s = initialTransition(weishan.machine, { projectId: 'x', application })[0];
  for (let i = 0; i < ACTIONS; i++) {
    const e = checkRequest(weishan, s, action(i), new Date().toISOString());
    if (isRefusal(e)) throw new Error(e.message);
    s = transition(weishan.machine, s, e)[0];
  }
  return publicStatus(s);
}

describe('a worker killed while 200 projects receive actions', () => {
  it('loses no action, applies none twice, and every project ends where a fault-free run does', async () => {
    // Without opinion documents: 200 decisions at once in one department's 文号 series do not settle
    // in minutes on the dev server (docs/documents.md, "Not yet"); test/workflows/numbering.test.ts numbers a burst of 24.
    const projects = new ProjectService({ client: env.client, taskQueue, historyEventLimit: 2_000, signer: testSigner(), opinions: false });
    const ids: string[] = [];
    for (let i = 0; i < PROJECTS; i += 20) {
      ids.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, () => projects.submit('weishan', weishanApplication({}, serverToday()), { actor: '申报人' }).then((v) => v.projectId)),
        )),
      );
    }
    let done = 0;
    // Requests awaiting an answer (request id → project), and when each was answered.
    const pending = new Map<string, string>();
    const answeredAt = new Map<string, number>();
    const run = async (id: string) => {
      for (let i = 0; i < ACTIONS; i++) {
        const requestId = `${id}-a${i}`;
        pending.set(requestId, id);
        // The client retries with the same idempotency key until the action is acknowledged.
        for (let attempt = 0; ; attempt++) {
          try {
            await projects.act(id, action(i), requestId);
            break;
          } catch (err) {
            if (attempt > 20) throw err;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
        pending.delete(requestId);
        answeredAt.set(requestId, Date.now());
        done++;
      }
    };
    const all = Promise.all(ids.map(run));
    while (done < (PROJECTS * ACTIONS) / 3) await new Promise((r) => setTimeout(r, 50));
    worker!.kill('SIGKILL');
    const inFlightAtKill = [...pending];
    await new Promise((r) => setTimeout(r, 2_000));
    const restartedAt = Date.now();
    worker = await startWorker();
    await all;

    // Answered only once a worker ran again: the kill interrupted them (answers between kill and
    // restart are work the old worker finished before it died).
    const interrupted = inFlightAtKill.filter(([requestId]) => answeredAt.get(requestId)! >= restartedAt);
    expect(interrupted.length).toBeGreaterThan(0);
    for (const [requestId, id] of interrupted) {
      const audit = await projects.audit(id);
      expect(audit.filter((h) => h.kind === 'action' && h.requestId === requestId)).toHaveLength(1);
    }

    const expected = faultFreeStatus();
    for (const id of ids) {
      const audit = await projects.audit(id);
      expect(audit.filter((h) => h.kind === 'action').map((h) => h.requestId)).toEqual(Array.from({ length: ACTIONS }, (_, i) => `${id}-a${i}`));
      expect((await projects.view(id)).status).toBe(expected);
    }
  }, 300_000);
});
