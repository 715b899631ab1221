/**
 * `npm run toolchain [-- --fuzzer]` (and the first step of `npm start` and `npm test`): installs the
 * pinned Temporal CLI and time-skipping test server where they are missing and says where each is;
 * `--fuzzer` also installs schemathesis, which only the tests need (runtime/toolchain.ts).
 */
import { commandLine } from '../runtime/cli.js';
import { ensure, ensureSchemathesis, locate, pins, SCHEMATHESIS, type Tool } from '../runtime/toolchain.js';

const { values } = commandLine({ options: { fuzzer: { type: 'boolean', default: false } } }, 'npm run toolchain [-- --fuzzer]');

for (const tool of Object.keys(pins) as Tool[]) {
  const p = ensure(tool);
  const where = p ? locate(tool) : undefined;
  console.log(`[toolchain] ${pins[tool].package}: ${p ?? 'SDK download'}${where ? ` (${where.source})` : ''}`);
}
// `npm start` does not wait for the fuzzer.
if (values.fuzzer) console.log(`[toolchain] ${SCHEMATHESIS.package}: ${ensureSchemathesis() ?? 'not installed (no Python with pip)'}`);
