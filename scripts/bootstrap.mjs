// Entry of `npm start` and `npm test` on a fresh clone: installs dependencies when they are
// missing or stale, obtains the pinned Temporal binaries, then runs the command. Plain
// JavaScript because nothing (not even the TypeScript loader) is installed when it first runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const installed = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  // `npm install` from the lock rather than `npm ci`: registries that omit other platforms'
  // optional binaries (e.g. @swc/core-darwin-*) leave them out of the lock, which `npm ci` refuses.
  console.log('[bootstrap] installing dependencies from package-lock.json');
  run('npm', ['install', '--no-audit', '--no-fund']);
}
const command = process.argv[2];
run(bin('tsx'), ['scripts/toolchain.ts', ...(command === 'test' ? ['--fuzzer'] : [])]);

if (command === 'test') {
  run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  run(bin('tsx'), ['scripts/export-charts.ts', '--check']);
  run(bin('tsx'), ['scripts/coverage.ts', '--check']);
  run(bin('vitest'), ['run', ...process.argv.slice(3)]);
} else if (command === 'start') {
  const child = spawn(bin('tsx'), ['scripts/start.ts'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
