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
  // `npm ci` installs exactly the lock and never rewrites it, so a fresh clone stays clean. The lock
  // records every platform's optional binaries (@swc/core-*, @esbuild/*, …) as `npm install`
  // writes them; a lock missing some is refused by `npm ci`: regenerate it with `npm install`.
  console.log('[bootstrap] installing dependencies from package-lock.json (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
/**
 * The web pages' browser tests drive Debian's Chromium with Noto CJK fonts (never a downloaded
 * browser). Installed here when missing and running as root; otherwise the tests say loudly that
 * they did not run, and under CI=true a missing browser fails.
 */
function ensureBrowser() {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  const cjk = fonts.status === 0 && /Noto (Sans|Serif) CJK/.test(fonts.stdout);
  // chromium-l10n carries the zh-CN locale, without which date inputs show month/day/year.
  const l10n = existsSync('/usr/lib/chromium/locales/zh-CN.pak');
  if (chromium && cjk && l10n) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.warn(
      '[bootstrap] chromium, chromium-l10n or fonts-noto-cjk is missing and this is not a root Debian shell: install them, or the browser tests will not run',
    );
    return;
  }
  aptInstall(['chromium', 'chromium-l10n', 'fonts-noto-cjk'], 'the browser tests and the opinion PDFs');
}

/** Install Debian packages as root (the callers check that), saying what for; a failure is a warning. */
function aptInstall(packages, what) {
  console.log(`[bootstrap] installing ${packages.join(', ')} (Debian packages) for ${what}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  if (r.status !== 0) console.warn(`[bootstrap] apt-get could not install ${packages.join(', ')}`);
}

/**
 * The opinions the worker issues as PDFs (activities/opinions.ts) embed Noto CJK: `npm start`
 * installs Debian's fonts-noto-cjk when it is missing and running as root; otherwise it says so,
 * and opinions wait (retried) until a font is there or temporal.config.ts opinions.fonts names one.
 */
function ensureCjkFont() {
  if (existsSync('/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc') || existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.warn(
      '[bootstrap] fonts-noto-cjk is missing and this is not a root Debian shell: install it (or set opinions.fonts), or opinions are not issued as PDFs',
    );
    return;
  }
  aptInstall(['fonts-noto-cjk'], 'the opinion PDFs');
}

/** Every folder of code the import rules look at. */
const SOURCE_DIRS = [
  'machines',
  'contracts',
  'core',
  'workflows',
  'activities',
  'notifications',
  'documents',
  'worker',
  'server',
  'runtime',
  'scripts',
  'bench',
  'test',
  'temporal.config.ts',
];

const command = process.argv[2];
run(bin('tsx'), ['scripts/toolchain.ts', ...(command === 'test' ? ['--fuzzer'] : [])]);

if (command === 'test') {
  ensureBrowser();
  run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
  // Habits checked like behaviour: one format, and the import directions the architecture promises.
  run(bin('prettier'), ['--check', '.', '--log-level', 'warn']);
  run(bin('depcruise'), [...SOURCE_DIRS, '--config', '.dependency-cruiser.cjs', '--output-type', 'err']);
  run(bin('tsx'), ['scripts/export-charts.ts', '--check']);
  run(bin('tsx'), ['scripts/coverage.ts', '--check']);
  run(bin('vitest'), ['run', ...process.argv.slice(3)]);
} else if (command === 'start') {
  ensureCjkFont();
  const child = spawn(bin('tsx'), ['scripts/start.ts'], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  console.error('usage: node scripts/bootstrap.mjs start|test');
  process.exit(2);
}
