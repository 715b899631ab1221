import { describe, expect, it } from 'vitest';
import { Calendar, CalendarYearMissing, endOfDay, lastDay } from '../../activities/calendar.js';

const calendar = new Calendar();

describe('working days (State Council schedule with make-up workdays)', () => {
  it('counts 10 working days after a contract signed before 国庆 2025, over the holiday and both make-up days', () => {
    // 9/28 (Sun, 调休上班) is day 1, 10/1–10/8 are off, 10/11 (Sat, 调休上班) counts.
    expect(calendar.addWorkingDays('2025-09-26', 10)).toBe('2025-10-16');
  });

  it('counts 10 working days after a contract signed just before 国庆 2026', () => {
    expect(calendar.addWorkingDays('2026-09-29', 10)).toBe('2026-10-19');
  });

  it('does not count the signing day itself', () => {
    expect(calendar.addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
  });

  it('fails loudly for a year without data instead of counting Monday to Friday', () => {
    // A year far ahead of any release of the data, with the year before it supplied (2098-12-24 is a Wednesday).
    const upTo2098 = new Calendar([{ year: 2098, holidays: [], workdays: [] }]);
    expect(upTo2098.addWorkingDays('2098-12-24', 5)).toBe('2098-12-31');
    expect(() => upTo2098.addWorkingDays('2098-12-24', 10)).toThrow(CalendarYearMissing);
    expect(() => upTo2098.addWorkingDays('2098-12-24', 10)).toThrow(/2099/);
  });

  it('uses a year an operator supplies', () => {
    const supplied = new Calendar([{ year: 2027, holidays: ['2027-01-01'], workdays: [] }]);
    expect(supplied.addWorkingDays('2026-12-24', 10)).toBe('2027-01-08');
  });
});

describe('periods by the Civil Code (第二百零一至二百零三条)', () => {
  it('moves a 15-day period ending in 国庆 to the first working day after it', () => {
    expect(calendar.lastDayOf('2026-09-20', 'days', 15)).toBe('2026-10-08');
  });

  it('ends a month period on the month end where there is no corresponding day', () => {
    expect(calendar.lastDayOf('2024-01-31', 'months', 1)).toBe('2024-02-29');
  });

  it('keeps a last day that is a make-up working day (2026-02-28 is 调休上班)', () => {
    expect(calendar.lastDayOf('2026-01-31', 'months', 1)).toBe('2026-02-28');
  });

  it('moves a one-year period ending on the 端午 weekend to the next working day', () => {
    expect(calendar.lastDayOf('2025-06-20', 'years', 1)).toBe('2026-06-22');
  });

  it('ends at 24:00 China Standard Time of the last day', () => {
    expect(endOfDay('2025-10-16')).toBe('2025-10-16T16:00:00.000Z');
  });

  it('leaves a fixed date as it is', () => {
    expect(lastDay(calendar, { unit: 'onDate' }, '2026-10-03')).toBe('2026-10-03');
  });
});
