import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Calendar, type YearSchedule } from '../../activities/calendar.js';
import { chinaDate } from '../../machines/shared/events.js';
import type { Regulation } from '../../machines/shared/definition.js';

/**
 * The clock of the date-sensitive tests. `TEST_CLOCK=YYYY-MM-DD` moves it to 10:00 China Standard
 * Time of that day (vitest.config.ts runs those tests again with moved clocks); without it, it is
 * the real time. Tests on the time-skipping server skip the server to it before their first
 * workflow starts; tests on a dev server cannot move it (see `serverToday`).
 */
const moved = process.env.TEST_CLOCK || undefined;
if (moved !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(moved)) throw new Error(`TEST_CLOCK=${JSON.stringify(moved)}: expected YYYY-MM-DD`);

/** 10:00 China Standard Time of a day, the hour the tests submit and act at. */
export const morningOf = (day: string): Date => new Date(`${day}T02:00:00.000Z`);

/** Now on the test clock. */
export function testNow(): Date {
  return moved ? morningOf(moved) : new Date();
}

/**
 * Skip a fresh time-skipping server forward to the test clock, so the workflows' own time (what
 * the product reads as today) is the test clock; returns that instant. The server can only move
 * forward: a TEST_CLOCK before the real time is refused rather than silently ignored.
 */
export async function startTestClock(env: TestWorkflowEnvironment): Promise<Date> {
  const ahead = testNow().getTime() - (await env.currentTimeMs());
  if (moved && ahead < 0) throw new Error(`TEST_CLOCK=${moved} lies before the time-skipping server's clock (the real time); it can only move forward`);
  if (ahead > 0) await env.sleep(ahead);
  return new Date(await env.currentTimeMs());
}

/**
 * Today on the real clock. Tests on a dev server (and the end-to-end test's `npm start`) date
 * everything from it: the server's time is the workflows' clock, and the Temporal CLI is a static
 * Go binary whose time neither the project nor libfaketime can move.
 */
export const serverToday = (): string => chinaDate(Date.now());

/**
 * The day to date an application on: `today`, or the regulation's last day when it has run out by
 * then, as a project submitted while it was in force and still running now.
 */
export function submissionDay(regulation: Regulation, today: string): string {
  return regulation.validUntil && regulation.validUntil < today ? regulation.validUntil : today;
}

/** Years the installed `chinese-days` covers: tests must not depend on which release that is. */
const shipped = new Set(new Calendar().coveredYears());

/**
 * Weekends-only schedules for every year from one before to eight after the real time and the
 * test clock that the installed `chinese-days` does not cover. Test data, labelled as such, so
 * periods running past the shipped data can be computed; never the product's calendar, and never
 * a stand-in for a year a release does ship.
 */
export function testYears(): Array<YearSchedule & { source: string }> {
  const years = [new Date(), testNow()].map((d) => Number(chinaDate(d.getTime()).slice(0, 4)));
  const out: Array<YearSchedule & { source: string }> = [];
  for (let year = Math.min(...years) - 1; year <= Math.max(...years) + 8; year++) {
    if (!shipped.has(year)) out.push({ year, source: '测试用：仅周末休息（测试数据，非国务院办公厅通知）', holidays: [], workdays: [] });
  }
  return out;
}

/** Write `testYears()` to a JSON file for CALENDAR_YEARS_FILE, as an operator would supply years; returns its path. */
export function testYearsFile(dir: string): string {
  const file = path.join(dir, 'test-calendar-years.json');
  writeFileSync(file, JSON.stringify(testYears(), null, 2));
  return file;
}

/** Skip a time-skipping server's clock to one second past an instant (nothing when it is already past). */
export async function skipPast(env: TestWorkflowEnvironment, instant: string): Promise<void> {
  const ms = Date.parse(instant) - (await env.currentTimeMs()) + 1_000;
  if (ms > 0) await env.sleep(ms);
}
