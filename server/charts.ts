import { chartConfig } from '../machines/chart-export.js';
import type { JurisdictionDefinition } from '../machines/shared/definition.js';

export { chartConfig, chartJson } from '../machines/chart-export.js';

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
