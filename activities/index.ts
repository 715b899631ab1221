import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { Mutex } from 'async-mutex';
import type { DueRequest, DueResult, DueTimeCalculator } from '../contracts/due-times.js';
import type { Effect } from '../contracts/messages.js';
import type { Config } from '../temporal.config.js';
import { EFFECTS, type Period } from '../machines/shared/meta.js';
import { Calendar, CalendarYearMissing, endOfDay, lastDay, startOfDay, type YearSource } from './calendar.js';
import { serviceLevelDefaults } from '../machines/index.js';
import { writeArchive, type ArchiveInput } from './archive.js';
import { issueOpinionDocument, type OpinionDeps } from './opinions.js';
import type { OpinionIssued, OpinionRequest } from '../contracts/messages.js';

export type { Effect } from '../contracts/messages.js';
export type { ArchiveInput, ArchiveManifest } from './archive.js';

/** An effect as the activity receives it: runs started before host v2 send theirs without an id (docs/compatibility.md, "Effects without ids"). */
export type EffectInput = Omit<Effect, 'id'> & { id?: string };

/**
 * Where notifications go. Delivering an id already delivered must change nothing: an activity is
 * retried after a timeout or a worker crash, possibly after it wrote.
 */
export interface Outbox {
  deliver(effect: Effect): Promise<void>;
}

/**
 * An outbox that appends one JSON line per notification to a file other systems can read, each
 * id at most once (the ids already in the file are read on first use). One process writes the
 * file; several workers need an outbox of their own each, or a shared store with the same rule.
 */
export function fileOutbox(file: string): Outbox {
  const mutex = new Mutex();
  let delivered: Set<string> | undefined;
  // A crash mid-write can leave a last line without its end: the next line must not join it.
  let lineOpen = false;
  const readIds = async () => {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)));
    lineOpen = text.length > 0 && !text.endsWith('\n');
    const ids = new Set<string>();
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const id = (JSON.parse(line) as { id?: unknown }).id;
        if (typeof id === 'string') ids.add(id);
      } catch {
        // A line cut short by a crash mid-write is not a delivery: its effect is written again.
      }
    }
    return ids;
  };
  return {
    deliver: (effect) =>
      mutex.runExclusive(async () => {
        delivered ??= await readIds();
        if (delivered.has(effect.id)) return;
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, `${lineOpen ? '\n' : ''}${JSON.stringify(effect)}\n`, 'utf8');
        lineOpen = false;
        delivered.add(effect.id);
      }),
  };
}

/** What activities need from their surroundings. */
export interface ActivityDeps {
  /** The operator's year schedules: a list, or a source re-read while running (a year added takes effect without a restart). */
  calendarYears: YearSource;
  /** Configured limits (temporal.config.ts); a jurisdiction's package sets the defaults they override. */
  serviceLevels: { defaultWorkingDays: number; jurisdictions: Record<string, Record<string, number>> };
  /** 催办 this many working days before a time limit; second escalation this many after it. */
  escalation: { reminderWorkingDaysBefore: number; secondLevelWorkingDaysAfter: number };
  outbox: Outbox;
  /** Where closed projects' archive packages go (activities/archive.ts): `<dataDir>/archive` as the product runs. */
  archiveDir: string;
  /** Where decided opinions are numbered and stored (activities/opinions.ts); without it they wait, retried, until a worker has it. */
  opinions?: OpinionDeps;
}

/**
 * The due-time computation itself, pure and synchronous: the activity runs it for the workflow,
 * and the API runs it for a new project's first time limits, which it passes in the start.
 */
export function dueTimeCalculator(deps: Omit<ActivityDeps, 'outbox' | 'archiveDir' | 'opinions'>): DueTimeCalculator {
  const calendar = new Calendar(deps.calendarYears);
  const serviceLevelDays = (jurisdiction: string, key: string) =>
    deps.serviceLevels.jurisdictions[jurisdiction]?.[key] ?? serviceLevelDefaults[jurisdiction]?.[key] ?? deps.serviceLevels.defaultWorkingDays;
  return (requests) =>
    requests.map((r) => {
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
}

/** The due-time computation a configuration sets up, the same for the worker's activity and the API. */
export const configuredDueTimes = (
  config: Pick<Config, 'calendar' | 'serviceLevels' | 'escalation'>,
  calendarYears: YearSource = config.calendar.years,
): DueTimeCalculator => dueTimeCalculator({ calendarYears, serviceLevels: config.serviceLevels, escalation: config.escalation });

/** Build the activities from their dependencies. */
export function createActivities(deps: ActivityDeps) {
  const dueTimes = dueTimeCalculator(deps);

  return {
    /** Compute due times once, so replays never depend on calendar data that changed later. */
    async computeDueTimes(requests: DueRequest[]): Promise<DueResult[]> {
      return dueTimes(requests);
    },

    /** Carry out a chart's side effect, once per effect id however often it is retried (the outbox keeps the ids). */
    async performEffect(effect: EffectInput): Promise<void> {
      if (!(EFFECTS as readonly string[]).includes(effect.type)) {
        throw ApplicationFailure.nonRetryable(`unknown effect '${effect.type}'`, 'UnknownEffect');
      }
      // Host v1 sent no id: its scheduled activity, the same on every retry, stands for one.
      const { workflowExecution, activityId } = Context.current().info;
      const id = effect.id ?? `${workflowExecution?.runId}/${activityId}`;
      log.info('effect', { ...effect, id });
      await deps.outbox.deliver({ ...effect, id });
    },

    /** Write a closed project's archive package to the data folder; the same package however often it is retried. */
    async archiveProject(input: ArchiveInput): Promise<{ dir: string }> {
      const dir = await writeArchive(deps.archiveDir, input);
      log.info('archived', { projectId: input.projectId, dir, entries: input.entries.length });
      return { dir };
    },

    /** Number, render and store a decided opinion (activities/opinions.ts); the same 文号 and document however often it is retried. */
    async issueOpinion(req: OpinionRequest): Promise<OpinionIssued> {
      if (!deps.opinions) throw ApplicationFailure.retryable('this worker issues no opinions: it was started without a document store', 'NoOpinionStore');
      const issued = await issueOpinionDocument(deps.opinions, req);
      log.info('opinion issued', { projectId: req.projectId, number: issued.number, document: issued.document.id });
      return issued;
    },
  };
}

/** The activities' type, for proxies and test doubles. */
export type Activities = ReturnType<typeof createActivities>;
