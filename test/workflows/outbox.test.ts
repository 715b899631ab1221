// Issue 12: effects leave the update. A reviewer's action does not wait for the outbox, and an
// outbox that is down delays notifications without blocking anyone; once it is back, each queued
// effect is delivered once.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOutbox, type Effect } from '../../activities/index.js';
import { chinaDate } from '../../machines/shared/events.js';
import { startWorkflowStack, type ProjectClient, type WorkflowStack } from './client.js';
import { fixtures } from '../fixtures/index.js';
import { technicalMaterials, weishanApplication, weishanPayloadsOn } from '../fixtures/weishan.js';
import { identityFor } from '../helpers/temporal.js';

let stack: WorkflowStack;
let env: TestWorkflowEnvironment;
let projects: ProjectClient;
let dir: string;
let outboxFile: string;
let down = true;
let attempts = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  outboxFile = path.join(dir, 'notifications.jsonl');
  const file = fileOutbox(outboxFile);
  // The product's file outbox behind a switch that takes it down.
  stack = await startWorkflowStack({
    outbox: {
      deliver: async (e: Effect) => {
        attempts++;
        if (down) throw new Error('outbox unreachable');
        await file.deliver(e);
      },
    },
  });
  ({ env, projects } = stack);
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const as = (department: string) => ({
  department,
  actor: `${department}经办人`,
  identity: identityFor('weishan', department, String(fixtures.weishan!.variants[0]!.applicantUnit)),
});
const delivered = (): Effect[] => {
  try {
    return readFileSync(outboxFile, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Effect);
  } catch {
    return [];
  }
};

describe('the outbox', () => {
  it('lets reviewers act while it is down, and delivers each queued notification once it is back', async () => {
    const today = chinaDate(await env.currentTimeMs());
    const payloads = weishanPayloadsOn(today);
    const { projectId } = await projects.submit('weishan', weishanApplication({}, today), { actor: '王五' }, new Date(await env.currentTimeMs()));
    await projects.act(projectId, { task: 'requirementsReview', action: 'approve', ...as('bigData') });
    await projects.act(projectId, { task: 'technicalMaterials', action: 'submit', ...as('applicant'), data: technicalMaterials(1_000_000) });
    await projects.act(projectId, { task: 'technicalReview', action: 'approve', ...as('bigData') });
    // The budget's approval is copied to 县大数据局 (微山 第二十一条): a notification for the outbox.
    const budgeted = await projects.act(projectId, { task: 'budget', action: 'approve', ...as('finance'), data: payloads['budget.approve'] });
    expect(budgeted.status).toBe('responsibility_filing');
    // The next step is taken while the notification still cannot be delivered.
    const filed = await projects.act(projectId, {
      task: 'responsibilityFiling',
      action: 'submit',
      ...as('applicant'),
      data: payloads['responsibilityFiling.submit'],
    });
    expect(filed.status).toBe('procurement');
    const notice = (await projects.audit(projectId)).find((h) => h.kind === 'notification' && h.article === '微山 第二十一条');
    expect(notice).toBeDefined();
    expect(attempts).toBeGreaterThan(0);
    expect(delivered()).toEqual([]);

    down = false;
    // Retries back off up to five minutes: let the server's clock pass them.
    await env.sleep(10 * 60_000);
    const sent = delivered().filter((e) => e.projectId === projectId);
    expect(sent).toEqual([
      expect.objectContaining({
        id: `${projectId}#${notice!.seq}`,
        type: 'notify',
        params: expect.objectContaining({ to: 'bigData', article: '微山 第二十一条' }),
      }),
    ]);
  });
});

describe('the file outbox', () => {
  it('writes an effect delivered again under the same id once, also after a restart', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'outbox-file-')), 'n.jsonl');
    const effect: Effect = {
      id: 'weishan-20261123-0000abcd#7',
      projectId: 'weishan-20261123-0000abcd',
      jurisdiction: 'weishan',
      type: 'notify',
      params: { to: 'bigData' },
      at: '2026-11-23T02:00:00.000Z',
    };
    const first = fileOutbox(file);
    await Promise.all([first.deliver(effect), first.deliver(effect)]);
    // Another process over the same file, as after a worker restart: the id is read back from it.
    await fileOutbox(file).deliver(effect);
    await fileOutbox(file).deliver({ ...effect, id: 'weishan-20261123-0000abcd#8' });
    expect(
      readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Effect).id),
    ).toEqual([effect.id, 'weishan-20261123-0000abcd#8']);
    rmSync(path.dirname(file), { recursive: true, force: true });
  });
});
