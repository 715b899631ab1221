import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedSecret } from '../../runtime/keys.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('sharedSecret', () => {
  it('gives every process on one data folder the same key, readable by its owner only', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    // Four processes race to create it, as API processes starting together do. The folder goes by
    // the environment: an argument after the script was once read as a loader's flag ('--eval').
    const script = path.join(dir, 'read-key.mts');
    writeFileSync(
      script,
      `import { sharedSecret } from ${JSON.stringify(path.resolve('runtime/keys.ts'))};\nprocess.send!(sharedSecret(process.env.KEYS_TEST_DIR!, 'data/page-token.key').toString('hex'));\n`,
    );
    const keys = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = fork(script, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, KEYS_TEST_DIR: dir } });
            child.once('message', (m) => resolve(String(m)));
            child.once('error', reject);
          }),
      ),
    );
    expect(new Set([...keys, sharedSecret(dir, 'data/page-token.key').toString('hex')]).size).toBe(1);
    expect(keys[0]).toHaveLength(64);
    expect(existsSync(path.join(dir, 'data/page-token.key'))).toBe(true);
    expect(statSync(path.join(dir, 'data/page-token.key')).mode & 0o077).toBe(0);
  });

  it('refuses a damaged key file instead of using a short key', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    sharedSecret(dir, 'k', 16);
    expect(readFileSync(path.join(dir, 'k'), 'utf8').length).toBeGreaterThan(0);
    expect(() => sharedSecret(dir, 'k', 32)).toThrow(/does not hold a 32-byte key/);
  });
});
