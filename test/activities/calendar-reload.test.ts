// Issue 20 item 7: a calendar year an operator adds to the year file takes effect without a
// restart, in the worker's due-time activity and in the API's due times and pages.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Calendar, CalendarYearMissing } from '../../activities/calendar.js';
import { configuredDueTimes } from '../../activities/index.js';
import { followCalendarYears, loadConfig, type Config } from '../../temporal.config.js';
import { productionActivities } from '../../worker/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** A configuration on a data folder of its own, with no calendar years configured. */
function configIn(): { config: Config; dataDir: string } {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'calendar-reload-'));
  dirs.push(dataDir);
  const base = loadConfig({});
  return { dataDir, config: { ...base, embedded: { ...base.embedded, dataDir }, calendar: { years: [] } } };
}
// 2095 is far past any release of the shipped data; 2095-03-01 is a Tuesday, made a holiday here.
const year2095 = { year: 2095, source: '测试用：运营人员补充的 2095 年安排', holidays: ['2095-03-01'], workdays: [] };
const request = { key: 'k', jurisdiction: 'weishan', period: { unit: 'workingDays' as const, count: 2 }, start: '2095-02-28' };
const later = () => new Promise((r) => setTimeout(r, 1_100));

describe('calendar years added while running', () => {
  it("the worker's due-time activity uses a year added to the data folder's year file, without a restart", async () => {
    const { config, dataDir } = configIn();
    const activities = await productionActivities(config);
    const [before] = await activities.computeDueTimes([request]);
    expect(before).toMatchObject({ key: 'k', error: expect.stringContaining('没有 2095 年的节假日安排数据') });
    writeFileSync(path.join(dataDir, 'calendar-years.json'), JSON.stringify([year2095]));
    await later();
    // 3/1 (a Tuesday) is the added holiday: two working days after Monday 2/28 are 3/2 and 3/3.
    const [after] = await activities.computeDueTimes([request]);
    expect(after).toMatchObject({ key: 'k', lastDay: '2095-03-03' });
  });

  it("the API's due times and the pages' calendar follow CALENDAR_YEARS_FILE: an added year is used, a corrected one replaces, a broken edit keeps what is in use", async () => {
    const { dataDir } = configIn();
    const file = path.join(dataDir, 'years.json');
    writeFileSync(file, JSON.stringify([{ ...year2095, year: 2094, holidays: [] }]));
    const config = loadConfig({ CALENDAR_YEARS_FILE: file, DATA_DIR: dataDir });
    const logged: string[] = [];
    const years = followCalendarYears(config, { CALENDAR_YEARS_FILE: file }, { minIntervalMs: 0, log: (l) => logged.push(l) });
    const dueTimes = configuredDueTimes(config, years);
    const pages = new Calendar(years);
    expect(pages.isWorkingDay('2094-03-01')).toBe(true);
    expect(() => pages.isWorkingDay('2095-03-02')).toThrow(CalendarYearMissing);
    expect(dueTimes([request])[0]).toHaveProperty('error');

    writeFileSync(file, JSON.stringify([{ ...year2095, year: 2094, holidays: ['2094-03-01'] }, year2095]));
    expect(pages.isWorkingDay('2094-03-01')).toBe(false);
    expect(pages.isWorkingDay('2095-03-02')).toBe(true);
    expect(dueTimes([request])[0]).toMatchObject({ lastDay: '2095-03-03' });

    writeFileSync(file, '[{"year": 2096, "holidays": [');
    expect(pages.isWorkingDay('2095-03-02')).toBe(true);
    expect(pages.coveredYears()).toContain(2094);
    expect(logged.join('\n')).toMatch(/years\.json not taken \(keeping the 2 years in use\)/);
    writeFileSync(file, JSON.stringify([year2095, year2095]));
    expect(pages.isWorkingDay('2094-03-01')).toBe(false);
    expect(logged.at(-1)).toMatch(/2095 年的安排重复/);
  });
});
