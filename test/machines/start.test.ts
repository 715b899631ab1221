import { describe, expect, it } from 'vitest';
import { initialTransition } from 'xstate';
import { jurisdictions, olderVersions } from '../../machines/index.js';

const charts = [...Object.values(jurisdictions), ...Object.values(olderVersions).flatMap((versions) => Object.values(versions))].map((def) => ({
  id: def.id,
  version: def.version,
  def,
}));

// A host that forgets the project's input must hear what is missing, not a TypeError from inside the chart.
describe('starting a chart', () => {
  it.each(charts)('$id v$version refuses to start without input, naming what it needs', ({ def }) => {
    const [snapshot] = initialTransition(def.machine);
    expect(snapshot.status).toBe('error');
    expect(String(snapshot.error)).toContain('a project chart starts from input { projectId, application }');
  });
});
