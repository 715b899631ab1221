import { Connection } from '@temporalio/client';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DevServerStartError, startDevServer, type DevServer } from '../../runtime/devserver.js';
import { freePort, listenOn } from '../../runtime/ports.js';
import { ensure } from '../../runtime/toolchain.js';
import { allSearchAttributes } from '../../contracts/search-attributes.js';

const cli = ensure('cli');
if (!cli) throw new Error('the Temporal CLI is missing: run npx tsx scripts/toolchain.ts');

/** A port held by another listener for the length of a test, as another program would hold it. */
async function occupied(): Promise<{ port: number; release: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const s: Server = await new Promise((resolve) => {
    const srv = createServer((socket) => void sockets.add(socket)).listen(0, '127.0.0.1', () => resolve(srv));
  });
  return {
    port: (s.address() as { port: number }).port,
    release: () =>
      new Promise((r) => {
        // A probe from the starter may still hold a connection; close() waits for those.
        for (const socket of sockets) socket.destroy();
        s.close(() => r());
      }),
  };
}

const started: DevServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const base = { executable: cli, ip: '127.0.0.1', namespace: 'default', searchAttributes: allSearchAttributes };

describe('starting the embedded Temporal dev server', () => {
  it('starts again on fresh ports when the port it was handed is taken before it binds', async () => {
    const taken = await occupied();
    try {
      const picks: number[] = [];
      const retries: string[] = [];
      // The first pick is the taken port, as when another process binds it between check and use.
      const pickPort = async (ip: string) => {
        const p = picks.length === 0 ? taken.port : await freePort(ip);
        picks.push(p);
        return p;
      };
      const server = await startDevServer({ ...base, port: 0, pickPort, onRetry: (reason) => retries.push(reason) });
      started.push(server);
      expect(retries).toEqual([`127.0.0.1:${taken.port} was in use`]);
      expect(server.address).toBe(`127.0.0.1:${picks[1]}`);
    } finally {
      await taken.release();
    }
  });

  it('refuses to move a port the operator fixed, and says which one collided', async () => {
    const taken = await occupied();
    try {
      const start = startDevServer({ ...base, port: taken.port });
      await expect(start).rejects.toThrow(DevServerStartError);
      await expect(start).rejects.toThrow(`127.0.0.1:${taken.port} is already in use by another program`);
    } finally {
      await taken.release();
    }
  });

  it('brings up three servers started at the same moment', async () => {
    const servers = await Promise.all([0, 1, 2].map(() => startDevServer({ ...base, port: 0 })));
    started.push(...servers);
    expect(new Set(servers.map((s) => s.address)).size).toBe(3);
  });
});

describe('what the embedded server keeps', () => {
  it("keeps a closed project for the configured retention, not the CLI's one day", async () => {
    const server = await startDevServer({ ...base, port: 0, retentionDays: 3_650 });
    started.push(server);
    const c = await Connection.connect({ address: server.address });
    try {
      const ns = await c.workflowService.describeNamespace({ namespace: 'default' });
      expect(Number(ns.config?.workflowExecutionRetentionTtl?.seconds)).toBe(3_650 * 86_400);
    } finally {
      await c.close();
    }
  });
});

describe('the API listener', () => {
  it('names the address in use and the setting that moves it', async () => {
    const taken = await occupied();
    try {
      await expect(listenOn(createHttpServer(), '127.0.0.1', taken.port, 'API_PORT')).rejects.toThrow(
        `127.0.0.1:${taken.port} is already in use by another program. Stop it, or set API_PORT (0 picks a free port).`,
      );
    } finally {
      await taken.release();
    }
  });

  it('takes a free port when asked for port 0', async () => {
    const server = createHttpServer();
    const port = await listenOn(server, '127.0.0.1', 0, 'API_PORT');
    expect(port).toBeGreaterThan(0);
    await new Promise((r) => server.close(r));
  });
});
