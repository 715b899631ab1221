import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbedded } from '../../runtime/stack.js';
import { loadConfig } from '../../temporal.config.js';

/** Every entry below `dir` with its permission bits, as `ls -l` would show another user of the machine. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string, rel: string) => {
    const st = statSync(p);
    out[rel] = (st.mode & 0o777).toString(8);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name), rel === '.' ? name : `${rel}/${name}`);
  };
  walk(dir, '.');
  return out;
}

describe('the data folder after a start of the embedded server (issue 20 item 7)', () => {
  it('is readable by its owner alone: folder 0700, temporal.sqlite and its journal 0600', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'perm-')), 'data');
    const config = loadConfig({ DATA_DIR: dataDir, TEMPORAL_PORT: '0' });
    const server = await startEmbedded(config);
    try {
      const m = modes(dataDir);
      expect(m['.']).toBe('700');
      expect(m['temporal.sqlite']).toBe('600');
      for (const [name, mode] of Object.entries(m)) expect(`${name} ${mode}`).toBe(`${name} ${name === '.' ? '700' : '600'}`);
    } finally {
      await server.stop();
    }
  });

  it('restricts a folder an older version left world-readable, and what is in it', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'perm-')), 'data');
    mkdirSync(path.join(dataDir, 'command-keys'), { recursive: true, mode: 0o755 });
    writeFileSync(path.join(dataDir, 'identities.json'), '{"users":[]}', { mode: 0o644 });
    writeFileSync(path.join(dataDir, 'command-keys', 'k1.pem'), 'not a key', { mode: 0o644 });
    const server = await startEmbedded(loadConfig({ DATA_DIR: dataDir, TEMPORAL_PORT: '0' }));
    try {
      const m = modes(dataDir);
      expect([m['.'], m['command-keys'], m['identities.json'], m['command-keys/k1.pem']]).toEqual(['700', '700', '600', '600']);
    } finally {
      await server.stop();
    }
  });
});
