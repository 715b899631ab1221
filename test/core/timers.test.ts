// Issue 12: timer planning and due alarms as plain functions.
import { initialTransition } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Timer } from '../../contracts/messages.js';
import { summarize } from '../../machines/status.js';
import { weishan } from '../../machines/weishan/index.js';
import { dueAlarms, nextAlarmAt, planTimers, remember, requestKey, wantedTimers, KNOWN_DUE_TIMES } from '../../core/timers.js';
import { weishanApplication } from '../fixtures/weishan.js';

const day = '2026-11-23';
const [snapshot] = initialTransition(weishan.machine, { projectId: 'weishan-20261123-00000001', application: weishanApplication({}, day) });
const wanted = wantedTimers(weishan, summarize(snapshot), day);
const result = { lastDay: '2026-12-07', dueAt: '2026-12-07T15:59:59.999Z', remindAt: '2026-12-04T16:00:00.000Z', secondLevelAt: '2026-12-14T15:59:59.999Z' };

describe('timer planning', () => {
  it('asks for the service level of the review a new project awaits, from today', () => {
    expect(wanted).toEqual([
      expect.objectContaining({
        timer: expect.objectContaining({ kind: 'serviceLevel', id: 'requirementsReview', department: 'bigData', article: '微山 第六条' }),
        request: expect.objectContaining({ period: { unit: 'serviceLevel', key: 'requirementsReview' }, start: day }),
      }),
    ]);
  });

  it('computes nothing for a due time it already knows: a state entered again the same day', () => {
    const known = remember([], wanted, [{ key: wanted[0]!.request.key, ...result }], Date.parse(`${day}T02:00:00Z`));
    const plan = planTimers([], wanted, known);
    expect(plan.missing).toEqual([]);
    expect(plan.timers).toEqual([expect.objectContaining({ key: wanted[0]!.timer.key, dueAt: result.dueAt, remindAt: result.remindAt, fired: false })]);
  });

  it('lists what it does not know, keeps running timers and drops those no state wants', () => {
    const running: Timer = { ...wanted[0]!.timer, fired: true, dueAt: result.dueAt };
    const stale: Timer = { ...wanted[0]!.timer, key: 'weishan.gone#task:x', fired: false };
    expect(planTimers([running, stale], wanted, [])).toEqual({ timers: [running], missing: [] });
    expect(planTimers([stale], wanted, []).missing).toEqual(wanted);
  });

  it('remembers a failure with the time to try again, and only the latest due times', () => {
    const now = Date.parse(`${day}T02:00:00Z`);
    const failed = remember([], wanted, [{ key: wanted[0]!.request.key, error: '2027 年的节假日安排尚未配置' }], now);
    expect(failed).toEqual([
      { request: requestKey(wanted[0]!.request), error: '2027 年的节假日安排尚未配置', retryAt: new Date(now + 86_400_000).toISOString() },
    ]);
    expect(planTimers([], wanted, failed).timers[0]).toMatchObject({ error: '2027 年的节假日安排尚未配置' });
    let known = failed;
    for (let i = 0; i < KNOWN_DUE_TIMES + 5; i++) {
      const w = { ...wanted[0]!, request: { ...wanted[0]!.request, start: `2027-01-${String(i + 1).padStart(2, '0')}` } };
      known = remember(known, [w], [{ key: w.request.key, ...result }], now);
    }
    expect(known).toHaveLength(KNOWN_DUE_TIMES);
    expect(known.some((k) => 'error' in k)).toBe(false);
  });
});

describe('due alarms', () => {
  const timer: Timer = { ...wanted[0]!.timer, fired: false, ...result };

  it('rings the reminder, then the limit, then the second level, each when its instant has come', () => {
    expect(nextAlarmAt([timer])).toBe(Date.parse(result.remindAt));
    expect(dueAlarms([timer], Date.parse(result.remindAt) - 1)).toEqual([]);
    expect(dueAlarms([timer], Date.parse(result.secondLevelAt)).map((a) => a.kind)).toEqual(['reminder', 'due', 'second']);
    expect(nextAlarmAt([{ ...timer, reminded: true }])).toBe(Date.parse(result.dueAt));
    expect(nextAlarmAt([{ ...timer, fired: true, escalatedTwice: true }])).toBeUndefined();
  });

  it('gives a statutory deadline no second level: the chart’s supervision chain takes over', () => {
    expect(dueAlarms([{ ...timer, kind: 'deadline' }], Date.parse(result.secondLevelAt)).map((a) => a.kind)).toEqual(['reminder', 'due']);
  });
});
