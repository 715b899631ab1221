import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The stylesheet, read once. */
export const stylesheet = (() => {
  let css: string | undefined;
  return () => (css ??= readFileSync(path.join(here, 'assets', 'app.css'), 'utf8'));
})();

let script: Promise<string> | undefined;

/**
 * The client script, bundled by esbuild from server/pages/client/ on first use (a fraction of a
 * second) and kept in memory: the app serves every asset itself, no CDN.
 */
export function clientScript(): Promise<string> {
  script ??= build({
    entryPoints: [path.join(here, 'client', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]!.text);
  // A failed build is retried on the next request rather than cached.
  script.catch(() => (script = undefined));
  return script;
}
