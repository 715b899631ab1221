/** Writes each jurisdiction's Stately-importable chart to docs/charts/; with --check, fails when they are stale. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jurisdictions } from '../machines/index.js';
import { chartJson, statelySource } from '../server/charts.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'charts');
const check = process.argv.includes('--check');
const stale: string[] = [];
mkdirSync(dir, { recursive: true });
for (const def of Object.values(jurisdictions)) {
  const files: Array<[string, string]> = [
    [`${def.id}.stately.ts`, statelySource(def)],
    [`${def.id}.json`, `${JSON.stringify(chartJson(def), null, 2)}\n`],
  ];
  for (const [name, content] of files) {
    const file = path.join(dir, name);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === content) continue;
    if (check) stale.push(name);
    else writeFileSync(file, content);
  }
}
if (stale.length) {
  console.error(`charts out of date with machines/: ${stale.join(', ')} — run npm run charts:export`);
  process.exit(1);
}
console.log(check ? 'charts in sync with machines/' : `charts written to ${path.relative(process.cwd(), dir)}`);
