// Decisions issued as numbered documents (issue 21 item 4), in the pure core: which actions queue an
// opinion, what it names, and how the trail records it once the activity has stored it.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ProjectInput } from '../../contracts/messages.js';
import { ProjectCore } from '../../core/project.js';
import { configuredDueTimes } from '../../activities/index.js';
import type { ActionRequest } from '../../machines/policy.js';
import { issuerName, opinionKind } from '../../machines/shared/opinions.js';
import { weishan } from '../../machines/weishan/index.js';
import { CommandSigner, publicKeyHex } from '../../server/signing.js';
import { loadConfig } from '../../temporal.config.js';
import { FIXTURE_DAY } from '../fixtures/dates.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { testYears } from '../helpers/clock.js';
import { actingAs } from '../helpers/temporal.js';

const projectId = 'weishan-20261123-00000002';
const application = weishanApplication({}, FIXTURE_DAY);
const unit = String(application.applicantUnit);
const dueTimes = configuredDueTimes({ ...loadConfig({}), calendar: { years: testYears() } });
const key = generateKeyPairSync('ed25519').privateKey;
const trustedKeys = { 'opinion-test': publicKeyHex(key) };

function project(opinions: boolean, carried?: ReturnType<ProjectCore['carry']>) {
  const clock = { now: Date.parse(`${FIXTURE_DAY}T02:00:00.000Z`) };
  const input: ProjectInput = {
    projectId,
    jurisdiction: 'weishan',
    chartVersion: weishan.version,
    application,
    submittedBy: { actor: '王五', unit },
    submittedAt: new Date(clock.now).toISOString(),
    ...(opinions ? { opinions: 1 as const } : {}),
    ...(carried ? { carried } : {}),
  };
  const core = ProjectCore.open(weishan, input, { now: () => clock.now, commandTarget: projectId, trustedKeys });
  const signer = new CommandSigner('opinion-test', key, () => clock.now);
  const settle = () => {
    for (let missing; (missing = core.keepTimers(core.timerPlan(FIXTURE_DAY))).length > 0;) core.learn(missing, dueTimes(missing.map((m) => m.request)));
  };
  settle();
  const act = async (req: ActionRequest) => {
    const signed = await signer.sign(projectId, req);
    const refused = core.refuseAction(signed);
    if (refused) return refused;
    const outcome = core.act(signed);
    settle();
    return outcome;
  };
  return { core, act, clock };
}

const issuedFor = (n: number) => ({
  number: `微山县大数据局〔2026〕${n}号`,
  document: { id: `d${'0'.repeat(31)}${n}`, sha256: 'a'.repeat(64), name: `微山县大数据局〔2026〕${n}号评审意见.pdf`, size: 1234, type: 'pdf' as const },
});

describe('opinions as documents in the core', () => {
  it('queues the 县大数据局 评审意见 for a return, naming the issuer, the decision, its article and the comment', async () => {
    const { core, act } = project(true);
    expect(await act({ task: 'requirementsReview', action: 'return', comment: '请补充建设必要性论证。', ...actingAs('bigData') })).toBe('applied');
    const decision = core.audit.at(-1)!;
    expect(core.issuing).toEqual([
      expect.objectContaining({
        id: `${projectId}#${decision.seq}/opinion`,
        for: decision.seq,
        entryHash: decision.hash,
        kind: '评审意见',
        issuer: '微山县大数据局',
        department: 'bigData',
        action: 'return',
        actionLabel: expect.stringMatching(/退回/),
        comment: '请补充建设必要性论证。',
        article: expect.stringMatching(/^微山 第/),
        project: { title: String(application.title), applicantUnit: unit },
      }),
    ]);
  });

  it('issues nothing for what the applying unit submits, and nothing for a run started before opinions', async () => {
    const flagged = project(true);
    await flagged.act({ task: 'requirementsReview', action: 'approve', ...actingAs('bigData') });
    flagged.core.issued(issuedFor(1));
    expect(flagged.core.view().tasks.map((t) => t.task)).toEqual(['technicalMaterials']);
    await flagged.act({ task: 'technicalMaterials', action: 'submit', ...actingAs('applicant') });
    expect(flagged.core.issuing).toEqual([]);

    const old = project(false);
    await old.act({ task: 'requirementsReview', action: 'approve', ...actingAs('bigData') });
    expect(old.core.issuing).toEqual([]);
    expect(old.core.audit.some((h) => h.kind === 'document')).toBe(false);
  });

  it('records the issued 文号 as an entry linked to its decision, and carries what is not issued yet across continue-as-new', async () => {
    const { core, act } = project(true);
    await act({ task: 'requirementsReview', action: 'approve', ...actingAs('bigData') });
    const decision = core.audit.at(-1)!;
    // Not yet issued when the run continues as new: the next run still owes it.
    const carried = core.carry();
    const next = project(true, carried).core;
    expect(next.issuing.map((r) => r.for)).toEqual([decision.seq]);
    next.issued(issuedFor(7));
    const entry = next.audit.at(-1)!;
    expect(entry).toMatchObject({
      kind: 'document',
      message: '印发评审意见：微山县大数据局〔2026〕7号',
      issued: { kind: '评审意见', number: '微山县大数据局〔2026〕7号', for: decision.seq, document: { id: issuedFor(7).document.id } },
    });
    expect(entry.seq).toBe(decision.seq + 1);
    expect(next.issuing).toEqual([]);
    expect(next.view().history.at(-1)).toMatchObject({ kind: 'document', issued: { number: '微山县大数据局〔2026〕7号' } });
  });
});

describe('what a decision is issued as', () => {
  it('names the paper by the step, as the regulations do', () => {
    expect(opinionKind('需求评审', 'approve', false)).toBe('评审意见');
    expect(opinionKind('合同备案', 'approve', false)).toBe('备案意见');
    expect(opinionKind('县政府审批', 'approve', false)).toBe('批复');
    expect(opinionKind('出具实施意见', 'approve', false)).toBe('实施意见');
    expect(opinionKind('监督检查', 'order', false)).toBe('整改通知');
    expect(opinionKind('资金审核', 'return', false)).toBe('审核意见');
    expect(opinionKind('提交技术材料', 'submit', true)).toBeUndefined();
  });

  it('names the issuing authority with its county in place of its level', () => {
    expect(issuerName('微山县', '县大数据局')).toBe('微山县大数据局');
    expect(issuerName('昆都仑区', '区人民政府')).toBe('昆都仑区人民政府');
    expect(issuerName('莱州市', '莱州市财政局')).toBe('莱州市财政局');
  });
});
