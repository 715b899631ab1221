import type { Server } from 'node:http';
import { createServer } from 'node:net';

/**
 * A port that was free a moment ago. Another process may take it before ours binds it (the
 * check and the use are apart), so every caller that hands the number to a child process must
 * retry on a collision; see `startDevServer`.
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The `host:port` a Go or Node listener reports it could not bind ("address already in use"), if any. */
export function collidedAddress(output: string): string | undefined {
  const m =
    /listen tcp ([^\s:]*:\d+): bind: address already in use/.exec(output) ?? /EADDRINUSE[^\n]*?((?:\d{1,3}\.){3}\d{1,3}:\d+|\[?::1?\]?:\d+)/.exec(output);
  if (m) return m[1];
  return /address already in use/i.test(output) ? 'an internal port' : undefined;
}

/** Listen on host:port (0: any free port); a port in use is named in the error, with the setting that moves it. */
export function listenOn(server: Server, host: string, port: number, setting: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' ? new Error(`${host}:${port} is already in use by another program. Stop it, or set ${setting} (0 picks a free port).`) : err,
      ),
    );
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
}
