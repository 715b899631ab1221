import type { JurisdictionDefinition } from './definition.js';

/**
 * What a jurisdiction's folder exports as `chart` from its index.ts: the pure side, which the
 * workflow bundle may load. The generated registry (machines/registry.generated.ts) collects one
 * per folder, so no list of jurisdictions is written by hand (docs/changing.md, "Adding a jurisdiction").
 */
export interface ChartPackage {
  /** The chart new projects start on. */
  current: JurisdictionDefinition;
  /** Superseded versions that running projects still use (docs/changing.md, "Changing a chart"). */
  older?: readonly JurisdictionDefinition[];
  /** Place in lists of jurisdictions: the order they joined the product. */
  order: number;
  /**
   * Default time limits in working days for the steps this regulation leaves to the authority
   * (service levels), by key; `serviceLevels.jurisdictions.<id>` in temporal.config.ts overrides them.
   */
  serviceLevels?: Readonly<Record<string, number>>;
}
