import type { JurisdictionDefinition } from '../machines/shared/definition.js';

/** The chart's literal config: named guards and actions, descriptions and meta, no functions. */
export function chartConfig(def: JurisdictionDefinition): unknown {
  return JSON.parse(JSON.stringify(def.machine.config, (_key, value) => (typeof value === 'function' ? undefined : value)));
}

/** The chart as code the Stately editor imports (createMachine with a literal config). */
export function statelySource(def: JurisdictionDefinition): string {
  const body = JSON.stringify(chartConfig(def), null, 2);
  return [
    `// ${def.name}：${def.regulation.title}（${def.regulation.document}）— chart v${def.version}.`,
    '// Generated from machines/ by `npm run charts:export`; do not edit. Import into the Stately editor.',
    "import { createMachine } from 'xstate';",
    '',
    `export const ${def.id}Chart = createMachine(${body});`,
    '',
  ].join('\n');
}

/** The chart as JSON for the web pages: the config plus what the regulation and departments are. */
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
