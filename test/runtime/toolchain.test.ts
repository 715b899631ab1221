import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { locate } from '../../runtime/toolchain.js';

function fakeExecutable(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolchain-'));
  const file = path.join(dir, name);
  writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

describe('locating the Temporal binaries', () => {
  it('prefers the explicit environment variable', () => {
    const exe = fakeExecutable('temporal');
    expect(locate('cli', { TEMPORAL_CLI_PATH: exe, PATH: '' })).toEqual({ path: exe, source: 'TEMPORAL_CLI_PATH' });
  });

  it('refuses an environment variable that points at nothing', () => {
    expect(() => locate('cli', { TEMPORAL_CLI_PATH: '/nonexistent/temporal' })).toThrow(/TEMPORAL_CLI_PATH/);
  });

  it('uses the pinned copy in .temporal/ before PATH', () => {
    const onPath = fakeExecutable('temporal-test-server');
    expect(locate('testServer', { PATH: path.dirname(onPath) })?.source).toBe('.temporal/');
  });
});
