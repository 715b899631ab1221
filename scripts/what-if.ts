/**
 * `npm run what-if -- request.json`: runs one application through every jurisdiction's chart
 * without starting workflows and prints the steps, departments, deadlines and obligations side by
 * side. The file holds `{ "application": {...shared fields}, "overrides": { "<jurisdiction>": {...} } }`
 * (the same body as POST /v1/what-if); `--json` prints the full result.
 */
import { readFileSync } from 'node:fs';
import { commandLine } from '../runtime/cli.js';
import { jurisdictions } from '../machines/index.js';
import { chinaDate } from '../machines/shared/events.js';
import { whatIfAll } from '../machines/whatif.js';
import { whatIfBody } from '../server/app.js';

const USAGE = 'npm run what-if -- request.json [--json]';
const { values, positionals } = commandLine({ options: { json: { type: 'boolean' } }, allowPositionals: true }, USAGE);
const [file, ...extra] = positionals;
if (!file || extra.length) {
  console.error(`one request file expected\nusage: ${USAGE}`);
  process.exit(2);
}
const body = whatIfBody.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!body.success) {
  console.error(body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  process.exit(2);
}
const results = whatIfAll(
  Object.values(jurisdictions),
  body.data.application,
  body.data.overrides as Record<string, Record<string, unknown>>,
  body.data.date ?? chinaDate(Date.now()),
);
if (values.json) {
  console.log(JSON.stringify(results, null, 2));
} else {
  for (const r of results) {
    console.log(
      `\n== ${r.name}（${r.regulation.document}）${r.regulation.inForce ? '' : '【不在施行期内】'}${r.regulation.notice ? ` ${r.regulation.notice}` : ''}`,
    );
    if (!r.accepted) {
      for (const i of r.issues) console.log(`  ✗ ${i.field}: ${i.message}${i.article ? `（${i.article}）` : ''}`);
      continue;
    }
    r.steps.forEach((s, n) => {
      const due = s.deadline ? `  ⏱ ${s.deadline.title}（${s.deadline.article}）` : '';
      console.log(`  ${String(n + 1).padStart(2)}. ${s.title} — ${s.departmentName}（${s.article}）${due}`);
    });
    console.log(`  部门：${r.departments.join('、')}`);
    const recurring = r.obligations.filter((o) => o.deadline && !r.steps.some((s) => s.task === o.task));
    for (const o of recurring) console.log(`  另须：${o.title}（${o.article}）⏱ ${o.deadline!.title}`);
  }
}
