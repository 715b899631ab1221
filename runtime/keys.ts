import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A secret shared by every process on one data folder (e.g. the key that seals list page tokens,
 * so a page handed out by one API process opens on another). Created once with exclusive create,
 * so two processes starting together agree on the one that was written first.
 */
export function sharedSecret(dataDir: string, name: string, bytes = 32): Buffer {
  const file = path.resolve(dataDir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(bytes).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  // A reader that comes between another process's create and write sees an empty file: wait for the write.
  for (let i = 0; ; i++) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length === bytes) return key;
    if (i >= 50) throw new Error(`${file} does not hold a ${bytes}-byte key: remove it and start again`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}
