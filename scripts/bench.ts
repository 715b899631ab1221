/**
 * `npm run bench [-- --quick] [--peers] [counts]`: the dev-server benchmark (bench/harness.ts);
 * `--cluster [--quick] [flags]`: the growth benchmark on a Temporal cluster with PostgreSQL
 * (bench/cluster/growth.ts); `--report`: no measuring, only docs/benchmarks.md rendered again from
 * bench/results/ (bench/report.ts), as every run does at its end. docs/benchmarks.md lists the flags.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commandLine } from '../runtime/cli.js';
import { benchOptions, benchParams, runBench } from '../bench/harness.js';
import { growthOptions, growthParams, runGrowth } from '../bench/cluster/growth.js';
import { benchSection, clusterSection, writeBenchmarks, type BenchReport, type ClusterReport } from '../bench/report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = 'npm run bench -- [--quick] [--peers] [--samples N …] | --cluster [--quick] [--sizes 1000,5000 …] | --report';
const { values, tokens } = commandLine(
  { options: { ...benchOptions, ...growthOptions, cluster: { type: 'boolean' }, report: { type: 'boolean' } }, tokens: true },
  USAGE,
);

/** Stops with the usage line when a flag of the other mode (or any with --report) was given. */
function only(allowed: readonly string[], mode: string) {
  const stray = tokens.flatMap((t) => (t.kind === 'option' && !allowed.includes(t.name) ? [`--${t.name}`] : []));
  if (stray.length) {
    console.error(`${[...new Set(stray)].join(', ')}: not a flag of ${mode}\nusage: ${USAGE}`);
    process.exit(2);
  }
}

const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
/** A quick run's own page beside its results (git-ignored); the full runs' page is docs/benchmarks.md. */
const quickPage = (file: string, render: (report: never) => string) =>
  writeFileSync(file.replace(/\.json$/, '.md'), `${render(JSON.parse(readFileSync(file, 'utf8')) as never)}\n`);

try {
  if (values.report) {
    only(['report'], '--report');
  } else if (values.cluster) {
    only(['cluster', ...Object.keys(growthOptions)], '--cluster');
    const file = await runGrowth(growthParams(values), command);
    if (file.endsWith('cluster-quick.json')) quickPage(file, (r: ClusterReport) => clusterSection(r, '#'));
  } else {
    only(Object.keys(benchOptions), 'the dev-server benchmark');
    const file = await runBench(benchParams(values), command);
    if (file.endsWith('quick.json')) quickPage(file, (r: BenchReport) => benchSection(r, '#'));
  }
} catch (err) {
  if (!(err instanceof Error) || !err.message.startsWith('--')) throw err;
  console.error(`${err.message}\nusage: ${USAGE}`);
  process.exit(2);
}
console.log(`[bench] wrote ${path.relative(root, writeBenchmarks(root))}`);
process.exit(0);
