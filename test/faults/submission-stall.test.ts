// Issue 20 item 6: submissions are exactly-once under faults. Temporal (the embedded server) is
// paused with SIGSTOP while 50 applications are sent, each with its Idempotency-Key; every 503 says
// truthfully that the project may exist and how to find out; after SIGCONT each is resent with its
// key until it answers, and each application exists exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, temporalHealth } from '../../runtime/stack.js';
import { ProjectService } from '../../server/projects.js';
import { PROJECT_WORKFLOW } from '../../contracts/messages.js';
import { recordingActivities, testConfig, testSigner, workflowBundle } from '../helpers/temporal.js';
import { testIdentities } from '../helpers/identities.js';
import { stopTestLists, testApp } from '../helpers/app.js';
import { eventually } from '../helpers/eventually.js';
import { weishanApplication } from '../fixtures/weishan.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'submission-stall-'));
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const ids = testIdentities();
let server: Awaited<ReturnType<typeof startEmbedded>>;
let connection: Connection;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let client: Client;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  const base = testConfig();
  // Another test may take the ports between choosing and binding them: try fresh ones.
  for (let attempt = 1; ; attempt++) {
    const config = { ...base, embedded: { ip: '127.0.0.1', grpcPort: await freePort(), uiPort: await freePort(), dataDir, ui: false } };
    try {
      server = await startEmbedded(config);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  connection = await Connection.connect({ address: server.address });
  nativeConnection = await NativeConnection.connect({ address: server.address });
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue: base.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recordingActivities(base).activities,
  });
  running = worker.run();
  client = new Client({ connection });
  const projects = new ProjectService({ client, taskQueue: base.temporal.taskQueue, historyEventLimit: 2_000, signer: testSigner(), deadlineMs: 2_000 });
  app = testApp({ projects, identities: ids.identities, health: () => temporalHealth(connection, 'default', base.temporal.taskQueue) });
}, 120_000);
afterAll(async () => {
  // The test app's read-model keeper first: nothing may ask Temporal once its connections close.
  await stopTestLists();
  if (server?.pid) process.kill(server.pid, 'SIGCONT');
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const applicant = ids.bearer('weishan.fixture-applicant');
const N = 50;
/** Each submission its own application (a distinct title), so a project tells which submission made it. */
const applicationOf = (i: number) => weishanApplication({ title: `微山县第${i + 1}号政务信息化项目` });
const keyOf = (i: number) => `stall-submission-${String(i).padStart(3, '0')}`;
const send = (i: number, application = applicationOf(i)) =>
  request(app).post('/v1/projects').set('Authorization', applicant).set('Idempotency-Key', keyOf(i)).send({ jurisdiction: 'weishan', application });

/** Every project workflow on the (fresh) server, by the key it was submitted with. */
async function projectsByKey(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for await (const w of client.workflow.list({ query: `WorkflowType = '${PROJECT_WORKFLOW}'` })) {
    const key = (w.memo?.submissionKey as { key?: string } | undefined)?.key ?? '(none)';
    out.set(key, [...(out.get(key) ?? []), w.workflowId]);
  }
  return out;
}

describe('submissions while Temporal stalls', () => {
  it('creates each of 50 applications exactly once after retries with their keys, and every 503 says the project may exist', async () => {
    await expect.poll(async () => (await request(app).get('/healthz')).status, { timeout: 15_000 }).toBe(200);
    // Sent one every 20 ms; Temporal is paused after the 15th, so some are answered, some are in
    // flight when it stops (created, answer lost), the rest wait on a stopped server.
    const first: Array<Promise<request.Response>> = [];
    for (let i = 0; i < N; i++) {
      first.push(send(i).then((r) => r));
      if (i === 14) process.kill(server.pid!, 'SIGSTOP');
      await new Promise((r) => setTimeout(r, 20));
    }
    let answers: request.Response[];
    try {
      answers = await Promise.all(first);
    } finally {
      process.kill(server.pid!, 'SIGCONT');
    }
    const unavailable = answers.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(N / 2);
    expect(answers.every((r) => r.status === 201 || r.status === 503)).toBe(true);
    for (const r of unavailable) {
      const error = r.body.error as { code: string; message: string; idempotencyKey?: string; projectId?: string };
      expect(error.code).toBe('temporal_unavailable');
      expect(error.message).not.toContain('不要重复申报');
      expect(error.message).toMatch(/可能已创建/);
      expect(error.message).toContain('同一 Idempotency-Key');
      expect(error.idempotencyKey).toMatch(/^stall-submission-\d{3}$/);
      expect(r.headers['retry-after']).toMatch(/^\d+$/);
    }

    await expect.poll(async () => (await request(app).get('/healthz')).status, { timeout: 30_000 }).toBe(200);
    // Every submission resent with its key until it answers, as the 503 asked.
    const final = new Map<number, string>();
    for (let round = 0; final.size < N && round < 20; round++) {
      const pendingIds = Array.from({ length: N }, (_, i) => i).filter((i) => !final.has(i));
      const again = await Promise.all(pendingIds.map((i) => send(i)));
      again.forEach((r, j) => {
        if (r.status === 201) final.set(pendingIds[j]!, r.body.projectId as string);
        else expect(r.status).toBe(503);
      });
      if (final.size < N) await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(final.size).toBe(N);
    // A 201, or a 503 that named a project, named the one the retries found.
    answers.forEach((r, i) => {
      const named = r.status === 201 ? (r.body.projectId as string) : (r.body.error?.projectId as string | undefined);
      if (named) expect(final.get(i)).toBe(named);
    });
    // The same key once more: the same project again, never a second.
    for (const i of [0, 20, 49]) {
      const again = await eventually(
        () => send(i),
        (r) => r.status !== 503,
        { ms: 20_000, what: `submission ${i} answered` },
      );
      expect([again.status, again.body.projectId]).toEqual([201, final.get(i)]);
    }
    expect(new Set(final.values()).size).toBe(N);
    for (const [i, id] of final) {
      // A read may still meet a worker catching up after the pause (503 with Retry-After): read again, as a client would.
      const read = await eventually(
        () => request(app).get(`/v1/projects/${id}`).set('Authorization', applicant),
        (r) => r.status !== 503,
        { ms: 20_000, what: `project ${id} readable` },
      );
      expect([read.status, read.body.title ?? read.body.error?.message]).toEqual([200, applicationOf(i).title]);
    }

    // Exactly once in the namespace: 50 project workflows, one per key.
    const byKey = await expect
      .poll(async () => [...(await projectsByKey()).values()].flat().length, { timeout: 20_000 })
      .toBe(N)
      .then(() => projectsByKey());
    expect([...byKey.keys()].sort()).toEqual(Array.from({ length: N }, (_, i) => keyOf(i)).sort());
    for (const [key, workflows] of byKey) expect(workflows, key).toHaveLength(1);
  }, 180_000);

  it('refuses the same key with another application (422) and creates nothing for it', async () => {
    const again = await send(3, applicationOf(4));
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('idempotency_key_reused');
    expect(again.body.error.issues[0].field).toBe('header.Idempotency-Key');
    expect((await projectsByKey()).get(keyOf(3))).toHaveLength(1);
  });

  it('refuses a malformed key naming the header', async () => {
    const bad = await request(app)
      .post('/v1/projects')
      .set('Authorization', applicant)
      .set('Idempotency-Key', 'x')
      .send({ jurisdiction: 'weishan', application: applicationOf(0) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.issues)).toContain('header.Idempotency-Key');
  });
});
