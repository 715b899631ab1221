import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, Worker, type ReplayResult } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { jurisdictions } from '../../machines/index.js';
import { bundleWorkflows } from '../../worker/index.js';

const dir = path.resolve(import.meta.dirname, '../histories');
const recorded = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, history: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));

async function replay(workflowBundle: { code: string }, histories: typeof recorded): Promise<Array<ReplayResult & { file: string }>> {
  const results: Array<ReplayResult & { file: string }> = [];
  const input = histories.map((h) => ({ workflowId: h.file, history: h.history }));
  for await (const r of Worker.runReplayHistories({ workflowBundle }, input)) results.push({ ...r, file: r.workflowId });
  return results;
}

/**
 * Host 1 (workflows/legacy/project-v1.ts) is frozen: no new run starts on it, so nothing new can be
 * recorded under it. These are the runs recorded when it was frozen (docs/compatibility.md); a
 * jurisdiction added since needs only its current-host recording.
 */
const HOST_1_RECORDINGS = [
  'jingle-v1.json',
  'jingle-v2.json',
  'kundulun-v1.json',
  'laizhou-v1.json',
  'laizhou-v2.json',
  'weishan-v1.json',
  'xichuan-v1.json',
  'xichuan-v2.json',
];

describe('recorded histories of running projects', () => {
  it('are kept for every jurisdiction and chart version under the current host, and for the runs host 1 still serves', () => {
    const current = Object.values(jurisdictions).map((d) => `${d.id}-v${d.version}.host2.json`);
    expect(recorded.map((r) => r.file)).toEqual(expect.arrayContaining([...current, ...HOST_1_RECORDINGS]));
  });

  it('all replay against the current workflow and charts', async () => {
    const results = await replay(await bundleWorkflows(), recorded);
    expect(results.map((r) => [r.file, r.error ? String(r.error) : 'ok'])).toEqual(recorded.map((r) => [r.file, 'ok']));
  }, 120_000);

  it('fail to replay when a chart change would break running projects', async () => {
    const broken = await bundleWorkflowCode({
      workflowsPath: path.join(dir, 'broken-chart.ts'),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
    });
    // 微山's recordings: the current version's (v2) breaks under the changed chart; v1's runs on its own
    // definition (weishanV1), which the change does not touch, so its projects replay as they were.
    const results = await replay(
      broken,
      recorded.filter((r) => r.file.startsWith('weishan-')),
    );
    expect(results.map((r) => [r.file, r.error?.name]).sort()).toEqual([
      ['weishan-v1.host2.json', undefined],
      ['weishan-v1.json', undefined],
      ['weishan-v2.host2.json', 'DeterminismViolationError'],
    ]);
  }, 120_000);
});
