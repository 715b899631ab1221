import { describe, expect, it } from 'vitest';
import { Calendar, endOfDay } from '../../../activities/calendar.js';
import { dueState, formatDateTime } from '../../../server/pages/format.js';

const calendar = new Calendar();
// The clock is injected: 09:00 in Beijing on a working day before 国庆 2026.
const now = new Date('2026-09-28T01:00:00Z');
const dueIn = (workingDays: number) => ({ dueAt: endOfDay(calendar.addWorkingDays('2026-09-28', workingDays)), overdue: false });

describe('time limits as the lists show them', () => {
  it('counts 工作日 by the State Council’s schedule, across 国庆', () => {
    const due = dueIn(5);
    // Five working days on from 28 September 2026 runs past the National Day holiday.
    expect(due.dueAt.slice(0, 10) > '2026-10-05').toBe(true);
    expect(dueState(due, now, calendar, 2)).toEqual({ light: 'green', workingDaysLeft: 5 });
  });

  it('turns 黄 within the reminder window and 红 once the limit has passed', () => {
    expect(dueState(dueIn(2), now, calendar, 2).light).toBe('yellow');
    expect(dueState(dueIn(3), now, calendar, 2).light).toBe('green');
    expect(dueState({ ...dueIn(3), remindedAt: '2026-09-27T00:00:00Z' }, now, calendar, 2).light).toBe('yellow');
    const passed = dueState({ dueAt: endOfDay('2026-09-22'), overdue: false }, now, calendar, 2);
    expect(passed.light).toBe('red');
    expect(passed.workingDaysLeft).toBeLessThan(0);
    // A limit that ended on a holiday (中秋节, 25 September 2026) is overdue all the same.
    expect(dueState({ dueAt: endOfDay('2026-09-25'), overdue: false }, now, calendar, 2)).toEqual({ light: 'red', workingDaysLeft: 0 });
  });

  it('says when a year has no holiday data instead of counting Monday to Friday', () => {
    const state = dueState({ dueAt: endOfDay('2031-03-03'), overdue: false }, now, calendar, 2);
    expect(state.light).toBe('green');
    expect(state.workingDaysLeft).toBeUndefined();
    expect(state.calendarGap).toMatch(/没有 20\d\d 年的节假日安排数据/);
  });

  it('shows instants in Beijing time', () => {
    expect(formatDateTime('2026-11-23T16:30:00Z')).toBe('2026/11/24 00:30');
  });
});
