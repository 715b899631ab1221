import { describe, expect, it } from 'vitest';
import type { ProjectSummary } from '../../../server/projects.js';
import { ViewCache } from '../../../server/pages/view-cache.js';
import type { ProjectView } from '../../../workflows/messages.js';

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

  it('asks again about a project the pages acted on, and about any older than its age limit', async () => {
    const { asked, projects } = counting();
    const cache = new ViewCache(projects, 0);
    await cache.views([summary('a')]);
    await cache.views([summary('a')]);
    const fresh = new ViewCache(projects);
    await fresh.views([summary('c')]);
    fresh.drop('c');
    await fresh.views([summary('c')]);
    expect(asked).toEqual(['a', 'a', 'c', 'c']);
  });
});
