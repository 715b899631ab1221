/** What a benchmark's results file says about where and on what code it ran. */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** The machine: cores, CPU model, memory, kernel. */
export function machineOf() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** The commit measured, with `dirty` when the work tree had changes; nothing outside a git checkout. */
export function commitOf(root: string): { commit?: string; dirty?: true } {
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return {};
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout.trim() !== '';
  return { commit: head.stdout.trim(), ...(dirty ? { dirty: true as const } : {}) };
}
