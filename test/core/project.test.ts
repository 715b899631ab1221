// The project core without Temporal (issue 25 item 3): what a user sees after an action, a refusal,
// a 催办 and a passed time limit, driven the way workflows/project.ts drives it, on a clock of our own.
import { generateKeyPairSync } from 'node:crypto';
import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { configuredDueTimes } from '../../activities/index.js';
import type { ProjectInput, RemindInput } from '../../contracts/messages.js';
import { ProjectCore, wasRefused, type Outcome } from '../../core/project.js';
import type { ActionRequest, SignedAction } from '../../machines/policy.js';
import type { Refusal } from '../../machines/shared/errors.js';
import { weishan } from '../../machines/weishan/index.js';
import { CommandSigner, publicKeyHex } from '../../server/signing.js';
import { loadConfig } from '../../temporal.config.js';
import { FIXTURE_DAY } from '../fixtures/dates.js';
import { weishanApplication } from '../fixtures/weishan.js';
import { testYears } from '../helpers/clock.js';

const projectId = 'weishan-20261123-00000001';
const application = weishanApplication({}, FIXTURE_DAY);
const unit = String(application.applicantUnit);
const dueTimes = configuredDueTimes({ ...loadConfig({}), calendar: { years: testYears() } });

const key = generateKeyPairSync('ed25519').privateKey;
const trustedKeys = { 'core-test': publicKeyHex(key) };

/** A 微山 project submitted at 10:00 on the fixture day, with its own clock and the API's signer. */
function project() {
  const clock = { now: Date.parse(`${FIXTURE_DAY}T02:00:00.000Z`) };
  const input: ProjectInput = {
    projectId,
    jurisdiction: 'weishan',
    chartVersion: weishan.version,
    application,
    submittedBy: { actor: '王五', unit },
    submittedAt: new Date(clock.now).toISOString(),
  };
  const core = ProjectCore.open(weishan, input, { now: () => clock.now, commandTarget: projectId, trustedKeys });
  const signer = new CommandSigner('core-test', key, () => clock.now);

  /** Bring the time limits in line with the chart, computing missing due times as the local activity does. */
  const settle = (day?: string) => {
    for (let missing; (missing = core.keepTimers(core.timerPlan(day))).length > 0;) core.learn(missing, dueTimes(missing.map((m) => m.request)));
  };
  /** The update: its validator first (nothing recorded when it refuses), then its handler. */
  const send = (req: SignedAction): Outcome | Refusal => {
    const refused = core.refuseAction(req);
    if (refused) return refused;
    const outcome = core.act(req);
    if (outcome === 'applied') settle();
    return outcome;
  };
  const sign = (req: ActionRequest & { requestId?: string }) => signer.sign(projectId, req);
  const act = async (req: ActionRequest & { requestId?: string }) => send(await sign(req));
  const remind = async (req: RemindInput) => {
    const signed = await signer.signReminder(projectId, req);
    return core.refuseReminder(signed) ?? core.remind(signed);
  };

  settle(FIXTURE_DAY);
  return { core, clock, settle, send, sign, act, remind };
}

/** A request of a department's user (applicants of the application's unit). */
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

const supervisor = {
  userId: 'weishan.supervisor',
  name: '县大数据局督办人',
  department: 'bigData',
  jurisdiction: 'weishan',
  roles: ['supervisor', 'reviewer'],
};

describe('a project in the pure core', () => {
  it('starts awaiting 县大数据局’s requirements review, with its time limit and the submission recorded', () => {
    const { core } = project();
    const view = core.view();
    expect(view.tasks).toEqual([expect.objectContaining({ task: 'requirementsReview', department: 'bigData', departmentName: '县大数据局', overdue: false })]);
    expect(view.tasks[0]!.dueAt).toMatch(/^2026-12-/);
    expect(view.history).toEqual([expect.objectContaining({ kind: 'submitted', actor: '王五', department: 'applicant' })]);
    expect(core.outbox).toEqual([]);
  });

  it('takes an action: the next task opens, the audit trail says who, and the same command again acts once', async () => {
    const { core, sign, send } = project();
    const approve = await sign({ task: 'requirementsReview', action: 'approve', ...as('bigData'), requestId: 'req-1' });
    expect(send(approve)).toBe('applied');
    const view = core.view();
    expect(view.tasks.map((t) => [t.task, t.department])).toEqual([['technicalMaterials', 'applicant']]);
    expect(view.history.at(-1)).toMatchObject({ kind: 'action', task: 'requirementsReview', department: 'bigData', userId: 'weishan.bigdata' });
    // Refused by the validator, so the repeat writes nothing (the API answers it with the view); the handler alone, as on replay, repeats.
    expect(send(approve)).toMatchObject({ kind: 'conflict', issues: [{ rule: 'already_applied' }] });
    expect(core.act(approve)).toBe('repeated');
    expect(core.audit).toHaveLength(view.historyTotal);
  });

  it('refuses without recording anything: an unsigned command, a tampered one, a department not awaited, a key reused', async () => {
    const { core, sign, send, act } = project();
    const before = core.audit.length;
    const unsigned = send({ task: 'requirementsReview', action: 'approve', ...as('bigData') });
    expect(unsigned).toMatchObject({ kind: 'forbidden', issues: [{ rule: 'unsigned' }] });
    const signed = await sign({ task: 'requirementsReview', action: 'approve', ...as('bigData') });
    expect(send({ ...signed, comment: '同意' })).toMatchObject({ kind: 'forbidden' });
    const wrong = await act({ task: 'requirementsReview', action: 'approve', ...as('finance') });
    expect(wasRefused(wrong)).toBe(true);
    expect(core.audit).toHaveLength(before);
    expect(core.view().tasks.map((t) => t.task)).toEqual(['requirementsReview']);

    expect(await act({ task: 'requirementsReview', action: 'approve', ...as('bigData'), requestId: 'req-2' })).toBe('applied');
    const reused = await act({ task: 'technicalMaterials', action: 'submit', ...as('bigData'), requestId: 'req-2' });
    expect(reused).toMatchObject({ kind: 'reused' });
    expect(core.view().tasks.map((t) => t.task)).toEqual(['technicalMaterials']);
  });

  it('sends a supervisor’s 催办 to the awaited department once per request, and refuses a reviewer', async () => {
    const { core, remind } = project();
    expect(await remind({ task: 'requirementsReview', by: supervisor, requestId: 'remind-1' })).toBe('applied');
    expect(await remind({ task: 'requirementsReview', by: supervisor, requestId: 'remind-1' })).toMatchObject({ issues: [{ rule: 'already_applied' }] });
    expect(core.outbox.map((e) => [e.type, e.params.to])).toEqual([['notify', 'bigData']]);
    expect(core.audit.filter((h) => h.kind === 'reminder')).toEqual([
      expect.objectContaining({ actor: '县大数据局督办人', department: 'bigData', article: '微山 第六条' }),
    ]);
    expect(await remind({ task: 'requirementsReview', by: { ...supervisor, roles: ['reviewer'] } })).toMatchObject({ kind: 'forbidden' });
    expect(core.outbox).toHaveLength(1);
    core.delivered();
    expect(core.outbox).toEqual([]);
  });

  it('refuses a 催办 the API did not sign (a forged 县长), or signed for another project, and records nothing', async () => {
    const { core } = project();
    const before = core.audit.length;
    const county = { userId: 'weishan.mayor', name: '县长', department: 'government', jurisdiction: 'weishan', roles: ['supervisor'] };
    const unsigned = { task: 'requirementsReview', by: county, requestId: 'forged-1' };
    expect(core.refuseReminder(unsigned)?.issues[0]).toMatchObject({ field: 'command', rule: 'unsigned' });
    const signer = new CommandSigner('core-test', key);
    const elsewhere = await signer.signReminder('weishan-20261123-00000002', unsigned);
    expect(core.refuseReminder(elsewhere)?.issues[0]).toMatchObject({ field: 'command', rule: 'bad_signature' });
    const altered = { ...(await signer.signReminder(projectId, unsigned)), by: { ...county, name: '县委书记' } };
    expect(core.refuseReminder(altered)?.issues[0]).toMatchObject({ field: 'command', rule: 'bad_signature' });
    expect(core.audit).toHaveLength(before);
    expect(core.outbox).toEqual([]);
  });

  it('reminds before the time limit and escalates once it has passed, and the view says it is overdue', () => {
    const { core, clock, settle } = project();
    const due = core.view().tasks[0]!.dueAt!;
    clock.now = core.nextAlarmAt!;
    expect(clock.now).toBeLessThan(Date.parse(due));
    core.ring();
    settle();
    expect(core.outbox.map((e) => [e.type, e.params.to])).toEqual([['notify', 'bigData']]);
    clock.now = Date.parse(due) + 1;
    core.ring();
    settle();
    expect(core.outbox.map((e) => [e.type, e.params.to])).toEqual([
      ['notify', 'bigData'],
      ['escalate', 'countyGovernment'],
    ]);
    expect(core.view().tasks[0]).toMatchObject({ task: 'requirementsReview', overdue: true, escalationLevel: 1 });
    expect(core.audit.at(-1)).toMatchObject({ kind: 'escalation', level: 1, article: '微山 第六条' });
  });

  it('carries everything into the next run: the same view, timers and audit trail', async () => {
    const { core, act } = project();
    await act({ task: 'requirementsReview', action: 'approve', ...as('bigData') });
    const next = ProjectCore.open(
      weishan,
      { projectId, jurisdiction: 'weishan', chartVersion: core.nextChartVersion(), application, submittedBy: { actor: '王五', unit }, carried: core.carry() },
      { now: () => Date.parse(`${FIXTURE_DAY}T03:00:00.000Z`), commandTarget: projectId, trustedKeys },
    );
    expect(next.view()).toEqual({ ...core.view(), updatedAt: next.view().updatedAt });
    expect(next.nextAlarmAt).toBe(core.nextAlarmAt);
  });

  it('restores what host 1 carried, the chart’s value and context without outbox or due times (docs/compatibility.md)', () => {
    const [snapshot] = initialTransition(weishan.machine, { projectId, application });
    const history = [{ seq: 1, at: `${FIXTURE_DAY}T02:00:00.000Z`, kind: 'submitted' as const, message: '提交申报', actor: '王五', department: 'applicant' }];
    const core = ProjectCore.open(
      weishan,
      {
        projectId,
        jurisdiction: 'weishan',
        chartVersion: weishan.version,
        application,
        submittedBy: { actor: '王五', unit },
        carried: { snapshot: { value: snapshot.value, context: snapshot.context }, timers: [], history, submittedAt: history[0]!.at },
      },
      { now: () => Date.parse(`${FIXTURE_DAY}T03:00:00.000Z`), commandTarget: projectId, trustedKeys },
    );
    const fresh = project().core.view();
    expect(core.view()).toMatchObject({
      status: fresh.status,
      statusLabel: fresh.statusLabel,
      historyTotal: 1,
      tasks: [expect.objectContaining({ task: 'requirementsReview' })],
    });
    expect(core.outbox).toEqual([]);
    expect(core.carry().persisted).toBeDefined();
  });
});
