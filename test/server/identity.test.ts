import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Identities, seedDevelopmentUsers } from '../../server/identity.js';
import { jurisdictionIds } from '../../machines/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'identities-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('identity store', () => {
  it('keeps only hashes of tokens at rest and authenticates them after a reload', () => {
    const file = path.join(dir, 'identities.json');
    const ids = Identities.open(file);
    ids.addUser({ id: 'weishan.li', name: '李四', jurisdiction: 'weishan', department: 'bigData', roles: ['reviewer'] });
    const token = ids.issueToken('weishan.li');
    const stored = readFileSync(file, 'utf8');
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4, 20));
    expect(Identities.open(file).authenticate(token)?.id).toBe('weishan.li');
    expect(Identities.open(file).authenticate(`${token}x`)).toBeUndefined();
  });

  it('refuses users of unknown departments and applicants without a unit', () => {
    const ids = Identities.open();
    expect(() => ids.addUser({ id: 'x.y', name: 'x', jurisdiction: 'weishan', department: 'mayor', roles: ['reviewer'] })).toThrow(/mayor/);
    expect(() => ids.addUser({ id: 'x.z', name: 'x', jurisdiction: 'weishan', department: 'applicant', roles: ['applicant'] })).toThrow(/unit/);
  });

  it('revokes a user’s tokens', () => {
    const ids = Identities.open();
    ids.addUser({ id: 'weishan.wang', name: '王五', jurisdiction: 'weishan', department: 'finance', roles: ['reviewer'] });
    const token = ids.issueToken('weishan.wang');
    expect(ids.revokeTokens('weishan.wang')).toBe(1);
    expect(ids.authenticate(token)).toBeUndefined();
  });

  it('seeds every role of every jurisdiction for development', () => {
    const seeded = seedDevelopmentUsers(Identities.open());
    for (const j of jurisdictionIds) {
      const roles = new Set(seeded.filter((s) => s.user.jurisdiction === j).flatMap((s) => s.user.roles));
      expect([...roles].sort()).toEqual(['administrator', 'applicant', 'reviewer', 'supervisor']);
    }
  });
});
