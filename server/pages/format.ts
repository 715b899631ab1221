import { Calendar, CalendarYearMissing } from '../../activities/calendar.js';
import { chinaDate } from '../../machines/shared/events.js';
import type { TaskView } from '../../contracts/messages.js';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** An instant as people in China read it: 2026/11/23 10:00 (Asia/Shanghai). */
export const formatDateTime = (iso: string | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');

/** A day as people in China read it. */
export const formatDate = (iso: string | undefined): string => (iso ? dateOnly.format(new Date(iso.length === 10 ? `${iso}T00:00:00+08:00` : iso)) : '—');

/** 红 overdue, 黄 due within the reminder window, 绿 in time; none without a time limit. */
export type Light = 'red' | 'yellow' | 'green' | 'none';

/** Chinese names of the lights, for text beside the colour. */
export const LIGHT_LABELS: Record<Light, string> = { red: '已超期', yellow: '即将到期', green: '正常', none: '无时限' };

/** How much time a task has left, in working days (工作日) by the State Council's schedule. */
export interface DueState {
  light: Light;
  /** Working days from today to the last day, counting the last day; negative when overdue. */
  workingDaysLeft?: number;
  /** Why working days could not be counted (a year without holiday data). */
  calendarGap?: string;
}

/** The working days between two YYYY-MM-DD days: positive when `to` is after `from`. */
function workingDaysBetween(calendar: Calendar, from: string, to: string): number {
  if (from === to) return 0;
  const step = to > from ? 1 : -1;
  let n = 0;
  let day = from;
  // Periods shown here are weeks or months long: a day-by-day walk is quick enough.
  for (let i = 0; day !== to && i < 4000; i++) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + step * 86_400_000).toISOString().slice(0, 10);
    if (calendar.isWorkingDay(day)) n += step;
  }
  return n;
}

/** The light and working days left of a task, judged on `now`. */
export function dueState(task: Pick<TaskView, 'dueAt' | 'overdue' | 'remindedAt'>, now: Date, calendar: Calendar, reminderWorkingDays: number): DueState {
  if (!task.dueAt) return { light: 'none' };
  const overdue = task.overdue || Date.parse(task.dueAt) <= now.getTime();
  // dueAt is 24:00 of the last day in China: the last day is the China date one millisecond before.
  const lastDay = chinaDate(Date.parse(task.dueAt) - 1);
  try {
    const left = workingDaysBetween(calendar, chinaDate(now.getTime()), lastDay);
    const light: Light = overdue ? 'red' : left <= reminderWorkingDays || task.remindedAt ? 'yellow' : 'green';
    return { light, workingDaysLeft: left };
  } catch (err) {
    if (!(err instanceof CalendarYearMissing)) throw err;
    const calendarDays = Math.round((Date.parse(task.dueAt) - now.getTime()) / 86_400_000);
    return { light: overdue ? 'red' : calendarDays <= reminderWorkingDays ? 'yellow' : 'green', calendarGap: err.message };
  }
}

/**
 * The end of the reminder window on `now`: a task due at or before it (and not overdue) is yellow by
 * dueState. The last day d with workingDaysBetween(today, d) ≤ N, at 24:00 China time; calendar days
 * where a year has no holiday data (as dueState does).
 */
export function soonUntil(now: Date, calendar: Calendar, reminderWorkingDays: number): string {
  const today = chinaDate(now.getTime());
  let last = today;
  try {
    let n = 0;
    for (let i = 1; i < 400; i++) {
      const day = new Date(Date.parse(`${today}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
      if (calendar.isWorkingDay(day)) n++;
      if (n > reminderWorkingDays) break;
      last = day;
    }
  } catch (err) {
    if (!(err instanceof CalendarYearMissing)) throw err;
    return new Date(now.getTime() + (reminderWorkingDays + 0.5) * 86_400_000).toISOString();
  }
  return new Date(Date.parse(`${last}T00:00:00+08:00`) + 86_400_000).toISOString();
}
