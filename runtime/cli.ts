/** The command line of the project's entry points (scripts/, bench/): node's own parser, strict. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * `parseArgs`, strict (its default, and the only way allowed here): an unknown flag, a flag without
 * its value or a stray argument stops the command with node's message and the usage line (exit
 * code 2) instead of being ignored.
 */
export function commandLine<T extends ParseArgsConfig & { strict?: true }>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(err as Error).message}\nusage: ${usage}`);
      process.exit(2);
    }
    throw err;
  }
}
