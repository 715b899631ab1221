/** The command line of the project's entry points (scripts/, bench/): node's own parser, strict. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * `parseArgs` with `strict` on: an unknown flag, a flag missing its value or a stray argument stops
 * the command with node's message and the usage line (exit code 2) instead of being ignored.
 */
export function commandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs({ strict: true, ...config });
  } catch (err) {
    if (typeof (err as { code?: unknown }).code === 'string' && (err as { code: string }).code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\nusage: ${usage}`);
      process.exit(2);
    }
    throw err;
  }
}
