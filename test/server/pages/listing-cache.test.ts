import { describe, expect, it } from 'vitest';
import { ListingCache } from '../../../server/listing-cache.js';
import type { ProjectSummary } from '../../../server/projects-api.js';

const listing = (n: number): ProjectSummary[] => [{ projectId: `p${n}`, awaitingDepartments: [], startedAt: '', running: true }];

describe('the list pages’ listing cache', () => {
  it('answers from the last listing and refreshes it behind the answer once it is old', async () => {
    let fetched = 0;
    const fetch = async () => listing(++fetched);
    const cache = new ListingCache(0, 60_000);
    expect((await cache.get('k', fetch))[0]!.projectId).toBe('p1');
    // Old at once (refresh 0 ms): still answered from p1 while p2 is fetched.
    expect((await cache.get('k', fetch))[0]!.projectId).toBe('p1');
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get('k', fetch))[0]!.projectId).toBe('p2');
  });

  it('waits for a fresh listing after clear() and past the stale limit', async () => {
    let fetched = 0;
    const fetch = async () => listing(++fetched);
    const cache = new ListingCache(60_000, 60_000);
    await cache.get('k', fetch);
    cache.clear();
    expect((await cache.get('k', fetch))[0]!.projectId).toBe('p2');
    const tooOld = new ListingCache(0, 0);
    await tooOld.get('k', fetch);
    await new Promise((r) => setTimeout(r, 2));
    expect((await tooOld.get('k', fetch))[0]!.projectId).toBe('p4');
  });
});
