import { chartIndex } from '../../machines/chart-index.js';
import type { JurisdictionDefinition } from '../../machines/shared/definition.js';

/** Chinese titles of a chart's tasks and offers by task id (the first title a chart gives it). */
export const taskTitles = (def: JurisdictionDefinition): ReadonlyMap<string, string> => chartIndex(def.machine).taskTitles;
