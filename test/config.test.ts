import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../temporal.config.js';

describe('temporal.config.ts', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.temporal.address).toBeUndefined();
    expect(config.embedded).toMatchObject({ grpcPort: 7233, uiPort: 8233, dataDir: '.data' });
    expect(config.api.port).toBe(3000);
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
    expect(() => loadConfig({ PROCESS_ROLE: 'worker' })).toThrow(/deployment\.role: a worker-only process needs TEMPORAL_ADDRESS .*\(from PROCESS_ROLE="worker"\)/);
  });

  it('creates a cluster with history shards for a province, and refuses a count it cannot use', () => {
    expect(loadConfig({}).cluster).toMatchObject({ historyShards: 512, dataDir: '.cluster', frontendPort: 0 });
    expect(() => loadConfig({ CLUSTER_HISTORY_SHARDS: '0' })).toThrow(/cluster\.historyShards: .*\(from CLUSTER_HISTORY_SHARDS="0"\)/);
  });

  it('rejects a calendar year with a malformed date', () => {
    const base = { temporal: {}, embedded: {}, api: {}, worker: {}, escalation: {}, serviceLevels: {}, calendar: { years: [{ year: 2027, source: '通知', holidays: ['2027-13-01'], workdays: [] }] } };
    expect(() => loadConfig({}, base)).toThrow(/calendar\.years\.0\.holidays\.0/);
  });
});
