import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../temporal.config.js';

const dir = mkdtempSync(path.join(tmpdir(), 'config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A CALENDAR_YEARS_FILE with this content. */
function yearsFile(name: string, content: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('temporal.config.ts', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.temporal.address).toBeUndefined();
    expect(config.embedded).toMatchObject({ grpcPort: 7233, uiPort: 8233, dataDir: '.data' });
    expect(config.api.port).toBe(3000);
  });

  it('refuses a data folder that a command line would read as a flag', () => {
    expect(() => loadConfig({ DATA_DIR: '--eval' })).toThrow(/embedded\.dataDir: a data folder may not start with "-".*\(from DATA_DIR="--eval"\)/);
    expect(() => loadConfig({ CLUSTER_DATA_DIR: '-x' })).toThrow(/cluster\.dataDir/);
    expect(loadConfig({ DATA_DIR: 'data-2' }).embedded.dataDir).toBe('data-2');
  });

  it('takes an existing cluster from TEMPORAL_ADDRESS', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal.example.internal:7233' }).temporal.address).toBe('temporal.example.internal:7233');
  });

  it('fails at start-up naming the bad value and where it came from', () => {
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ API_PORT: 'eighty' })).toThrow(/api\.port: .*\(from API_PORT="eighty"\)/);
    expect(() => loadConfig({ TEMPORAL_ADDRESS: 'no-port' })).toThrow(/temporal\.address: expected host:port/);
  });

  it('runs one process with everything unless a role is given, and names a role it does not know', () => {
    expect(loadConfig({}).deployment.role).toBe('all');
    expect(loadConfig({ PROCESS_ROLE: 'worker', TEMPORAL_ADDRESS: '127.0.0.1:7233' }).deployment.role).toBe('worker');
    expect(() => loadConfig({ PROCESS_ROLE: 'scheduler' })).toThrow(/deployment\.role: .*\(from PROCESS_ROLE="scheduler"\)/);
    // A worker alone needs a cluster to share: the embedded dev server lives and dies with one process.
    expect(() => loadConfig({ PROCESS_ROLE: 'worker' })).toThrow(
      /deployment\.role: a worker-only process needs TEMPORAL_ADDRESS .*\(from PROCESS_ROLE="worker"\)/,
    );
  });

  it('creates a cluster with history shards for a province, and refuses a count it cannot use', () => {
    expect(loadConfig({}).cluster).toMatchObject({ historyShards: 512, dataDir: '.cluster', frontendPort: 0 });
    expect(() => loadConfig({ CLUSTER_HISTORY_SHARDS: '0' })).toThrow(/cluster\.historyShards: .*\(from CLUSTER_HISTORY_SHARDS="0"\)/);
  });

  it('rejects a calendar year with a malformed date', () => {
    const base = {
      temporal: {},
      embedded: {},
      api: {},
      worker: {},
      escalation: {},
      serviceLevels: {},
      calendar: { years: [{ year: 2027, source: '通知', holidays: ['2027-13-01'], workdays: [] }] },
    };
    expect(() => loadConfig({}, base)).toThrow(/calendar\.years\.0\.holidays\.0/);
  });

  it('adds the calendar years of CALENDAR_YEARS_FILE to the configured ones', () => {
    const base = {
      temporal: {},
      embedded: {},
      api: {},
      worker: {},
      escalation: {},
      serviceLevels: {},
      calendar: { years: [{ year: 2097, source: '通知', holidays: [], workdays: [] }] },
    };
    const file = yearsFile('years.json', [{ year: 2098, source: '国务院办公厅通知', holidays: ['2098-01-01'], workdays: ['2098-01-04'] }]);
    expect(loadConfig({ CALENDAR_YEARS_FILE: file }, base).calendar.years.map((y) => y.year)).toEqual([2097, 2098]);
  });

  it('refuses a CALENDAR_YEARS_FILE entry naming the field, the file and the entry', () => {
    const file = yearsFile('bad.json', [{ year: 2098, source: '通知', holidays: ['2098-02-30'], workdays: [] }]);
    expect(() => loadConfig({ CALENDAR_YEARS_FILE: file })).toThrow(/calendar\.years\.0\.holidays\.0: .*\(from CALENDAR_YEARS_FILE=".*bad\.json", entry 0\)/);
  });

  it('refuses a year given twice, and a file that is not a JSON array', () => {
    const base = {
      temporal: {},
      embedded: {},
      api: {},
      worker: {},
      escalation: {},
      serviceLevels: {},
      calendar: { years: [{ year: 2098, source: '通知', holidays: [], workdays: [] }] },
    };
    const twice = yearsFile('twice.json', [{ year: 2098, source: '另一通知', holidays: [], workdays: [] }]);
    expect(() => loadConfig({ CALENDAR_YEARS_FILE: twice }, base)).toThrow(/calendar\.years\.1\.year: 2098 年的安排重复/);
    expect(() => loadConfig({ CALENDAR_YEARS_FILE: yearsFile('object.json', { year: 2098 }) })).toThrow(/must hold a JSON array/);
    expect(() => loadConfig({ CALENDAR_YEARS_FILE: yearsFile('broken.json', '[{') })).toThrow(ConfigError);
    expect(() => loadConfig({ CALENDAR_YEARS_FILE: path.join(dir, 'missing.json') })).toThrow(/CALENDAR_YEARS_FILE=".*missing\.json" cannot be read/);
  });
});
