// A project Temporal ended outside the product (terminated from the Web UI or the CLI) never reaches
// the close that writes its archive package, so its record would go with the namespace's retention:
// the worker's archive sweep writes the package for it (issue 20 item 3), with who ended it and why,
// and leaves running projects, packages already written and refused starts alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredDueTimes, type ArchiveManifest } from '../../activities/index.js';
import { PROJECT_WORKFLOW, type HistoryEntry } from '../../contracts/messages.js';
import { verifyChain } from '../../core/chain.js';
import { chinaDate } from '../../machines/shared/events.js';
import { sweepEndedProjects } from '../../worker/archive-sweep.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { eventually } from '../helpers/eventually.js';
import { actingAs, devServerEnv, recordingActivities, testConfig, testSigner, workflowBundle } from '../helpers/temporal.js';
import { ProjectClient } from '../workflows/client.js';

let env: Awaited<ReturnType<typeof devServerEnv>>;
let worker: Worker;
let running: Promise<void>;
let archiveDir: string;
let projects: ProjectClient;
const config = testConfig();
const namespace = 'default';

beforeAll(async () => {
  env = await devServerEnv();
  const recorded = recordingActivities(config);
  archiveDir = recorded.archiveDir;
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: await workflowBundle(),
    activities: recorded.activities,
  });
  running = worker.run();
  projects = new ProjectClient(env.client, config.temporal.taskQueue, { signer: testSigner(), dueTimes: configuredDueTimes(config) });
}, 120_000);
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const mode = (file: string) => statSync(file).mode & 0o777;
const sweep = () => sweepEndedProjects({ client: env.client, namespace, archiveDir });

describe('the archive sweep of projects ended outside the product', () => {
  it('writes the package of a terminated project, with who terminated it and why, and leaves the rest alone', async () => {
    const now = new Date();
    const application = weishanApplication({}, chinaDate(now.getTime()));
    const terminated = (await projects.submit('weishan', application, { actor: '王五' }, now)).projectId;
    const live = (await projects.submit('weishan', application, { actor: '王五' }, now)).projectId;
    // One decision on the record before the termination, so the package is more than the submission.
    const first = await projects.firstDueAt(terminated);
    expect(first).toBeTruthy();
    const view = await projects.view(terminated);
    const task = view.tasks[0]!;
    await projects.act(terminated, {
      task: task.task,
      action: task.actions.includes('return') ? 'return' : task.actions[0]!,
      ...actingAs(task.department),
      comment: '请补充建设方案',
    });
    const held: HistoryEntry[] = await projects.audit(terminated);
    const last = await projects.view(terminated);
    // An unsigned start from a direct client: the workflow refuses it, and it fails as a run that never became a project.
    const forged = `weishan-${chinaDate(now.getTime()).replaceAll('-', '')}-f0f0f0f0`;
    const forgedRun = await env.client.workflow.start(PROJECT_WORKFLOW, {
      workflowId: forged,
      taskQueue: config.temporal.taskQueue,
      args: [{ projectId: forged, jurisdiction: 'weishan', chartVersion: 1, application, submittedBy: { actor: '伪造' }, submittedAt: now.toISOString() }],
    });
    await expect(forgedRun.result()).rejects.toThrow();

    // As the Web UI's terminate button or `temporal workflow terminate --reason` would.
    await env.client.workflow.getHandle(terminated).terminate('误操作终止（Web UI）');

    const result = await eventually(sweep, (r) => r.archived.includes(terminated) && r.notProjects.includes(forged), {
      what: 'visibility to list the terminated run and the refused start',
    });
    expect(result.failed).toEqual([]);
    expect(result.archived).not.toContain(live);
    expect(readdirSync(archiveDir).sort()).toEqual([terminated]);

    const dir = path.join(archiveDir, terminated);
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'chart.json', 'manifest.json']);
    expect(mode(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect(mode(path.join(dir, f))).toBe(0o600);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
    const described = await env.client.workflow.getHandle(terminated).describe();
    expect(manifest).toMatchObject({
      projectId: terminated,
      jurisdiction: 'weishan',
      status: last.status,
      statusLabel: last.statusLabel,
      entries: held.length,
      ended: { state: 'terminated', label: '已终止', reason: '误操作终止（Web UI）', at: described.closeTime!.toISOString() },
    });
    // The client identity Temporal recorded for the termination (here the test's client: pid@host).
    expect(manifest.ended?.identity).toMatch(/@/);
    for (const f of manifest.files) expect(sha256(path.join(dir, f.name))).toBe(f.sha256);
    const audit = JSON.parse(readFileSync(path.join(dir, 'audit.json'), 'utf8')) as { entries: HistoryEntry[] };
    expect(audit.entries).toEqual(held);
    expect(audit.entries.some((e) => e.kind === 'action' && e.comment === '请补充建设方案')).toBe(true);
    expect(verifyChain(terminated, audit.entries)).toMatchObject({ intact: true, head: manifest.chainHead });

    // The next sweep finds the package there and writes nothing.
    const mtimes = readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs);
    const again = await sweep();
    expect(again.archived).toEqual([]);
    expect(again.present).toBeGreaterThanOrEqual(1);
    expect(readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs)).toEqual(mtimes);
  });
});
