// A closed project leaves its archive package in the data folder (issue 20 item 3): the whole audit
// trail with signatures and chain, the chart export of its version, and a manifest whose SHA-256 of
// each file matches; files 0600 in a 0700 folder; written again, the package is the same bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFiles, writeArchive, type ArchiveInput, type ArchiveManifest } from '../../activities/archive.js';
import { verifyChain } from '../../core/chain.js';
import { chartJson } from '../../machines/chart-export.js';
import { chinaDate } from '../../machines/shared/events.js';
import type { TaskAction } from '../../machines/shared/meta.js';
import { weishan } from '../../machines/weishan/index.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { stepsTo } from '../fixtures/paths.js';
import { eventually } from '../helpers/eventually.js';
import { actingAs } from '../helpers/temporal.js';
import { startWorkflowStack, type WorkflowStack } from './client.js';

let stack: WorkflowStack;
beforeAll(async () => {
  stack = await startWorkflowStack();
}, 120_000);
afterAll(async () => stack?.stop());

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const mode = (file: string) => statSync(file).mode & 0o777;

describe('a closed project’s archive package', () => {
  it('is written when the project closes: audit with chain and signatures, its chart version, and a manifest whose hashes match', async () => {
    const now = new Date(await stack.env.currentTimeMs());
    const application = weishanApplication({}, chinaDate(now.getTime()));
    const { projectId } = await stack.projects.submit('weishan', application, { actor: '王五' }, now);
    // The shortest way the chart knows to 不予通过 (a final state), found in the chart.
    for (const e of stepsTo(weishan, application, now.toISOString(), (s) => s.status === 'done' && s.value !== undefined)) {
      const [task, action] = e.type.split('.') as [string, TaskAction];
      await stack.projects.act(projectId, {
        task,
        action,
        ...actingAs(e.department),
        ...(e.comment ? { comment: e.comment } : {}),
        ...(e.data ? { data: e.data } : {}),
      });
    }
    const handle = stack.env.client.workflow.getHandle(projectId);
    const closed = await handle.result();
    expect(closed.final).toBe(true);

    const dir = path.join(stack.archiveDir, projectId);
    expect(readdirSync(dir).sort()).toEqual(['audit.json', 'chart.json', 'manifest.json']);
    expect(mode(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect(mode(path.join(dir, f))).toBe(0o600);

    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ArchiveManifest;
    expect(manifest).toMatchObject({
      format: 'gov-it-project-archive',
      projectId,
      jurisdiction: 'weishan',
      chartVersion: weishan.version,
      status: closed.status,
    });
    expect(manifest.files.map((f) => f.name)).toEqual(['audit.json', 'chart.json']);
    for (const f of manifest.files) {
      expect(sha256(path.join(dir, f.name))).toBe(f.sha256);
      expect(statSync(path.join(dir, f.name)).size).toBe(f.bytes);
    }

    const audit = JSON.parse(readFileSync(path.join(dir, 'audit.json'), 'utf8')) as { projectId: string; entries: ArchiveInput['entries'] };
    const held = await handle.query('audit');
    expect(audit.entries).toEqual(held);
    expect(verifyChain(projectId, audit.entries)).toMatchObject({ intact: true, beforeChain: 0, head: manifest.chainHead });
    expect(audit.entries.filter((e) => e.kind === 'action').every((e) => e.command?.signature)).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'chart.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(chartJson(weishan))));
    // An outage of the data folder would only delay the close: the workflow completed after the package was there.
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'archiveProject')).toBe(true);
  });

  it('is the same bytes when written again (a retried activity), and refuses an id that would leave the folder', async () => {
    const now = new Date(await stack.env.currentTimeMs());
    const { projectId } = await stack.projects.submit('weishan', weishanApplication({}, chinaDate(now.getTime())), { actor: '王五' }, now);
    const entries = await eventually(
      () => stack.projects.audit(projectId),
      (a) => a.length > 0,
    );
    const input: ArchiveInput = {
      projectId,
      jurisdiction: 'weishan',
      chartVersion: weishan.version,
      status: 'rejected',
      statusLabel: '未通过',
      submittedAt: now.toISOString(),
      closedAt: now.toISOString(),
      entries,
    };
    const dir = await writeArchive(stack.archiveDir, input);
    const first = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
    const mtimes = readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs);
    await writeArchive(stack.archiveDir, input);
    expect(Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]))).toEqual(first);
    expect(readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs)).toEqual(mtimes);
    expect(Object.keys(first).sort()).toEqual(
      archiveFiles(input)
        .map((f) => f.name)
        .sort(),
    );
    await expect(writeArchive(stack.archiveDir, { ...input, projectId: '../escape' })).rejects.toThrow(/plain id/);
  });
});
