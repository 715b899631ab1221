// The audit trail's hash chain (issue 20 item 2): a project driven through the pure core records a
// chain that verifies across continue-as-new; a copy with one entry altered, removed, reordered or
// moved to another project breaks exactly there; entries from before the chain are said to be so.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { configuredDueTimes } from '../../activities/index.js';
import type { HistoryEntry, ProjectInput } from '../../contracts/messages.js';
import { carriedProblem, chainGenesis, entryHash, verifyChain, verifySignatures } from '../../core/chain.js';
import { ProjectCore } from '../../core/project.js';
import { parsePayload } from '../../machines/intake.js';
import { bodyHash, type ActionRequest } from '../../machines/policy.js';
import { weishan } from '../../machines/weishan/index.js';
import { CommandSigner, publicKeyHex } from '../../server/signing.js';
import { loadConfig } from '../../temporal.config.js';
import { FIXTURE_DAY } from '../fixtures/dates.js';
import { technicalMaterials, weishanApplication } from '../fixtures/weishan.js';
import { testYears } from '../helpers/clock.js';

const projectId = 'weishan-20261123-0000c4a1';
const application = weishanApplication({}, FIXTURE_DAY);
const unit = String(application.applicantUnit);
const dueTimes = configuredDueTimes({ ...loadConfig({}), calendar: { years: testYears() } });
const key = generateKeyPairSync('ed25519').privateKey;
const trustedKeys = { 'chain-test': publicKeyHex(key) };

const as = (department: string) => ({
  department,
  actor: `${department}经办人`,
  identity: {
    userId: `weishan.${department.toLowerCase()}`,
    jurisdiction: 'weishan',
    department,
    roles: [department === 'applicant' ? 'applicant' : 'reviewer'],
    ...(department === 'applicant' ? { unit } : {}),
  },
});
const supervisor = { userId: 'weishan.supervisor', name: '县大数据局督办人', department: 'bigData', jurisdiction: 'weishan', roles: ['supervisor'] };

/** A 微山 project on its own clock; `auditChain: false` is a run from before the chain. */
function project(opts: { auditChain?: boolean; carried?: ProjectInput['carried'] } = {}) {
  const clock = { now: Date.parse(`${FIXTURE_DAY}T02:00:00.000Z`) };
  const input: ProjectInput = {
    projectId,
    jurisdiction: 'weishan',
    chartVersion: weishan.version,
    application,
    submittedBy: { actor: '王五', unit },
    submittedAt: new Date(clock.now).toISOString(),
    ...(opts.carried ? { carried: opts.carried } : {}),
  };
  const env = { now: () => clock.now, commandTarget: projectId, trustedKeys, ...(opts.auditChain === undefined ? {} : { auditChain: opts.auditChain }) };
  const core = ProjectCore.open(weishan, input, env);
  const signer = new CommandSigner('chain-test', key, () => clock.now);
  const settle = () => {
    for (let missing; (missing = core.keepTimers(core.timerPlan())).length > 0;) core.learn(missing, dueTimes(missing.map((m) => m.request)));
  };
  const act = async (req: ActionRequest & { requestId?: string }) => {
    // The payload as the API parses it (amounts in 分) before signing.
    const parsed = parsePayload('weishan', req.task, req.action, req.data);
    const signed = await signer.sign(projectId, { ...req, ...('data' in parsed ? { data: parsed.data } : {}) });
    expect(core.refuseAction(signed)).toBeUndefined();
    expect(core.act(signed)).toBe('applied');
    settle();
    return signed;
  };
  settle();
  /** A 催办 as the API sends it: signed (core/project.ts refuseReminder). */
  const signReminder = (req: { task: string; by: typeof supervisor }) => signer.signReminder(projectId, req);
  return { core, clock, act, signReminder };
}

/** A copy of a trail, as an export or a backup would hold it. */
const copy = (trail: readonly HistoryEntry[]): HistoryEntry[] => JSON.parse(JSON.stringify(trail)) as HistoryEntry[];

describe('the audit hash chain', () => {
  it('links every entry, carries the signature each action was accepted with, and verifies across continue-as-new', async () => {
    const first = project();
    const signed = await first.act({ task: 'requirementsReview', action: 'approve', comment: '同意', ...as('bigData'), requestId: 'r1' });
    const reminder = await first.signReminder({ task: 'technicalMaterials', by: supervisor });
    expect(first.core.refuseReminder(reminder)).toBeUndefined();
    first.core.remind(reminder);
    // A time limit passes: its reminder and escalation are recorded by the host on its own.
    first.clock.now = first.core.nextAlarmAt!;
    first.core.ring();
    const trail = first.core.audit;
    expect(trail.length).toBeGreaterThanOrEqual(4);
    expect(trail.every((e) => /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    expect(trail.find((e) => e.kind === 'action')?.command).toEqual(signed.command);
    expect(verifyChain(projectId, trail)).toMatchObject({ intact: true, entries: trail.length, beforeChain: 0, head: trail.at(-1)!.hash });

    const carried = first.core.carry();
    expect(carried.auditChain).toBe(1);
    const next = project({ carried: JSON.parse(JSON.stringify(carried)) as typeof carried });
    next.clock.now = first.clock.now;
    await next.act({ task: 'technicalMaterials', action: 'submit', ...as('applicant'), requestId: 'r2', data: technicalMaterials(1_000_000) });
    const whole = next.core.audit;
    expect(whole.length).toBe(trail.length + 1);
    const report = verifyChain(projectId, whole);
    expect(report).toMatchObject({ intact: true, entries: whole.length });
    expect(report.message).toBe(`审计链完整（${whole.length} 条）`);
  });

  it('finds an altered, removed, reordered or stripped entry in a copy at its index, and a chain moved to another project at its first', async () => {
    const { core, act } = project();
    await act({ task: 'requirementsReview', action: 'approve', comment: '同意', ...as('bigData'), requestId: 'r1' });
    await act({ task: 'technicalMaterials', action: 'submit', ...as('applicant'), requestId: 'r2', data: technicalMaterials(1_000_000) });
    const trail = core.audit;
    const at = trail.findIndex((e) => e.kind === 'action');
    expect(at).toBeGreaterThan(0);

    // 不予通过 turned into 通过 under the same reviewer's name (the probe), hash left as it was.
    const altered = copy(trail);
    altered[at]!.comment = '不同意';
    const report = verifyChain(projectId, altered);
    expect(report).toMatchObject({ intact: false, break: { index: at + 1, seq: at + 1, at: trail[at]!.at, actor: 'bigData经办人' } });
    expect(report.message).toContain(`审计链在第 ${at + 1} 条断开`);

    // Altered and its hash recomputed: the next entry no longer links to it.
    const rehashed = copy(trail);
    rehashed[at]!.comment = '不同意';
    rehashed[at]!.hash = entryHash(at === 0 ? chainGenesis(projectId) : rehashed[at - 1]!.hash!, rehashed[at]!);
    expect(verifyChain(projectId, rehashed).break?.index).toBe(at + 2);

    const removed = copy(trail);
    removed.splice(at, 1);
    expect(verifyChain(projectId, removed).break?.index).toBe(at + 1);

    const swapped = copy(trail);
    [swapped[at], swapped[at + 1]] = [swapped[at + 1]!, swapped[at]!];
    expect(verifyChain(projectId, swapped).intact).toBe(false);

    // Hashes stripped from the first entries: the first one still hashed no longer links to the project.
    const stripped = copy(trail).map((e, i) => (i < at ? { ...e, hash: undefined } : e));
    expect(verifyChain(projectId, stripped)).toMatchObject({ intact: false, break: { index: at + 1 } });
    // …and a hash stripped after the chain began is a break, not an older entry.
    const gap = copy(trail);
    delete gap[at]!.hash;
    expect(verifyChain(projectId, gap)).toMatchObject({ intact: false, break: { index: at + 1, reason: '缺少哈希' } });

    expect(verifyChain('weishan-20261123-ffffffff', copy(trail))).toMatchObject({ intact: false, break: { index: 1 } });
  });

  it('says entries from before the chain are older than it, and chains what a continued run records after them', async () => {
    const old = project({ auditChain: false });
    await old.act({ task: 'requirementsReview', action: 'approve', ...as('bigData'), requestId: 'r1' });
    expect(old.core.audit.some((e) => e.hash)).toBe(false);
    const unchained = verifyChain(projectId, old.core.audit);
    expect(unchained).toMatchObject({ intact: true, beforeChain: old.core.audit.length });
    expect(unchained.message).toContain('早于哈希链（版本 audit-chain-v1 之前）');

    const older = old.core.audit.length;
    const carried = old.core.carry();
    expect(carried.auditChain).toBeUndefined();
    const next = project({ carried: JSON.parse(JSON.stringify(carried)) as typeof carried });
    await next.act({ task: 'technicalMaterials', action: 'submit', ...as('applicant'), requestId: 'r2', data: technicalMaterials(1_000_000) });
    const report = verifyChain(projectId, next.core.audit);
    expect(report).toMatchObject({ intact: true, beforeChain: older });
    expect(next.core.audit.length).toBeGreaterThan(older);
    expect(report.message).toContain(`前 ${older} 条本条目早于哈希链`);
    expect(next.core.audit.at(-1)!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds an action rewritten under the same reviewer’s name even when the whole chain is hashed anew: its signature no longer holds', async () => {
    const { core, act } = project();
    await act({ task: 'requirementsReview', action: 'return', comment: '不予通过：建设依据不充分', ...as('bigData'), requestId: 'r1' });
    await act({ task: 'requirementsRevision', action: 'submit', ...as('applicant'), requestId: 'r2', data: { revisedPlan: { ref: '修改后需求-01' } } });
    const trail = core.audit;
    expect(verifySignatures(projectId, trail, trustedKeys)).toMatchObject({ valid: 2, unsigned: 0, problems: [] });

    // Whoever can rewrite the trail can recompute every hash: the chain then holds, the signature does not.
    const rewrite = (change: (e: HistoryEntry) => void) => {
      const copy = JSON.parse(JSON.stringify(trail)) as HistoryEntry[];
      const i = copy.findIndex((e) => e.kind === 'action');
      change(copy[i]!);
      copy.forEach((e, k) => (e.hash = entryHash(k === 0 ? chainGenesis(projectId) : copy[k - 1]!.hash!, e)));
      return { copy, i };
    };
    const comment = rewrite((e) => (e.comment = '同意'));
    expect(verifyChain(projectId, comment.copy).intact).toBe(true);
    expect(verifySignatures(projectId, comment.copy, trustedKeys).problems).toEqual([
      expect.objectContaining({ index: comment.i + 1, rule: 'altered', actor: 'bigData经办人' }),
    ]);
    // Turned into an approval, its body hash recomputed to match: the API never signed that.
    const approval = rewrite((e) => {
      e.action = 'approve';
      e.comment = '同意';
      e.bodyHash = bodyHash({ task: e.task!, action: 'approve', comment: '同意' });
    });
    expect(verifySignatures(projectId, approval.copy, trustedKeys).problems).toEqual([
      expect.objectContaining({ index: approval.i + 1, rule: 'bad_signature' }),
    ]);
    // Moved to another project, or checked without the API's key.
    expect(verifySignatures('weishan-20261123-ffffffff', trail, trustedKeys).problems.map((p) => p.rule)).toEqual(['bad_signature', 'bad_signature']);
    expect(verifySignatures(projectId, trail, {}).problems.map((p) => p.rule)).toEqual(['unknown_key', 'unknown_key']);
    // Entries from before actions carried their signature are counted, not failed.
    const old = JSON.parse(JSON.stringify(trail)) as HistoryEntry[];
    for (const e of old) delete e.identity;
    expect(verifySignatures(projectId, old, trustedKeys)).toMatchObject({ valid: 0, unsigned: 2, problems: [] });
  });

  it('lets a continue-as-new carry only its record as it was: a cut or a rewritten decision is refused, a key no longer trusted is not', async () => {
    const { core, act } = project();
    await act({ task: 'requirementsReview', action: 'return', comment: '不予通过：建设依据不充分', ...as('bigData'), requestId: 'r1' });
    await act({ task: 'requirementsRevision', action: 'submit', ...as('applicant'), requestId: 'r2', data: { revisedPlan: { ref: '修改后需求-01' } } });
    const carried = core.carry();
    expect(carriedProblem(projectId, carried.history, true, trustedKeys)).toBeUndefined();
    // Signed under a key this worker no longer trusts (rotated out): still the project's own record.
    expect(carriedProblem(projectId, carried.history, true, {})).toBeUndefined();

    const at = carried.history.findIndex((e) => e.kind === 'action');
    const cut = copy(carried.history);
    cut.splice(at, 1);
    expect(carriedProblem(projectId, cut, true, trustedKeys)).toMatchObject({ rule: 'carried_chain', message: expect.stringContaining(`第 ${at + 1} 条断开`) });

    // The return rewritten as an approval, every hash recomputed: the chain holds, the API's signature does not.
    const forged = copy(carried.history);
    forged[at]!.action = 'approve';
    forged[at]!.comment = '同意';
    forged[at]!.bodyHash = bodyHash({ task: forged[at]!.task!, action: 'approve', comment: '同意' });
    forged.forEach((e, k) => (e.hash = entryHash(k === 0 ? chainGenesis(projectId) : forged[k - 1]!.hash!, e)));
    expect(verifyChain(projectId, forged).intact).toBe(true);
    expect(carriedProblem(projectId, forged, true, trustedKeys)).toMatchObject({
      rule: 'carried_signature',
      message: expect.stringContaining(`第 ${at + 1} 条`),
    });
    // A trail from before the chain is checked by its signatures alone.
    const unchained = copy(forged).map((e) => ({ ...e, hash: undefined }));
    expect(carriedProblem(projectId, unchained, false, trustedKeys)?.rule).toBe('carried_signature');
  });
});
