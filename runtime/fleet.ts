/**
 * The product as several processes on one cluster: each is `scripts/start.ts` with a role
 * (PROCESS_ROLE=worker or api), the cluster's TEMPORAL_ADDRESS and the shared data folder. Each runs
 * under plain `node --import tsx`, so its pid is the process itself (its memory can be read, and a
 * kill reaches it rather than a wrapper).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One running product process. */
export interface ProductProcess {
  role: 'worker' | 'api';
  name: string;
  pid: number;
  /** The API's base URL (API processes). */
  apiUrl?: string;
  /** What the process printed before `ready` (addresses, development users on a first start). */
  banner: string[];
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<number | string>;
  /** Graceful stop (SIGTERM: the worker finishes its tasks, the API its requests). */
  stop(): Promise<void>;
  /** Abrupt end (SIGKILL), as a crash or an out-of-memory kill would do it. */
  kill(): Promise<void>;
}

/** Start one product process and wait until it says `ready`. */
export function startProductProcess(opts: {
  role: 'worker' | 'api';
  name: string;
  /** Environment beyond this process's own: TEMPORAL_ADDRESS, DATA_DIR, … */
  env: Record<string, string>;
  /** File the process's output goes to (API request logs are many). */
  logFile: string;
  readyTimeoutMs?: number;
}): Promise<ProductProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts')], {
    cwd: root,
    env: { ...process.env, API_PORT: '0', ...opts.env, PROCESS_ROLE: opts.role },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const banner: string[] = [];
  let errors = '';
  child.stderr!.on('data', (d: Buffer) => void (errors = (errors + d.toString()).slice(-4_000)));
  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => fail(`did not say ready in ${opts.readyTimeoutMs ?? 180_000} ms`), opts.readyTimeoutMs ?? 180_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${opts.name} (${opts.role}) ${why}; see ${opts.logFile}\n${errors.trim().slice(-2_000)}`));
    };
    const onData = (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line !== 'ready') {
          banner.push(line);
          continue;
        }
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.off('exit', onExit);
        const api = banner.map((l) => /^API\s+(http:\/\/\S+)/.exec(l)?.[1]).find(Boolean);
        resolve({
          role: opts.role,
          name: opts.name,
          pid: child.pid!,
          ...(api ? { apiUrl: api } : {}),
          banner,
          exited,
          stop: () => end(child, 'SIGTERM', exited),
          kill: () => end(child, 'SIGKILL', exited),
        });
        return;
      }
    };
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${code ?? signal}) while starting`);
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

async function end(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const killer = signal === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), 30_000);
  child.kill(signal);
  await exited;
  clearTimeout(killer);
}

/** Resident memory of a process in bytes (Linux), or undefined when it has ended. */
export async function residentBytes(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const kb = status && /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : undefined;
}
