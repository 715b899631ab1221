import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, log } from '@temporalio/activity';
import { EFFECTS, type Period } from '../machines/shared/meta.js';
import { Calendar, CalendarYearMissing, endOfDay, lastDay, startOfDay, type YearSchedule } from './calendar.js';

/** A period to turn into an absolute due time. */
export interface DueRequest {
  key: string;
  jurisdiction: string;
  period: Period;
  /** YYYY-MM-DD the period runs from (the start day itself is not counted). */
  start: string;
}

/**
 * The computed end of a period with its reminder (催办) before and its second escalation level
 * after, or why it could not be computed.
 */
export type DueResult = { key: string; lastDay: string; dueAt: string; remindAt?: string; secondLevelAt?: string } | { key: string; error: string };

/** A side effect a chart asked for (notify, escalate), as the host hands it over. */
export interface Effect {
  projectId: string;
  jurisdiction: string;
  type: string;
  params: Record<string, unknown>;
  at: string;
}

/** Where notifications go. */
export interface Outbox {
  deliver(effect: Effect): Promise<void>;
}

/** An outbox that appends one JSON line per notification to a file other systems can read. */
export function fileOutbox(file: string): Outbox {
  return {
    async deliver(effect) {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(effect)}\n`, 'utf8');
    },
  };
}

/** What activities need from their surroundings. */
export interface ActivityDeps {
  calendarYears: YearSchedule[];
  serviceLevels: { defaultWorkingDays: number; jurisdictions: Record<string, Record<string, number>> };
  /** 催办 this many working days before a time limit; second escalation this many after it. */
  escalation: { reminderWorkingDaysBefore: number; secondLevelWorkingDaysAfter: number };
  outbox: Outbox;
}

/** Build the activities from their dependencies. */
export function createActivities(deps: ActivityDeps) {
  const calendar = new Calendar(deps.calendarYears);

  const serviceLevelDays = (jurisdiction: string, key: string) =>
    deps.serviceLevels.jurisdictions[jurisdiction]?.[key] ?? deps.serviceLevels.defaultWorkingDays;

  return {
    /** Compute due times once, so replays never depend on calendar data that changed later. */
    async computeDueTimes(requests: DueRequest[]): Promise<DueResult[]> {
      return requests.map((r) => {
        try {
          const period: Exclude<Period, { unit: 'serviceLevel' }> =
            r.period.unit === 'serviceLevel' ? { unit: 'workingDays', count: serviceLevelDays(r.jurisdiction, r.period.key) } : r.period;
          const day = lastDay(calendar, period, r.start);
          // The reminder goes out at the start of the working day N days before the last day; both it and
          // the second level are left out, not guessed, when they fall in a year without calendar data.
          const optional = (f: () => string) => {
            try {
              return f();
            } catch (err) {
              if (err instanceof CalendarYearMissing) return undefined;
              throw err;
            }
          };
          const remindAt = optional(() => {
            const remindDay = calendar.addWorkingDays(day, -deps.escalation.reminderWorkingDaysBefore);
            return remindDay > r.start ? startOfDay(remindDay) : endOfDay(r.start);
          });
          const secondLevelAt = optional(() => endOfDay(calendar.addWorkingDays(day, deps.escalation.secondLevelWorkingDaysAfter)));
          return { key: r.key, lastDay: day, dueAt: endOfDay(day), ...(remindAt ? { remindAt } : {}), ...(secondLevelAt ? { secondLevelAt } : {}) };
        } catch (err) {
          if (err instanceof CalendarYearMissing) return { key: r.key, error: err.message };
          // A malformed start date (e.g. from a direct Temporal client) must not retry forever.
          if (err instanceof RangeError || Number.isNaN(Date.parse(`${r.start}T00:00:00Z`))) return { key: r.key, error: `无效的起算日期：${r.start}` };
          throw err;
        }
      });
    },

    /** Carry out a chart's side effect. */
    async performEffect(effect: Effect): Promise<void> {
      if (!(EFFECTS as readonly string[]).includes(effect.type)) {
        throw ApplicationFailure.nonRetryable(`unknown effect '${effect.type}'`, 'UnknownEffect');
      }
      log.info('effect', { ...effect });
      await deps.outbox.deliver(effect);
    },
  };
}

/** The activities' type, for proxies and test doubles. */
export type Activities = ReturnType<typeof createActivities>;
