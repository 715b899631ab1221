import type { JurisdictionDefinition } from './shared/definition.js';
import { jingle, jingleV1 } from './jingle/index.js';
import { kundulun } from './kundulun/index.js';
import { laizhou, laizhouV1 } from './laizhou/index.js';
import { weishan } from './weishan/index.js';
import { xichuan, xichuanV1 } from './xichuan/index.js';

export type { JurisdictionDefinition } from './shared/definition.js';

/** Every jurisdiction the product knows, by id. */
export const jurisdictions: Record<string, JurisdictionDefinition> = { weishan, laizhou, xichuan, jingle, kundulun };

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
 * changes in a way a running project would notice, the old definition moves here (see README,
 * "Changing a chart"); its export in docs/charts/<id>.v<version>.json is checked to stay as it was.
 */
export const olderVersions: Record<string, Record<number, JurisdictionDefinition>> = {
  jingle: { 1: jingleV1 },
  laizhou: { 1: laizhouV1 },
  xichuan: { 1: xichuanV1 },
};

/** The chart version a project runs on; throws when that version is no longer available. */
export function chartVersion(id: string, version: number): JurisdictionDefinition {
  const current = jurisdiction(id);
  if (current.version === version) return current;
  const old = Object.hasOwn(olderVersions, id) && Object.hasOwn(olderVersions[id]!, version) ? olderVersions[id]![version] : undefined;
  if (!old) throw new Error(`chart ${id} v${version} is not available (current v${current.version})`);
  return old;
}
