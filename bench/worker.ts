/** Benchmark worker process: runs the product's and the baseline workflows and reports its memory on request. */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { activitiesFor } from '../worker/index.js';
import { localDocumentStore } from '../documents/store.js';
import { loadConfig } from '../temporal.config.js';
import { commandLine } from '../runtime/cli.js';

/** Forked by bench/harness.ts with the server's address, the task queue and the bundle's path. */
const USAGE = 'tsx bench/worker.ts ADDRESS TASK_QUEUE BUNDLE_PATH (forked by bench/harness.ts)';
const { positionals } = commandLine({ options: {}, allowPositionals: true }, USAGE);
if (positionals.length !== 3) {
  console.error(`three arguments expected\nusage: ${USAGE}`);
  process.exit(2);
}
const [address, taskQueue, bundlePath] = positionals as [string, string, string];
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const config = loadConfig(process.env);
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  taskQueue,
  // Bundled once by the parent, so webpack's memory is not counted as the worker's.
  workflowBundle: { codePath: bundlePath },
  // Decisions issue their opinions as the product does: numbered, rendered, stored (in a folder of the run's own).
  activities: activitiesFor(
    config,
    { deliver: async () => undefined },
    mkdtempSync(path.join(tmpdir(), 'bench-archive-')),
    config.calendar.years,
    localDocumentStore(mkdtempSync(path.join(tmpdir(), 'bench-opinions-'))),
  ),
  maxCachedWorkflows: config.worker.maxCachedWorkflows,
});
const running = worker.run();
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'memory') process.send!({ type: 'memory', rss: process.memoryUsage().rss });
  if (msg.type === 'stop') {
    worker.shutdown();
    void running.then(() => connection.close()).then(() => process.exit(0));
  }
});
process.send!({ type: 'ready' });
await running;
