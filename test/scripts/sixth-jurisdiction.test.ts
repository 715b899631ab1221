import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * docs/changing.md, "Adding a jurisdiction", proved: a copy of the repository gains test/fixtures/sixth/ (one
 * folder machines/sample/, its fixture and its test) and runs the generating command; the registries,
 * intake, coverage, exports and the suite's generic tests pick 示例县 up, and no file of the
 * repository is edited by hand — only new files and what `npm run charts:export` and
 * `npm run coverage` write.
 */
const root = path.resolve(import.meta.dirname, '../..');
const sixth = path.join(root, 'test/fixtures/sixth');
let copy: string;

/** Runs a command in the copy; a failure carries what it printed. */
function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { cwd: copy, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
const git = (...args: string[]) => run('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args]);

beforeAll(() => {
  copy = mkdtempSync(path.join(os.tmpdir(), 'sixth-'));
  // The tracked files as they are now, as a repository of its own, so its status shows what the addition changed.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const f of files) if (!f.startsWith('test/fixtures/sixth/')) cpSync(path.join(root, f), path.join(copy, f), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'before');
  cpSync(sixth, copy, { recursive: true });
  run(bin('tsx'), ['scripts/export-charts.ts']);
  run(bin('tsx'), ['scripts/coverage.ts']);
}, 120_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('a sixth jurisdiction is one folder', () => {
  it('touches no existing file except the generated ones', () => {
    const changed = git('status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, 2).trim(), l.slice(3)] as const);
    const edited = changed.filter(([status]) => status !== '??').map(([, file]) => file);
    expect(edited.sort()).toEqual(
      [
        'docs/coverage.md',
        'docs/what-if.example.json',
        'machines/payload-schemas.generated.ts',
        'machines/registry-intake.generated.ts',
        'machines/registry.generated.ts',
        'test/fixtures/registry.generated.ts',
      ].sort(),
    );
    const added = changed.filter(([status]) => status === '??').map(([, file]) => file);
    expect(added.filter((f) => !f.startsWith('machines/sample/') && !f.startsWith('docs/charts/sample.'))).toEqual([
      'test/fixtures/sample.ts',
      'test/machines/sample.test.ts',
    ]);
  });

  it('is in the registry, the intake, the coverage table, the exports and the payload schemas', () => {
    writeFileSync(
      path.join(copy, 'probe.mts'),
      `const m = await import('./machines/index.ts');
const i = await import('./machines/intake.ts');
const p = await import('./machines/payload-schemas.generated.ts');
console.log(JSON.stringify({ ids: m.jurisdictionIds, intake: Object.keys(i.intakes), schemas: Object.keys(p.payloadSchemas.sample?.[1] ?? {}) }));
`,
    );
    const registry = JSON.parse(run(bin('tsx'), ['probe.mts']).trim());
    expect(registry.ids).toContain('sample');
    expect(registry.ids.at(-1)).toBe('sample');
    expect(registry.intake).toEqual(registry.ids);
    expect(registry.schemas).toEqual(['budget.approve', 'revision.submit']);
    expect(readFileSync(path.join(copy, 'docs/coverage.md'), 'utf8')).toContain('## 示例县 — 示例县政务信息化项目管理办法（测试用）');
    expect(JSON.parse(readFileSync(path.join(copy, 'docs/charts/sample.json'), 'utf8'))).toMatchObject({ jurisdiction: 'sample', version: 1 });
    expect(readFileSync(path.join(copy, 'docs/charts/sample.stately.ts'), 'utf8')).toContain('export const sampleChart = createMachine(');
    expect(run(bin('tsx'), ['scripts/export-charts.ts', '--check'])).toContain('in sync');
  });

  it('type-checks, and the suite’s generic tests and its own test run it', () => {
    run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
    const tests = [
      'test/machines/sample.test.ts',
      'test/machines/paths.test.ts',
      'test/machines/handlers.test.ts',
      'test/machines/whatif.test.ts',
      'test/machines/start.test.ts',
      'test/machines/chart-index.test.ts',
    ];
    const report = JSON.parse(run(bin('vitest'), ['run', '--project', 'today', '--reporter=json', ...tests]));
    const names: string[] = report.testResults.flatMap((f: { assertionResults: Array<{ fullName: string; status: string }> }) =>
      f.assertionResults.map((a) => `${a.status} ${a.fullName}`),
    );
    expect(report.numFailedTests).toBe(0);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^passed generated paths through the 示例县 chart reaches every state/),
        expect.stringMatching(/^passed 示例县 /),
        expect.stringMatching(/^passed the chart index 'sample v1': cites only articles/),
      ]),
    );
    expect(names).toContainEqual(expect.stringMatching(/^passed starting a chart 'sample' v1 refuses to start without input/));
  }, 180_000);
});
