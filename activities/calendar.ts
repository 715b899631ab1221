import { createRequire } from 'node:module';
import type { Period } from '../machines/shared/meta.js';

const require = createRequire(import.meta.url);
/** The State Council schedules shipped inside `chinese-days` (holidays and make-up workdays by date). */
const shipped = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };

/** One year's schedule (国务院办公厅关于部分节假日安排的通知) as an operator supplies it. */
export interface YearSchedule {
  year: number;
  /** Days off, including the weekend days inside a holiday block. */
  holidays: string[];
  /** Weekend days that are working days (调休上班). */
  workdays: string[];
}

/** Asked about a year no schedule covers: counting Monday to Friday would be silently wrong. */
export class CalendarYearMissing extends Error {
  constructor(readonly year: number) {
    super(`没有 ${year} 年的节假日安排数据：请在 temporal.config.ts 的 calendar.years 中补充国务院办公厅公布的 ${year} 年安排`);
    this.name = 'CalendarYearMissing';
  }
}

const DAY = 86_400_000;
const toDate = (s: string) => new Date(`${s}T00:00:00Z`);
const fmt = (d: Date) => d.toISOString().slice(0, 10);
const plusDays = (s: string, n: number) => fmt(new Date(toDate(s).getTime() + n * DAY));

/**
 * Where the operator's year schedules come from: a fixed list, or a function read again on each
 * computation (followCalendarYears in temporal.config.ts re-reads the configuration file when it
 * changes), so a year added by an operator takes effect without a restart. The function returns the
 * same array while nothing changed; a new array rebuilds the calendar.
 */
export type YearSource = readonly YearSchedule[] | (() => readonly YearSchedule[]);

/** Working days and legal periods for one set of schedules. */
export class Calendar {
  private holidays = new Set<string>();
  private workdays = new Set<string>();
  private years = new Set<number>();
  private built: readonly YearSchedule[] | undefined;

  constructor(private readonly source: YearSource = []) {
    this.sync();
  }

  /** Rebuild from the source when it gives other schedules than those built. */
  private sync(): void {
    const extra = typeof this.source === 'function' ? this.source() : this.source;
    if (extra === this.built) return;
    this.holidays = new Set();
    this.workdays = new Set();
    this.years = new Set();
    for (const d of Object.keys(shipped.holidays)) this.add(d, this.holidays);
    for (const d of Object.keys(shipped.workdays)) this.add(d, this.workdays);
    for (const y of extra) {
      // A supplied year replaces whatever the package says about it.
      for (const set of [this.holidays, this.workdays]) for (const d of [...set]) if (d.startsWith(`${y.year}-`)) set.delete(d);
      y.holidays.forEach((d) => this.add(d, this.holidays));
      y.workdays.forEach((d) => this.add(d, this.workdays));
      this.years.add(y.year);
    }
    this.built = extra;
  }

  private add(date: string, set: Set<string>) {
    set.add(date);
    this.years.add(Number(date.slice(0, 4)));
  }

  /** Years with a schedule. */
  coveredYears(): number[] {
    this.sync();
    return [...this.years].sort((a, b) => a - b);
  }

  /** Whether a YYYY-MM-DD date is a working day; throws CalendarYearMissing outside the data. */
  isWorkingDay(date: string): boolean {
    this.sync();
    return this.working(date);
  }

  private working(date: string): boolean {
    const year = Number(date.slice(0, 4));
    if (!this.years.has(year)) throw new CalendarYearMissing(year);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = toDate(date).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The n-th working day after `start` (the start day is not counted); before it for negative n. */
  addWorkingDays(start: string, n: number): string {
    this.sync();
    const step = n < 0 ? -1 : 1;
    let day = start;
    for (let counted = 0; counted < Math.abs(n);) {
      day = plusDays(day, step);
      if (this.working(day)) counted++;
    }
    return day;
  }

  /** A period's last day moved to the next working day when it is a rest day or holiday (民法典 第二百零三条). */
  rollForward(day: string): string {
    this.sync();
    let d = day;
    while (!this.working(d)) d = plusDays(d, 1);
    return d;
  }

  /** Last day of a period of n days, months or years from `start` (民法典 第二百零一至二百零三条). */
  lastDayOf(start: string, unit: 'days' | 'months' | 'years', n: number): string {
    if (unit === 'days') return this.rollForward(plusDays(start, n));
    const months = unit === 'years' ? n * 12 : n;
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    const index = y * 12 + (m - 1) + months;
    const ty = Math.floor(index / 12);
    const tm = (index % 12) + 1;
    // Corresponding day, or the month's last day where there is none.
    const last = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
    return this.rollForward(`${ty}-${String(tm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`);
  }
}

/** 00:00 China Standard Time of a day. */
export function startOfDay(day: string): string {
  return new Date(toDate(day).getTime() - 8 * 3_600_000).toISOString();
}

/** The instant a period ends: 24:00 of its last day in China Standard Time (民法典 第二百零三条). */
export function endOfDay(lastDay: string): string {
  return new Date(toDate(lastDay).getTime() + DAY - 8 * 3_600_000).toISOString();
}

/** The last day of a period that is not a service level. */
export function lastDay(calendar: Calendar, period: Exclude<Period, { unit: 'serviceLevel' }>, start: string): string {
  switch (period.unit) {
    case 'workingDays':
      return calendar.addWorkingDays(start, period.count);
    case 'onDate':
      return start;
    default:
      return calendar.lastDayOf(start, period.unit, period.count);
  }
}
