import { describe, expect, it, vi } from 'vitest';
import type { ProjectSummary } from '../../../server/projects-api.js';
import { ViewCache } from '../../../server/view-cache.js';
import type { ProjectView } from '../../../contracts/messages.js';

const summary = (id: string, status = 'under_review'): ProjectSummary => ({
  projectId: id,
  status,
  awaitingDepartments: ['bigData'],
  startedAt: '',
  running: true,
});

/** A project service whose views say how often each was asked for. */
function counting() {
  const asked: string[] = [];
  return { asked, projects: { view: async (id: string) => (asked.push(id), { projectId: id, title: `${id}#${asked.length}` } as unknown as ProjectView) } };
}

describe('the list pages’ view cache', () => {
  it('asks the workers only about projects whose search attributes moved', async () => {
    const { asked, projects } = counting();
    const cache = new ViewCache(projects);
    await cache.views([summary('a'), summary('b')]);
    const again = await cache.views([summary('a'), summary('b', 'returned')]);
    expect(asked).toEqual(['a', 'b', 'b']);
    expect(again.map((v) => v.title)).toEqual(['a#1', 'b#3']);
  });

  it('answers a view older than its age limit at once and asks again behind the list, so the next list has the new one', async () => {
    const { asked, projects } = counting();
    const cache = new ViewCache(projects, 0);
    await cache.views([summary('a')]);
    const second = await cache.views([summary('a')]);
    expect(second.map((v) => v.title)).toEqual(['a#1']);
    await vi.waitFor(() => expect(asked).toEqual(['a', 'a']));
    const third = await cache.views([summary('a')]);
    expect(third.map((v) => v.title)).toEqual(['a#2']);
  });

  it('asks again about a project the pages acted on', async () => {
    const { asked, projects } = counting();
    const fresh = new ViewCache(projects);
    await fresh.views([summary('c')]);
    fresh.drop('c');
    await fresh.views([summary('c')]);
    expect(asked).toEqual(['c', 'c']);
  });
});
