import { stopTestLists, testApp } from '../helpers/app.js';
// Issue 10, row 6: Temporal stalled (process paused) must not hang the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded, temporalHealth } from '../../runtime/stack.js';
import { ProjectService, TemporalUnavailable } from '../../server/projects.js';
import { identityFor, recordingActivities, testConfig, testSigner, workflowBundle } from '../helpers/temporal.js';
import { testIdentities } from '../helpers/identities.js';
import { weishanApplication } from '../fixtures/weishan.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'temporal-stall-'));
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
let projects: ProjectService;
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
  projects = new ProjectService({ client: new Client({ connection }), taskQueue: base.temporal.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
  app = testApp({ projects, identities: ids.identities, health: () => temporalHealth(connection, 'default', base.temporal.taskQueue) });
});
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

/** How long a request takes, with its answer. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await fn();
  return { ms: Date.now() - started, value };
}

describe('Temporal stalled', () => {
  it('answers 503 fast, says whether an action may still apply, and a retry with the same key acts once', async () => {
    const applicant = ids.bearer('weishan.fixture-applicant');
    const reviewer = ids.bearer('weishan.bigdata');
    const submitted = await request(app)
      .post('/v1/projects')
      .set('Authorization', applicant)
      .send({ jurisdiction: 'weishan', application: weishanApplication() });
    expect(submitted.status).toBe(201);
    const id = submitted.body.projectId as string;
    await expect.poll(async () => (await request(app).get('/healthz')).status, { timeout: 15_000 }).toBe(200);

    process.kill(server.pid!, 'SIGSTOP');
    try {
      const health = await timed(() => request(app).get('/healthz'));
      expect(health.value.status).toBe(503);
      expect(health.ms).toBeLessThan(3_000);

      const [view, list, post, direct] = await Promise.all([
        timed(() => request(app).get(`/v1/projects/${id}`).set('Authorization', reviewer)),
        timed(() => request(app).get('/v1/projects').set('Authorization', reviewer)),
        timed(() => request(app).post(`/v1/projects/${id}/tasks/requirementsReview/actions`).set('Authorization', reviewer).send({ action: 'approve' })),
        // What the action route does once the scope check has passed: send the signed command.
        timed(() =>
          projects
            .act(id, {
              task: 'requirementsReview',
              action: 'approve',
              department: 'bigData',
              actor: '县大数据局审核人',
              identity: identityFor('weishan', 'bigData'),
            })
            .catch((e: unknown) => e),
        ),
      ]);
      // Lists read the read model, not Temporal (issue 23): they keep answering, with the project in them.
      expect(list.value.status).toBe(200);
      expect(list.value.body.projects.map((p: { projectId: string }) => p.projectId)).toContain(id);
      expect(list.ms).toBeLessThan(10_000);
      for (const r of [view, post]) {
        expect(r.value.status).toBe(503);
        expect(r.value.headers['retry-after']).toMatch(/^\d+$/);
        expect(r.ms).toBeLessThan(10_000);
      }
      // Refused before any command was sent: nothing can apply later.
      expect(post.value.body.error).toMatchObject({ code: 'temporal_unavailable', mayStillApply: false });
      expect(direct.value).toBeInstanceOf(TemporalUnavailable);
      expect(direct.ms).toBeLessThan(10_000);
      const pending = (direct.value as TemporalUnavailable).pending!;
      expect(pending.mayStillApply).toBe(true);
      expect(pending.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,100}$/);

      process.kill(server.pid!, 'SIGCONT');
      // The retry the answer asked for: same user, same body, same key.
      const retry = await request(app)
        .post(`/v1/projects/${id}/tasks/requirementsReview/actions`)
        .set('Authorization', reviewer)
        .set('Idempotency-Key', pending.idempotencyKey!)
        .send({ action: 'approve' });
      expect(retry.status).toBe(200);
      expect(retry.body.status).toBe('awaiting_materials');
      const audit = await projects.audit(id);
      expect(audit.filter((h) => h.kind === 'action')).toHaveLength(1);
    } finally {
      process.kill(server.pid!, 'SIGCONT');
    }
  }, 90_000);
});
