/**
 * Who can reach the embedded namespace (issue 20 item 4): the gRPC port and the Web UI listen on
 * loopback only, the UI is off unless configured, and when on it is served read-only.
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevServer, type DevServer } from '../../runtime/devserver.js';
import { freePort } from '../../runtime/ports.js';
import { startEmbedded } from '../../runtime/stack.js';
import { ensure } from '../../runtime/toolchain.js';
import { readOnlyRequest, startUiProxy, type UiProxy } from '../../runtime/ui-proxy.js';
import { allSearchAttributes } from '../../contracts/search-attributes.js';
import { loadConfig } from '../../temporal.config.js';

const cli = ensure('cli');
if (!cli) throw new Error('the Temporal CLI is missing: run npx tsx scripts/toolchain.ts');

/** Whether a TCP connection to host:port is accepted ('open') or refused. */
function probe(host: string, port: number): Promise<'open' | 'refused'> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port, timeout: 3_000 });
    s.once('connect', () => {
      s.destroy();
      resolve('open');
    });
    s.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' ? resolve('refused') : reject(err)));
    s.once('timeout', () => {
      s.destroy();
      reject(new Error(`no answer from ${host}:${port}`));
    });
  });
}

/** This machine's addresses other machines could connect to (none on a machine without a network). */
const outward = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && !a.internal && !a.address.startsWith('fe80:'))
  .map((a) => a!.address);

/** The TCP ports a process listens on, with their addresses, as the kernel reports them (Linux /proc). */
function listeners(pid: number): Array<{ ip: string; port: number }> {
  const inodes = new Set(
    readdirSync(`/proc/${pid}/fd`)
      .map((fd) => /^socket:\[(\d+)\]$/.exec(readlinkSafe(`/proc/${pid}/fd/${fd}`))?.[1])
      .filter(Boolean),
  );
  const out: Array<{ ip: string; port: number }> = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A' || !inodes.has(f[9])) continue;
      const [hex, port] = f[1]!.split(':') as [string, string];
      out.push({ ip: hexIp(hex), port: parseInt(port, 16) });
    }
  }
  return out;
}
function readlinkSafe(p: string): string {
  try {
    return readlinkSync(p);
  } catch {
    return '';
  }
}
/** /proc/net's little-endian hex address as text: 0100007F is 127.0.0.1. */
function hexIp(hex: string): string {
  if (hex.length === 8)
    return (hex.match(/../g) ?? [])
      .reverse()
      .map((b) => parseInt(b, 16))
      .join('.');
  if (hex === '00000000000000000000000001000000') return '::1';
  if (/^0000000000000000FFFF0000/.test(hex)) return `::ffff:${hexIp(hex.slice(24))}`;
  return `ipv6:${hex}`;
}
const isLoopback = (ip: string) => /^127\./.test(ip) || ip === '::1' || /^::ffff:127\./.test(ip);

/** Whether an HTTP server on the port answers the Web UI's settings call. */
async function servesUi(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/settings`, { signal: AbortSignal.timeout(2_000) });
    return res.status === 200 && (await res.text()).includes('DisableWriteActions');
  } catch {
    return false;
  }
}

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const portOf = (url: string) => Number(new URL(url.includes('://') ? url : `tcp://${url}`).port);

describe('the embedded namespace on the default configuration', () => {
  it('answers on loopback only, every one of its ports, and no Web UI listens', async () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'ns-')), 'data');
    const server = await startEmbedded(loadConfig({ DATA_DIR: dataDir, TEMPORAL_PORT: '0', TEMPORAL_UI_PORT: '0' }));
    stops.push(server.stop);
    const grpc = portOf(server.address);
    expect(await probe('127.0.0.1', grpc)).toBe('open');
    for (const address of outward) expect(`${address}: ${await probe(address, grpc)}`).toBe(`${address}: refused`);
    // gRPC, the HTTP API, metrics and the internal services: none on an outward address.
    const ports = listeners(server.pid!);
    expect(ports.map((l) => l.port)).toContain(grpc);
    for (const l of ports) expect(`${l.ip}:${l.port} ${isLoopback(l.ip)}`).toBe(`${l.ip}:${l.port} true`);
    expect(server.uiUrl).toBe('');
    for (const l of ports) expect(`${l.port} ${await servesUi(l.port)}`).toBe(`${l.port} false`);
  });

  it('refuses an embedded address other machines could reach', () => {
    for (const ip of ['0.0.0.0', '::', '192.0.2.2', '127.0.0.1.example.org'])
      expect(() => loadConfig({}, { temporal: {}, embedded: { ip }, api: {}, worker: {}, escalation: {}, serviceLevels: {}, calendar: {} })).toThrow(
        /embedded\.ip: the embedded Temporal server has no sign-in: loopback only/,
      );
    for (const ip of ['127.0.0.1', '127.0.1.1', '::1', 'localhost'])
      expect(loadConfig({}, { temporal: {}, embedded: { ip }, api: {}, worker: {}, escalation: {}, serviceLevels: {}, calendar: {} }).embedded.ip).toBe(ip);
  });
});

describe('the Web UI when an operator turns it on (TEMPORAL_UI=true)', () => {
  let server: DevServer;
  let proxy: UiProxy;
  let client: Client;

  async function setUp() {
    server = await startDevServer({ executable: cli!, ip: '127.0.0.1', port: 0, uiPort: 0, namespace: 'default', searchAttributes: allSearchAttributes });
    stops.push(server.stop);
    proxy = await startUiProxy({ ip: '127.0.0.1', port: 0, target: server.uiUrl! });
    stops.push(proxy.close);
    const connection = await Connection.connect({ address: server.address });
    stops.push(() => connection.close());
    client = new Client({ connection });
  }

  /** A project-like workflow nobody works on: it stays running until something terminates it. */
  const running = (id: string) => client.workflow.start('projectWorkflow', { taskQueue: 'nobody-polls', workflowId: id, args: [] });

  /** What a browser on the UI sends to terminate a workflow: its CSRF cookie and header. */
  async function terminate(base: string, id: string): Promise<number> {
    const page = await fetch(`${base}/`);
    const csrf = /_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const res = await fetch(`${base}/api/v1/namespaces/default/workflows/${id}/terminate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `_csrf=${csrf}`, 'x-csrf-token': csrf },
      body: JSON.stringify({ reason: '县长要求终止' }),
    });
    return res.status;
  }

  it('shows projects but refuses to terminate, reset, signal or start one; the UI server itself would have terminated it', async () => {
    await setUp();
    await running('wf-kept');
    expect((await fetch(`${proxy.url}/`)).status).toBe(200);
    const list = await fetch(`${proxy.url}/api/v1/namespaces/default/workflows`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('wf-kept');

    expect(await terminate(proxy.url, 'wf-kept')).toBe(403);
    for (const [p, body] of [
      ['/api/v1/namespaces/default/workflows/wf-kept/reset', { reason: 'x', workflowTaskFinishEventId: '3' }],
      ['/api/v1/namespaces/default/workflows/wf-kept/signal/advance', { input: null }],
      ['/api/v1/namespaces/default/workflows/wf-forged', { workflowType: { name: 'projectWorkflow' }, taskQueue: { name: 'gov-it-projects' } }],
      ['/api/v1/namespaces/default/workflows/wf-kept/update/act', {}],
      ['/api/v1/namespaces/default/workflows/wf-kept%2Fquery%2Fx/terminate', {}],
    ] as const) {
      const res = await fetch(`${proxy.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(`${p} ${res.status}`).toBe(`${p} 403`);
    }
    for (const method of ['PUT', 'DELETE', 'PATCH'])
      expect((await fetch(`${proxy.url}/api/v1/namespaces/default/workflows/wf-kept`, { method })).status).toBe(403);
    expect((await client.workflow.getHandle('wf-kept').describe()).status.name).toBe('RUNNING');
    await expect(client.workflow.getHandle('wf-forged').describe()).rejects.toThrow(WorkflowNotFoundError);

    // The same request straight to the UI server terminates: the proxy is what refuses it.
    await running('wf-direct');
    expect(await terminate(server.uiUrl!, 'wf-direct')).toBe(200);
    expect((await client.workflow.getHandle('wf-direct').describe()).status.name).toBe('TERMINATED');
  });

  it('tells the UI its write actions are off, so it hides their buttons', async () => {
    await setUp();
    const settings = (await (await fetch(`${proxy.url}/api/v1/settings`)).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({ DisableWriteActions: true, WorkflowTerminateDisabled: true, WorkflowResetDisabled: true, StartWorkflowDisabled: true });
    const direct = (await (await fetch(`${server.uiUrl}/api/v1/settings`)).json()) as Record<string, unknown>;
    expect(direct.DisableWriteActions).toBe(false);
  });

  it('listens on loopback only, the proxy and the UI server behind it', async () => {
    await setUp();
    expect(await servesUi(portOf(proxy.url))).toBe(true);
    for (const port of [portOf(proxy.url), portOf(server.uiUrl!)]) {
      expect(await probe('127.0.0.1', port)).toBe('open');
      for (const address of outward) expect(`${address}:${port} ${await probe(address, port)}`).toBe(`${address}:${port} refused`);
    }
  });

  it('comes up through npm start read-only when configured, on the port configured', async () => {
    const uiPort = await freePort();
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'ns-')), 'data');
    const embedded = await startEmbedded(loadConfig({ DATA_DIR: dataDir, TEMPORAL_PORT: '0', TEMPORAL_UI: 'true', TEMPORAL_UI_PORT: String(uiPort) }));
    stops.push(embedded.stop);
    expect(embedded.uiUrl).toBe(`http://127.0.0.1:${uiPort}`);
    const settings = (await (await fetch(`${embedded.uiUrl}/api/v1/settings`)).json()) as Record<string, unknown>;
    expect(settings.DisableWriteActions).toBe(true);
  });
});

describe('which requests the UI proxy lets through', () => {
  it('reads and workflow queries only', () => {
    const q = '/api/v1/namespaces/default/workflows/p-1/query/view';
    expect(readOnlyRequest('GET', '/api/v1/namespaces/default/workflows/p-1/terminate')).toBe(true);
    expect(readOnlyRequest('POST', q)).toBe(true);
    expect(readOnlyRequest('POST', '/api/v1/namespaces/default/workflows/p-1/runs/r-1/query/view')).toBe(true);
    for (const url of [
      '/api/v1/namespaces/default/workflows/p-1/terminate',
      '/api/v1/namespaces/default/workflows/p-1/query/view/../../terminate',
      '/api/v1/namespaces/default/workflows/p-1%2Fterminate%2F/query/view',
      '/api/v1/namespaces/default/batch-operations/b-1',
      'http://127.0.0.1/api/v1/namespaces/default/workflows/p-1/query/view',
    ])
      expect(`${url} ${readOnlyRequest('POST', url)}`).toBe(`${url} false`);
    expect(readOnlyRequest('PUT', q)).toBe(false);
    expect(readOnlyRequest('OPTIONS', q)).toBe(false);
  });
});
