import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** An entry point as an operator runs it; the data folder is a fresh one, so nothing real is touched. */
const run = (script: string, ...args: string[]) =>
  spawnSync(path.join(root, 'node_modules/.bin/tsx'), [script, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

describe("the entry points' command lines", () => {
  it.each([
    ['scripts/admin.ts', ['issue-token', '--user', 'a', '--dayz', '3'], '--dayz'],
    ['scripts/what-if.ts', ['docs/what-if.example.json', '--jsn'], '--jsn'],
    ['scripts/coverage.ts', ['--chek'], '--chek'],
  ])('%s stops at an unknown flag, names it and shows the usage', (script, args, flag) => {
    const { status, stderr, stdout } = run(script, ...args);
    expect(status).toBe(2);
    expect(stderr).toContain(flag);
    expect(stderr).toContain('usage: npm run');
    expect(stdout).toBe('');
  });

  it('admin refuses a flag of another command and an unknown command', () => {
    const stray = run('scripts/admin.ts', 'list-users', '--days', '3');
    expect(stray.status).toBe(2);
    expect(stray.stderr).toContain('--days: not a flag of list-users');
    const unknown = run('scripts/admin.ts', 'remove-user', '--user', 'a');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command remove-user');
  });

  it('admin still takes its flags in any order', () => {
    const added = run(
      'scripts/admin.ts',
      'add-user',
      '--roles',
      'reviewer',
      '--id',
      'weishan.wang',
      '--name',
      '王五',
      '--department',
      'finance',
      '--jurisdiction',
      'weishan',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('user weishan.wang saved');
    const listed = run('scripts/admin.ts', 'list-users');
    expect(listed.stdout).toMatch(/^weishan\.wang\tweishan\tfinance\treviewer\t/m);
  });
});
