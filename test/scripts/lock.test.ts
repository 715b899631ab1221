import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface LockedPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
}
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockedPackage> };

/** Where Node (and npm ci) would find `dep` for the package installed at `at`: its own node_modules, then each parent's. */
function resolved(at: string, dep: string): boolean {
  for (let dir = at; ;) {
    if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${dep}`]) return true;
    if (!dir) return false;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up < 0 ? '' : dir.slice(0, up);
  }
}

describe('package-lock.json', () => {
  it("records every platform's optional binaries, so npm ci accepts it on any machine and leaves a clone clean", () => {
    const missing = Object.entries(lock.packages).flatMap(([at, pkg]) =>
      Object.keys(pkg.optionalDependencies ?? {})
        .filter((dep) => !resolved(at, dep))
        .map((dep) => `${at || 'the project'} → ${dep}`),
    );
    expect(missing, 'regenerate the lock with npm install').toEqual([]);
  });
});
