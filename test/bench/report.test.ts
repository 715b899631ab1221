import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RESULTS, renderBenchmarks, writeBenchmarks, type BenchReport, type ClusterReport } from '../../bench/report.js';

const root = path.resolve(import.meta.dirname, '../..');
const committed = <T>(file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A checkout of its own with only the given results files and an empty docs/. */
function resultsFolder(files: Record<string, unknown>): string {
  dir = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
  mkdirSync(path.join(dir, 'docs'));
  mkdirSync(path.join(dir, 'bench', 'results'), { recursive: true });
  for (const [file, json] of Object.entries(files)) writeFileSync(path.join(dir, file), JSON.stringify(json));
  return dir;
}

describe('docs/benchmarks.md', () => {
  it('is what bench/report.ts renders from the committed results, so a hand edit of the page fails here', () => {
    const page = renderBenchmarks({ bench: committed<BenchReport>(RESULTS.bench), cluster: committed<ClusterReport>(RESULTS.cluster) });
    expect(readFileSync(path.join(root, 'docs', 'benchmarks.md'), 'utf8')).toBe(page);
  });

  it("prints a run's own figures and the machine it ran on", () => {
    const run = structuredClone(committed<BenchReport>(RESULTS.bench));
    run.date = '2027-03-05T08:09:00.000Z';
    run.command = 'npm run bench -- --samples 123';
    run.commit = 'abc1234';
    run.machine = { cpus: 7, cpuModel: 'Test CPU 9000', memoryGiB: 12.5, platform: 'linux test' };
    run.results.latencyMs.product = { p50: 11.11, p95: 22.22, p99: 33.33, n: 123 };
    run.results.throughput.actionsPerSecond.product = 4321.5;
    const page = readFileSync(writeBenchmarks(resultsFolder({ [RESULTS.bench]: run })), 'utf8');
    expect(page).toContain('## The dev-server benchmark — 2027-03-05');
    expect(page).toContain('`npm run bench -- --samples 123`, run 2027-03-05 08:09 UTC at commit abc1234, on 7 cores (Test CPU 9000), 12.5 GiB, linux test;');
    expect(page).toContain('| 11.11 / 33.33 |');
    expect(page).toContain('| action latency p95 (ms) | 22.22 |');
    expect(page).toMatch(/\| actions\/s, [^|]+\| 4321\.5 \|/);
    // No cluster results in the folder: the page says so instead of inventing figures.
    expect(page).toContain('No results yet: `npm run bench -- --cluster` writes `bench/results/cluster.json`.');
  });

  it('marks a target that a run missed', () => {
    const run = structuredClone(committed<BenchReport>(RESULTS.bench));
    run.results.scale.workerRssMiB = 2048;
    const page = renderBenchmarks({ bench: run });
    expect(page).toMatch(/\| worker RSS \(MiB\)[^\n]*\| 2048 \(at start [^\n]*< 1 GiB: \*\*not met\*\* \|/);
  });
});
