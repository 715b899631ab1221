/**
 * The embedded Temporal Web UI, read-only. The UI has no sign-in and, as the CLI 1.9.1 starts it
 * (`server start-dev` has no flag for the UI server's `disableWriteActions`), lets whoever opens it
 * terminate, reset, signal, update and start workflows: a project's record rewritten from a
 * browser tab (issue 20 item 4; 等保 2.0 三级 安全审计: audit records protected from alteration and
 * deletion). So the product never hands out the UI's own address: it serves the UI through this
 * proxy, which passes reads (GET, HEAD, and the UI's workflow queries, which cannot write history)
 * and refuses every other request before it reaches the UI server; the settings the UI reads are
 * rewritten to say writes are off, so its buttons are hidden too.
 *
 * What it does not close: the UI server's own port and the dev server's gRPC port also listen on
 * loopback, without sign-in, so a process of any account on the machine can still write there
 * (docs/security.md, "Who can reach the namespace").
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { listenOn } from './ports.js';

/** The UI's query call (QueryWorkflow's HTTP path): the one POST that only reads. */
const QUERY_PATH = /^\/api\/v1\/namespaces\/[^/?#]+\/workflows\/[^/?#]+(?:\/runs\/[^/?#]+)?\/query\/[^/?#]+(?:\?.*)?$/;
const SETTINGS_PATH = /^\/api\/v1\/settings(?:\?.*)?$/;

/** Whether a request only reads: what the proxy lets through. */
export function readOnlyRequest(method: string | undefined, url: string | undefined): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  // A path with an encoded slash or dot segment could be routed differently behind us: refuse it.
  return method === 'POST' && url !== undefined && !/%2f|%5c|\/\.\.?(?:\/|$)/i.test(url) && QUERY_PATH.test(url);
}

/** The UI's settings with every write action off (the names the UI server 2.x reports). */
export function readOnlySettings(settings: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...settings, DisableWriteActions: true };
  for (const key of Object.keys(settings)) if (/Disabled$/.test(key) && typeof settings[key] === 'boolean') out[key] = true;
  // The counts refresh is a read, not a write: keep what the server said.
  if ('RefreshWorkflowCountsDisabled' in settings) out.RefreshWorkflowCountsDisabled = settings.RefreshWorkflowCountsDisabled;
  return out;
}

export interface UiProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * Serve the UI at `target` (http://host:port) read-only on ip:port (0: a free port). The target may
 * be set later (`setTarget`), so that the proxy holds its configured port before the dev server
 * starts and picks free ports of its own; until then it answers 503.
 */
export async function startUiProxy(opts: { ip: string; port: number; target?: string }): Promise<UiProxy & { setTarget(url: string): void }> {
  let target = opts.target === undefined ? undefined : new URL(opts.target);
  const server: Server = createServer((req, res) => {
    if (!readOnlyRequest(req.method, req.url)) return refuse(req, res);
    if (!target) {
      req.resume();
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '2' }).end('Temporal Web UI is starting');
      return;
    }
    forward(req, res, target);
  });
  const port = await listenOn(server, opts.ip, opts.port, 'TEMPORAL_UI_PORT');
  const host = opts.ip.includes(':') ? `[${opts.ip}]` : opts.ip;
  return {
    url: `http://${host}:${port}`,
    setTarget: (url) => void (target = new URL(url)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function refuse(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', allow: 'GET, HEAD' });
  res.end(
    JSON.stringify({
      error: 'read_only',
      message: 'Temporal Web UI 只读：终止、重置、信号、更新、启动等写操作已关闭；项目只能通过本系统办理（issue 20 item 4）',
    }),
  );
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const settings = req.method === 'GET' && SETTINGS_PATH.test(req.url ?? '');
  const headers = { ...req.headers, host: target.host };
  // The settings are rewritten below: ask for them uncompressed.
  if (settings) headers['accept-encoding'] = 'identity';
  const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (up) => {
    if (!settings || up.statusCode !== 200) {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    up.on('data', (c: Buffer) => chunks.push(c));
    up.on('end', () => {
      let body: string;
      try {
        body = JSON.stringify(readOnlySettings(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>));
      } catch {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' }).end('Temporal Web UI: unreadable settings');
        return;
      }
      const { 'content-length': _length, 'transfer-encoding': _te, ...rest } = up.headers;
      res.writeHead(200, { ...rest, 'content-length': Buffer.byteLength(body) }).end(body);
    });
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Temporal Web UI is not reachable');
  });
  req.pipe(upstream);
}
