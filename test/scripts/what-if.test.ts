import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jurisdictions } from '../../machines/index.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm run what-if', () => {
  it('prints every jurisdiction side by side for the documented example', () => {
    const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/what-if.ts', 'docs/what-if.example.json'], { cwd: root, encoding: 'utf8' });
    for (const { name } of Object.values(jurisdictions)) expect(out).toContain(`== ${name}`);
    expect(out).toContain('提级审核');
  });
});
