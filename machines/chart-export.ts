import type { JurisdictionDefinition } from './shared/definition.js';

/** The chart's literal config: named guards and actions, descriptions and meta, no functions. */
export function chartConfig(def: JurisdictionDefinition): unknown {
  return JSON.parse(JSON.stringify(def.machine.config, (_key, value) => (typeof value === 'function' ? undefined : value)));
}

/**
 * The chart as JSON: the config plus what the regulation and departments are. The web pages and
 * docs/charts/<id>.json show it (server/charts.ts), and a closed project's archive package keeps
 * the one of its chart version (activities/archive.ts).
 */
export function chartJson(def: JurisdictionDefinition) {
  return {
    jurisdiction: def.id,
    name: def.name,
    version: def.version,
    // As JSON has it: citations (validityArticle) as the text people read, fields in their order.
    regulation: JSON.parse(JSON.stringify(def.regulation)) as Record<string, string>,
    departments: def.departments,
    chart: chartConfig(def),
  };
}
