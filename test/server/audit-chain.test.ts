// The tamper-evident record (issue 20 item 2) through the product: a real project's trail is
// hash-chained with each action's signature, both exports carry them, the project page says the
// chain holds, and an operator's `npm run admin -- verify` says 完整 for it and names the entry
// where an altered copy breaks, with a non-zero exit code.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../contracts/messages.js';
import { chainGenesis, entryHash, verifyChain } from '../../core/chain.js';
import { ProjectService } from '../../server/projects.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { testApp } from '../helpers/app.js';
import { serverToday } from '../helpers/clock.js';
import { FakeProjects, projectView, signedIn, step } from '../helpers/fake-projects.js';
import { testIdentities } from '../helpers/identities.js';
import { settled } from '../helpers/settled.js';
import { startDevStack, testSigner, testTrustedKeys, type DevStack } from '../helpers/temporal.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'chain-'));
const ids = testIdentities();
const tokenOf = (department: string) => ids.bearer(department === 'applicant' ? 'weishan.fixture-applicant' : `weishan.${department.toLowerCase()}`);

let stack: DevStack;
let app: ReturnType<typeof testApp>;
let projectId: string;
let trail: HistoryEntry[];

/** `npm run admin -- …` as an operator runs it, on a data folder of its own (not blocking: the worker answering its query runs here). */
const admin = (...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      path.join(root, 'node_modules/.bin/tsx'),
      ['scripts/admin.ts', ...args],
      { cwd: root, env: { ...process.env, DATA_DIR: dataDir } },
      (err, stdout, stderr) => resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

beforeAll(async () => {
  stack = await startDevStack();
  const projects = new ProjectService({ client: stack.env.client, taskQueue: stack.taskQueue, historyEventLimit: 2_000, signer: testSigner() });
  app = testApp({ projects, identities: ids.identities, dataDir: stack.dataDir });
  const submitted = await request(app)
    .post('/v1/projects')
    .set('Authorization', tokenOf('applicant'))
    .send({ jurisdiction: 'weishan', application: weishanApplication({}, serverToday()) });
  expect(submitted.status).toBe(201);
  projectId = submitted.body.projectId;
  const returned = await request(app)
    .post(`/v1/projects/${projectId}/tasks/requirementsReview/actions`)
    .set('Authorization', tokenOf('bigData'))
    .send({ action: 'return', comment: '不予通过：建设依据不充分' });
  expect(returned.status).toBe(200);
  // The return's 评审意见 is chained into the trail once issued, after the answer.
  await settled(projects, projectId);
  trail = (await request(app).get(`/v1/projects/${projectId}/audit`).set('Authorization', tokenOf('bigData'))).body as HistoryEntry[];
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const actionIndex = () => trail.findIndex((e) => e.kind === 'action');

describe('the audit hash chain of a real project', () => {
  it('is exported as JSON with every entry hashed and each action with the signature it was accepted with, and verifies', () => {
    expect(trail.length).toBeGreaterThanOrEqual(2);
    expect(trail.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    const action = trail[actionIndex()]!;
    expect(action).toMatchObject({ userId: 'weishan.bigdata', comment: '不予通过：建设依据不充分', command: { keyId: 'test-key' } });
    expect(action.command!.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifyChain(projectId, trail)).toMatchObject({ intact: true, beforeChain: 0, head: trail.at(-1)!.hash });
  });

  it('is exported as CSV with each entry’s signature and hash', async () => {
    const csv = await request(app).get(`/v1/projects/${projectId}/audit?format=csv`).set('Authorization', tokenOf('bigData'));
    const [header, ...rows] = csv.text.trim().split('\r\n');
    const columns = header!.split(',');
    expect(columns.slice(14, 19)).toEqual(['bodyHash', 'keyId', 'issuedAt', 'signature', 'hash']);
    const action = trail[actionIndex()]!;
    expect(rows[actionIndex()]).toContain(`,test-key,${action.command!.issuedAt},${action.command!.signature},${action.hash}`);
    rows.forEach((row, i) => expect(row.split(',')[columns.indexOf('hash')]).toBe(trail[i]!.hash));
  });

  it('is said to hold on the project page', async () => {
    const { agent } = await signedIn(app, tokenOf('bigData').slice('Bearer '.length), 'weishan.bigdata');
    const page = await agent.get(`/projects/${projectId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-chain="intact"');
    expect(page.text).toContain(`审计链完整（${trail.length} 条）`);
  });

  it('is 完整 for `admin verify` read from Temporal, and an altered copy breaks at its entry with a non-zero exit code', async () => {
    // The API's public keys, as an operator gives them to workers (temporal.config.ts commands.trustedKeys).
    const keys = path.join(dataDir, 'keys.json');
    writeFileSync(keys, JSON.stringify(testTrustedKeys));
    const live = await admin('verify', projectId, '--address', stack.env.server.address, '--keys', keys);
    expect(live.stderr).toBe('');
    expect(live.status).toBe(0);
    expect(live.stdout).toContain(`${projectId}: 完整`);
    expect(live.stdout).toContain('签名有效（1 条办理）');
    expect(live.stdout).toContain(`head ${trail.at(-1)!.hash}`);

    // The probe on a copy: 不予通过 turned into 通过 under the same reviewer's name.
    const altered = structuredClone(trail);
    const i = actionIndex();
    altered[i]!.comment = '通过';
    const file = path.join(dataDir, 'altered.json');
    writeFileSync(file, JSON.stringify(altered));
    const broken = await admin('verify', projectId, '--file', file, '--keys', keys);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`审计链在第 ${i + 1} 条断开`);
    expect(broken.stdout).toContain(trail[i]!.at);

    // Rewritten by someone who also hashed the whole chain anew: the chain holds, the API's signature does not.
    altered.forEach((e, k) => (e.hash = entryHash(k === 0 ? chainGenesis(projectId) : altered[k - 1]!.hash!, e)));
    writeFileSync(file, JSON.stringify(altered));
    const rehashed = await admin('verify', projectId, '--file', file, '--keys', keys);
    expect(rehashed.status).toBe(1);
    expect(rehashed.stdout).toContain('审计链完整');
    expect(rehashed.stdout).toContain(`签名校验在第 ${i + 1} 条失败`);

    writeFileSync(file, JSON.stringify(trail));
    expect((await admin('verify', projectId, '--file', file, '--keys', keys)).status).toBe(0);
    // A trail is bound to its project: the same file is no other project's.
    expect((await admin('verify', 'weishan-20260101-00000000', '--file', file, '--keys', keys)).status).toBe(1);
  }, 60_000);

  it('shows the page’s break where a trail was altered (a project service answering a rewritten record)', async () => {
    const altered = structuredClone(trail);
    const i = actionIndex();
    altered[i]!.comment = '通过';
    const projects = new FakeProjects();
    projects.add(
      projectView({ projectId, jurisdiction: 'weishan', applicantUnit: '微山县示例单位', tasks: [step('weishan', 'requirementsRevision', 'applicant')] }),
      altered,
    );
    const { agent } = await signedIn(
      testApp({ projects, identities: ids.identities, dataDir: stack.dataDir }),
      ids.bearer('weishan.admin').slice('Bearer '.length),
      'weishan.admin',
    );
    const page = await agent.get(`/projects/${projectId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-chain-break="${i + 1}"`);
    expect(page.text).toContain(`审计链在第 ${i + 1} 条断开`);
    expect(page.text).not.toContain('审计链完整');
  });
});
