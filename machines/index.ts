import type { JurisdictionDefinition } from './shared/definition.js';
import type { ChartPackage } from './shared/package.js';
import { chartPackages } from './registry.generated.js';

export type { JurisdictionDefinition } from './shared/definition.js';

/** The packages in list order (their `order`, then id); a folder whose chart names another id is refused. */
const packages: Array<[string, ChartPackage]> = Object.entries(chartPackages).sort(([a, p], [b, q]) => p.order - q.order || a.localeCompare(b));
for (const [folder, pkg] of packages) {
  if (pkg.current.id !== folder) throw new Error(`machines/${folder}/ holds the chart of '${pkg.current.id}': a folder is named by its jurisdiction's id`);
}

/** Every jurisdiction the product knows, by id, from the folders of machines/ (machines/registry.generated.ts). */
export const jurisdictions: Record<string, JurisdictionDefinition> = Object.fromEntries(packages.map(([id, pkg]) => [id, pkg.current]));

/** Ids of the jurisdictions, for schemas. */
export const jurisdictionIds = Object.keys(jurisdictions) as [string, ...string[]];

/** The definition of a jurisdiction, or undefined; safe for ids from user input (`constructor`, `__proto__`). */
export function findJurisdiction(id: string): JurisdictionDefinition | undefined {
  return Object.hasOwn(jurisdictions, id) ? jurisdictions[id] : undefined;
}

/** The definition of a jurisdiction; throws on an unknown id. */
export function jurisdiction(id: string): JurisdictionDefinition {
  const def = findJurisdiction(id);
  if (!def) throw new Error(`unknown jurisdiction '${id}'`);
  return def;
}

/**
 * Earlier chart versions that running projects still use, by jurisdiction and version. When a chart
 * changes in a way a running project would notice, the old definition joins its package's `older`
 * (docs/changing.md, "Changing a chart"); its export in docs/charts/<id>.v<version>.json is checked
 * to stay as it was.
 */
export const olderVersions: Record<string, Record<number, JurisdictionDefinition>> = Object.fromEntries(
  packages.filter(([, pkg]) => pkg.older?.length).map(([id, pkg]) => [id, Object.fromEntries(pkg.older!.map((def) => [def.version, def]))]),
);

/** Default service-level limits (working days) of each jurisdiction that sets any, by key. */
export const serviceLevelDefaults: Record<string, Readonly<Record<string, number>>> = Object.fromEntries(
  packages.filter(([, pkg]) => pkg.serviceLevels).map(([id, pkg]) => [id, pkg.serviceLevels!]),
);

/** The chart version a project runs on; throws when that version is no longer available. */
export function chartVersion(id: string, version: number): JurisdictionDefinition {
  const current = jurisdiction(id);
  if (current.version === version) return current;
  const old = Object.hasOwn(olderVersions, id) && Object.hasOwn(olderVersions[id]!, version) ? olderVersions[id]![version] : undefined;
  if (!old) throw new Error(`chart ${id} v${version} is not available (current v${current.version})`);
  return old;
}
