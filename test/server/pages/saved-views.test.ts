import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SavedViews } from '../../../server/saved-views.js';

describe('saved views', () => {
  it('survive a restart of the server, per user, a same-named view replaced', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'views-'));
    try {
      const file = path.join(dir, 'saved-views.json');
      const views = SavedViews.open(file);
      views.save('weishan.bigdata', { name: '超期', page: 'tasks', query: 'due=overdue' }, '0123456789abcdef');
      views.save('weishan.bigdata', { name: '超期', page: 'tasks', query: 'due=overdue&sort=received' }, 'fedcba9876543210');
      views.save('weishan.finance', { name: '预算', page: 'tasks', query: 'step=budget' }, '00112233445566ff');
      const reopened = SavedViews.open(file);
      expect(reopened.list('weishan.bigdata').map((v) => [v.name, v.query])).toEqual([['超期', 'due=overdue&sort=received']]);
      expect(reopened.list('weishan.finance', 'tasks')).toHaveLength(1);
      expect(reopened.list('weishan.finance', 'done')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
