import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, log } from '@temporalio/activity';
import { EFFECTS, type Period } from '../machines/shared/meta.js';
import { Calendar, CalendarYearMissing, endOfDay, lastDay, type YearSchedule } from './calendar.js';

/** A period to turn into an absolute due time. */
export interface DueRequest {
  key: string;
  jurisdiction: string;
  period: Period;
  /** YYYY-MM-DD the period runs from (the start day itself is not counted). */
  start: string;
}

/** The computed end of a period, or why it could not be computed. */
export type DueResult = { key: string; lastDay: string; dueAt: string } | { key: string; error: string };

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
          return { key: r.key, lastDay: day, dueAt: endOfDay(day) };
        } catch (err) {
          if (err instanceof CalendarYearMissing) return { key: r.key, error: err.message };
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
