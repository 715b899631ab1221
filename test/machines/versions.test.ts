import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartVersion, jurisdiction, olderVersions } from '../../machines/index.js';
import { chartJson } from '../../server/charts.js';

const docs = path.resolve(import.meta.dirname, '../../docs/charts');
const older = Object.entries(olderVersions).flatMap(([id, versions]) => Object.values(versions).map((def) => ({ id, version: def.version, def })));

// docs/changing.md, "Changing a chart": a project runs on the chart version it started with, so an older
// version must stay exactly as it was exported when it was current.
describe('older chart versions kept for running projects', () => {
  it.each(older)('$id v$version is older than the current chart and reachable by its number', ({ id, version, def }) => {
    expect(version).toBeLessThan(jurisdiction(id).version);
    expect(chartVersion(id, version)).toBe(def);
  });

  it.each(older)('$id v$version still matches its export in docs/charts/$id.v$version.json', ({ id, version, def }) => {
    const frozen = JSON.parse(readFileSync(path.join(docs, `${id}.v${version}.json`), 'utf8'));
    expect(chartJson(def)).toEqual(frozen);
  });

  it('refuses a version that was never kept', () => {
    expect(() => chartVersion('jingle', 99)).toThrow(/not available/);
  });
});
