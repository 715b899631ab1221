/**
 * The embedded Temporal dev server (the CLI's `server start-dev`), started so that a port
 * collision is survived: the CLI picks free ports for its internal services (history, matching,
 * worker, HTTP API, metrics) by listening and closing, so two servers starting at the same moment
 * can collide, and so can ports we pick ourselves. A start that fails that way is tried again on
 * fresh ports a bounded number of times; a port the operator fixed is never silently changed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { collidedAddress, freePort } from './ports.js';
import { ensureRetention } from './retention.js';

/** A search attribute to create at start, as the CLI's `--search-attribute name=Type` takes it. */
export interface SearchAttributeSpec {
  name: string;
  type: string;
}

export interface DevServerOptions {
  /** Path of the `temporal` CLI executable. */
  executable: string;
  ip: string;
  /** Frontend gRPC port; 0 picks a free one on every attempt. */
  port: number;
  /** Web UI port; 0 picks a free one; absent: no UI (`--headless`). */
  uiPort?: number;
  /** SQLite file that keeps workflows across restarts; absent: in memory. */
  dbFile?: string;
  namespace: string;
  /**
   * Days a closed project stays in the namespace (the CLI has no flag and keeps 24 hours): set
   * after start with UpdateNamespace. Approval records are archives (网络安全法 第二十一条: logs at
   * least six months; the archive's own term is longer), so the product, not Temporal, decides.
   */
  retentionDays?: number;
  searchAttributes: readonly SearchAttributeSpec[];
  /** Starts tried before giving up (default 5). */
  attempts?: number;
  /** How long one start may take to answer (default 90 s). */
  readyTimeoutMs?: number;
  /** Picks a port for a 0 above (default: one the kernel says is free now). */
  pickPort?: (ip: string) => Promise<number>;
  /** Told when a start collided and is tried again. */
  onRetry?: (reason: string, attempt: number) => void;
}

/** A running dev server. */
export interface DevServer {
  address: string;
  uiUrl?: string;
  /** Process id of the server (tests pause it with SIGSTOP to show bounded waits). */
  pid: number;
  /** Stops it (SIGTERM, then SIGKILL after 10 s) and waits for the exit. */
  stop(): Promise<void>;
}

/** The dev server could not start; `collided` names the address that was in use, if that was the reason. */
export class DevServerStartError extends Error {
  constructor(
    message: string,
    readonly collided?: string,
  ) {
    super(message);
    this.name = 'DevServerStartError';
  }
}

const TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  KEYWORD_LIST: 'KeywordList',
  DATETIME: 'Datetime',
  TEXT: 'Text',
  INT: 'Int',
  BOOL: 'Bool',
  DOUBLE: 'Double',
};

/** Start the dev server, retrying on fresh ports when a start collides with another listener. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const attempts = opts.attempts ?? 5;
  const pick = opts.pickPort ?? freePort;
  let last: DevServerStartError | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = opts.port || (await pick(opts.ip));
    const uiPort = opts.uiPort === undefined ? undefined : opts.uiPort || (await pick(opts.ip));
    try {
      return await startOnce(opts, port, uiPort);
    } catch (err) {
      if (!(err instanceof DevServerStartError)) throw err;
      last = err;
      const fixed = [opts.port && `${opts.ip}:${opts.port}`, opts.uiPort && `${opts.ip}:${opts.uiPort}`].filter(Boolean);
      if (err.collided && fixed.includes(err.collided)) {
        throw new DevServerStartError(
          `Temporal dev server: ${err.collided} is already in use by another program. Stop that program, or choose another port ` +
            `(TEMPORAL_PORT / TEMPORAL_UI_PORT; 0 picks a free one).`,
          err.collided,
        );
      }
      if (!err.collided && !/exited/.test(err.message)) throw err;
      opts.onRetry?.(err.collided ? `${err.collided} was in use` : 'the server exited while starting', attempt);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
  throw new DevServerStartError(`Temporal dev server did not start in ${attempts} attempts; the last: ${last?.message}`, last?.collided);
}

function startOnce(opts: DevServerOptions, port: number, uiPort: number | undefined): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', opts.ip, '--port', String(port), '--log-level', 'warn'];
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (uiPort === undefined) args.push('--headless');
  // The UI binds the same (loopback by default) address as gRPC: the CLI's own default is every interface's `localhost` lookup.
  else args.push('--ui-ip', opts.ip, '--ui-port', String(uiPort), '--ui-disable-news-fetch');
  if (opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  for (const a of opts.searchAttributes) args.push('--search-attribute', `${a.name}=${TYPE_NAMES[a.type] ?? a.type}`);
  // umask 077: the SQLite store (and the journal files SQLite creates beside it) is the owner's alone
  // from its first byte (issue 20 item 7); exec keeps the process id, which stop() and tests signal.
  const child = spawn('/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', opts.executable, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d: Buffer) => void (output = (output + d.toString()).slice(-8_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const address = `${opts.ip}:${port}`;
  const server: DevServer = {
    address,
    ...(uiPort === undefined ? {} : { uiUrl: `http://${opts.ip}:${uiPort}` }),
    pid: child.pid!,
    stop: () => stopChild(child),
  };
  return waitReady(address, child, () => output, opts.readyTimeoutMs ?? 90_000).then(
    async () => {
      if (opts.retentionDays === undefined) return server;
      try {
        await setRetention(address, opts.namespace, opts.retentionDays);
      } catch (err) {
        await stopChild(child);
        // Not a collision: the caller does not retry, and a server deleting records after 24 hours is not started.
        throw new Error(`Temporal dev server: setting the namespace retention to ${opts.retentionDays} days failed: ${(err as Error).message}`);
      }
      return server;
    },
    async (err: Error) => {
      await stopChild(child, 'SIGKILL');
      throw new DevServerStartError(`${err.message}\n${output.trim().slice(-2_000)}`, collidedAddress(output));
    },
  );
}

async function setRetention(address: string, namespace: string, days: number): Promise<void> {
  const c = await Connection.connect({ address, connectTimeout: 5_000 });
  try {
    await c.withDeadline(Date.now() + 10_000, () => ensureRetention(c, namespace, days));
  } finally {
    await c.close();
  }
}

async function waitReady(address: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`Temporal dev server exited (${child.exitCode ?? child.signalCode}) while starting on ${address}`);
    // A listener that failed to bind may leave the process running for a moment: don't wait it out.
    if (collidedAddress(output())) throw new Error(`Temporal dev server exited: a port was in use while starting on ${address}`);
    if (await answers(address)) return;
    if (Date.now() > deadline) throw new Error(`Temporal at ${address} not reachable after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Whether a Temporal frontend answers at the address within two seconds (another listener may accept and never answer). */
export async function answers(address: string, options: Omit<ConnectionOptions, 'address'> = {}): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const probe = (async () => {
    const c = await Connection.connect({ ...options, address, connectTimeout: 1_000 });
    try {
      await c.withDeadline(Date.now() + 2_000, () => c.workflowService.getSystemInfo({}));
      return true;
    } finally {
      void c.close();
    }
  })();
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 2_500)));
  try {
    return await Promise.race([probe, timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    probe.catch(() => undefined);
  }
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    // A paused server (SIGSTOP) must be woken to act on SIGTERM.
    child.kill('SIGCONT');
    child.kill(signal);
  });
}
