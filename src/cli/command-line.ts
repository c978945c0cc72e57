/**
 * Every command's arguments, read by node:util's parseArgs with --help (-h) added: --help prints `usage` to stdout;
 * an option that does not exist, or a value where none belongs, prints what is wrong and `usage` to stderr.
 *
 * ```ts
 * const args = readCommandLine(USAGE, { options: { quiet: { type: 'boolean' } } });
 * if (!args) return; // --help or a usage error: process.exitCode says which
 * ```
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type WithHelp<T extends ParseArgsConfig> = T & { options: T['options'] & typeof HELP };

/** The parsed command line, or undefined after --help (exit code 0) or a usage error (exit code 2). */
export function readCommandLine<T extends ParseArgsConfig>(
  usage: string,
  config: T,
): ReturnType<typeof parseArgs<WithHelp<T>>> | undefined {
  let parsed: ReturnType<typeof parseArgs<WithHelp<T>>>;
  try {
    parsed = parseArgs({ ...config, options: { ...config.options, ...HELP } } as WithHelp<T>);
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw err;
    console.error(`${(err as Error).message}\n\n${usage}`);
    process.exitCode = 2;
    return undefined;
  }
  if (!(parsed.values as { help?: boolean }).help) return parsed;
  console.log(usage);
  process.exitCode = 0;
  return undefined;
}

/** Prints `usage` to stderr and sets exit code 2: the arguments parsed but do not make sense together. */
export function usageError(usage: string): void {
  console.error(usage);
  process.exitCode = 2;
}
