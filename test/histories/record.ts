/**
 * `npm run histories:record`: runs the main path of every jurisdiction whose current chart version
 * has no recording yet under the current workflow host on a dev server and stores the workflow
 * history in test/histories/, named by jurisdiction, chart version and host
 * (`<id>-v<version>.host<n>.json`; host 1's recordings carry no host). The replay test replays them
 * all, so a change that would break running projects fails the build. A recording is kept: never
 * re-record one to make a failing replay pass (see docs/changing.md, "Changing a chart").
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { Worker } from '@temporalio/worker';
import { jurisdictions } from '../../machines/index.js';
import { ProjectService } from '../../server/projects.js';
import { fixturesOn } from '../fixtures/index.js';
import { mainPath } from '../fixtures/paths.js';
import { ensure } from '../../runtime/toolchain.js';
import { morningOf, serverToday, submissionDay } from '../helpers/clock.js';
import { devServerEnv, identityFor, recordingActivities, testConfig, testSigner, workflowBundle } from '../helpers/temporal.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
/** The workflow host the recordings are made with (workflows/project.ts HOST_V2). */
const HOST = 2;
const fileOf = (def: { id: string; version: number }) => path.join(dir, `${def.id}-v${def.version}.host${HOST}.json`);
const toRecord = Object.values(jurisdictions).filter((def) => !existsSync(fileOf(def)));
for (const def of Object.values(jurisdictions)) if (!toRecord.includes(def)) console.log(`kept ${path.relative(process.cwd(), fileOf(def))}`);
if (toRecord.length === 0) process.exit(0);
const env = await devServerEnv();
const config = testConfig();
const worker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue: config.temporal.taskQueue,
  workflowBundle: await workflowBundle(),
  activities: recordingActivities(config).activities,
});
await worker.runUntil(async () => {
  const projects = new ProjectService({ client: env.client, taskQueue: config.temporal.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
  for (const def of toRecord) {
    const day = submissionDay(def.regulation, serverToday());
    const application = fixturesOn(day)[def.id]!.variants[0]!;
    const { projectId } = await projects.submit(def.id, application, { actor: '申报人' }, morningOf(day));
    for (const e of mainPath(def, application, new Date().toISOString())) {
      const [task, action] = e.type.split('.') as [string, string];
      const identity = identityFor(def.id, e.department, String(application.applicantUnit));
      await projects.act(projectId, {
        task,
        action: action as never,
        department: e.department,
        actor: '经办人',
        identity,
        ...(e.data && Object.keys(e.data).length ? { data: e.data } : {}),
      });
    }
    // The CLI writes the JSON form Worker.runReplayHistories reads (as `temporal workflow show` does for operators).
    const json = execFileSync(
      ensure('cli')!,
      ['workflow', 'show', '--workflow-id', projectId, '--address', env.connection.options.address, '--output', 'json'],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 2 ** 20,
      },
    );
    const file = fileOf(def);
    writeFileSync(file, json.endsWith('\n') ? json : `${json}\n`);
    console.log(`recorded ${path.relative(process.cwd(), file)} (${(JSON.parse(json).events ?? []).length} events)`);
  }
});
await env.teardown();
