// Issue 20 item 5: workers hold only public keys, follow rotation and revocation without a restart,
// and private keys may be encrypted at rest with a passphrase from the environment.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandSigner,
  followSigner,
  generateCommandKey,
  loadPublishedKeys,
  loadSigner,
  loadTrustedKeys,
  NoTrustedKeyError,
  publicKeySetFile,
  readPrivateKey,
  revokeCommandKey,
} from '../../server/signing.js';
import { readPublicKeySet } from '../../runtime/keys.js';
import { startProductProcess, type ProductProcess } from '../../runtime/fleet.js';
import { configuredDueTimes } from '../../activities/index.js';
import { loadConfig } from '../../temporal.config.js';
import { ProjectClient, Refused } from '../workflows/client.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { actingAs, devServerEnv } from '../helpers/temporal.js';
import { testYearsFile } from '../helpers/clock.js';
import { eventually } from '../helpers/eventually.js';

const tmp: string[] = [];
const tmpDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'command-keys-'));
  tmp.push(d);
  return d;
};
afterAll(() => (process.env.KEEP_TMP ? undefined : tmp.forEach((d) => rmSync(d, { recursive: true, force: true }))));

describe('private keys at rest', () => {
  it('an encrypted key opens with the passphrase and signs; without it or with a wrong one it fails naming the file and the variable', () => {
    const dir = path.join(tmpDir(), 'command-keys');
    const id = generateCommandKey(dir, '县政务服务数据管理局-口令');
    const file = path.join(dir, `${id}.pem`);
    expect(readFileSync(file, 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(statSync(file).mode & 0o077).toBe(0);
    const saved = process.env.SIGNING_KEY_PASSPHRASE;
    delete process.env.SIGNING_KEY_PASSPHRASE;
    try {
      expect(() => loadSigner({ dir })).toThrow(`command key ${file} is encrypted: set SIGNING_KEY_PASSPHRASE to its passphrase`);
      expect(() => readPrivateKey(file, 'wrong')).toThrow(/does not open with SIGNING_KEY_PASSPHRASE: wrong passphrase/);
      process.env.SIGNING_KEY_PASSPHRASE = '县政务服务数据管理局-口令';
      const signer = loadSigner({ dir });
      expect(signer.keyId).toBe(id);
      // The worker's view of the same key: its public half, from the public key set alone.
      expect(loadTrustedKeys({ dir })).toEqual({ [id]: signer.publicKey });
    } finally {
      if (saved === undefined) delete process.env.SIGNING_KEY_PASSPHRASE;
      else process.env.SIGNING_KEY_PASSPHRASE = saved;
    }
  });

  it('the public key set is 0600, versioned, and holds no private key', () => {
    const dir = path.join(tmpDir(), 'command-keys');
    const a = loadSigner({ dir }).keyId;
    const b = generateCommandKey(dir, undefined);
    revokeCommandKey(dir, a);
    const file = publicKeySetFile(dir);
    expect(statSync(file).mode & 0o077).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('PRIVATE');
    const set = readPublicKeySet(file)!;
    expect(set.version).toBe(3);
    expect(set.keys.map((k) => [k.id, k.revokedAt !== undefined])).toEqual([
      [a, true],
      [b, false],
    ]);
    expect(Object.keys(loadTrustedKeys({ dir }))).toEqual([b]);
    // Checking a record after the fact still knows the revoked key (what it signed before is the API's).
    expect(Object.keys(loadPublishedKeys({ dir })).sort()).toEqual([a, b].sort());
    // A revoked key no longer signs for the API either.
    expect(loadSigner({ dir }).keyId).toBe(b);
  });

  it("the API's signer takes up a rotation and a revocation while running, without a restart", async () => {
    const dir = path.join(tmpDir(), 'command-keys');
    const lines: string[] = [];
    const { signer, stop } = followSigner({ dir, adoptionMs: 2_000 }, undefined, (l) => lines.push(l));
    try {
      const first = signer.keyId;
      const second = generateCommandKey(dir, undefined);
      // Not at once: workers must have read the new key before a start is signed with it.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(signer.keyId).toBe(first);
      await eventually(
        async () => signer.keyId,
        (id) => id === second,
        { ms: 5_000, what: 'the rotated key signing' },
      );
      const signed = await signer.sign('weishan-20261204-0a0b0c0d', { task: 'requirementsReview', action: 'approve', department: 'bigData', actor: '审核人' });
      expect(signed.command!.keyId).toBe(second);
      // Revoking the key in use goes back to the newest one not revoked.
      revokeCommandKey(dir, second);
      await eventually(
        async () => signer.keyId,
        (id) => id === first,
        { ms: 5_000, what: 'the revoked key no longer signing' },
      );
      expect(lines.join('\n')).toContain(`signs commands with key ${first}`);
    } finally {
      stop();
    }
  });

  it('a worker with no trusted key refuses, and generates none', () => {
    const dataDir = tmpDir();
    const dir = path.join(dataDir, 'command-keys');
    expect(() => loadTrustedKeys({ dir })).toThrow(NoTrustedKeyError);
    expect(() => loadTrustedKeys({ dir })).toThrow(/no trusted command key: .*trusted-command-keys\.json lists none/);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

// Records every file the process opens, through the fs functions Node code uses.
const OPEN_HOOK = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const log = process.env.OPEN_LOG;
const append = fs.appendFileSync;
const rec = (p) => { try { if (typeof p === 'string' || p instanceof URL) append(log, String(p) + '\\n'); } catch {} };
for (const name of ['openSync', 'open', 'readFileSync', 'readFile', 'createReadStream']) {
  const orig = fs[name];
  fs[name] = function (p, ...rest) { rec(p); return orig.call(this, p, ...rest); };
}
for (const name of ['open', 'readFile']) {
  const orig = fs.promises[name];
  fs.promises[name] = function (p, ...rest) { rec(p); return orig.call(this, p, ...rest); };
}
syncBuiltinESMExports();
`;

describe('a worker process with the public key set only', () => {
  let env: Awaited<ReturnType<typeof devServerEnv>>;
  let worker: ProductProcess;
  let dataDir: string;
  let dir: string;
  let openLog: string;
  let projects: (signer: CommandSigner) => ProjectClient;
  const config = loadConfig({});

  beforeAll(async () => {
    env = await devServerEnv();
    dataDir = tmpDir();
    dir = path.join(dataDir, 'command-keys');
    // The API's side: its first key, published to the set.
    loadSigner({ dir });
    const hook = path.join(dataDir, 'open-hook.mjs');
    writeFileSync(hook, OPEN_HOOK);
    openLog = path.join(dataDir, 'opened.log');
    writeFileSync(openLog, '');
    worker = await startProductProcess({
      role: 'worker',
      name: 'worker-keys',
      env: {
        TEMPORAL_ADDRESS: env.server.address,
        DATA_DIR: dataDir,
        CALENDAR_YEARS_FILE: testYearsFile(dataDir),
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import ${hook}`.trim(),
        OPEN_LOG: openLog,
      },
      logFile: path.join(dataDir, 'worker.log'),
    });
    projects = (signer) =>
      new ProjectClient(env.client, config.temporal.taskQueue, {
        signer,
        dueTimes: configuredDueTimes(loadConfig({ CALENDAR_YEARS_FILE: path.join(dataDir, 'test-calendar-years.json') })),
      });
  }, 240_000);
  afterAll(async () => {
    await worker?.stop();
    await env?.teardown();
  });

  const approve = (client: ProjectClient, projectId: string) =>
    client.act(projectId, { task: 'requirementsReview', action: 'approve', ...actingAs('bigData') });
  const submit = async (client: ProjectClient) => (await client.submit('weishan', weishanApplication(), { actor: '王五' }, new Date())).projectId;

  it('a worker process on a data folder without a public key set refuses to start, saying where keys come from', async () => {
    const bare = tmpDir();
    const log = path.join(bare, 'worker.log');
    await expect(
      startProductProcess({
        role: 'worker',
        name: 'worker-without-keys',
        env: { TEMPORAL_ADDRESS: env.server.address, DATA_DIR: bare, COMMAND_KEY_WAIT_MS: '300' },
        logFile: log,
        readyTimeoutMs: 60_000,
      }),
    ).rejects.toThrow(/exited \(2\) while starting/);
    expect(await readFile(log, 'utf8')).toContain('worker: no trusted command key');
    expect(readdirSync(bare).filter((f) => f !== 'worker.log')).toEqual([]);
  }, 90_000);

  it('accepts a rotated key and refuses a revoked one while the same process runs, and never opens a private key', async () => {
    const first = loadSigner({ dir });
    const p1 = await submit(projects(first));
    expect((await approve(projects(first), p1)).tasks.map((t) => t.task)).not.toContain('requirementsReview');

    // Rotation: a new key, published; the running worker trusts it without a restart.
    generateCommandKey(dir, undefined);
    // The API itself waits KEY_ADOPTION_MS before signing with a new key; here the test signs with it at once.
    const second = loadSigner({ dir, adoptionMs: 0 });
    expect(second.keyId).not.toBe(first.keyId);
    expect(loadSigner({ dir }).keyId).toBe(first.keyId);
    const p2 = await submit(projects(first));
    const view = await eventually(
      () => approve(projects(second), p2),
      () => true,
      { ms: 15_000, what: 'the rotated key accepted' },
    );
    expect(view.tasks.map((t) => t.task)).not.toContain('requirementsReview');

    // Revocation: what the first key signs is refused, with nothing written; the second still works.
    // The probe repeats an action already taken on p1: while the first key is trusted it is refused
    // as not open (nothing written either way); once the set is reloaded, for its key.
    revokeCommandKey(dir, first.keyId);
    const rule = () =>
      approve(projects(first), p1).then(
        () => 'accepted',
        (e: unknown) => (e instanceof Refused ? e.issues[0]!.rule : String(e)),
      );
    expect(await eventually(rule, (r) => r === 'unknown_key', { ms: 15_000, what: 'the revoked key refused' })).toBe('unknown_key');
    const p3 = await submit(projects(second));
    expect(await approve(projects(first), p3).catch((e: unknown) => (e instanceof Refused ? e.issues[0]!.rule : e))).toBe('unknown_key');
    expect((await approve(projects(second), p3)).tasks.map((t) => t.task)).not.toContain('requirementsReview');
    expect((await projects(second).audit(p1)).filter((h) => h.kind === 'action')).toHaveLength(1);
    expect((await projects(second).audit(p3)).filter((h) => h.kind === 'action')).toHaveLength(1);

    // Still the same process.
    expect(await Promise.race([worker.exited, new Promise((r) => setTimeout(() => r('running'), 100))])).toBe('running');
    const opened = (await readFile(openLog, 'utf8')).split('\n').filter(Boolean);
    expect(opened.some((p) => p.endsWith('trusted-command-keys.json'))).toBe(true);
    expect(opened.filter((p) => p.includes('command-keys') && p.endsWith('.pem'))).toEqual([]);
    for (const f of ['cmdline', 'environ']) expect(await readFile(`/proc/${worker.pid}/${f}`, 'utf8')).not.toContain('PRIVATE KEY');
  }, 120_000);
});
