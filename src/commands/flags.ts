import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { closest } from '../rules/similar.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node:util parseArgs with positionals allowed, turning its errors into a usage error (exit 2) with the
 * help text; an unknown flag close to a known one gets a "did you mean" (`--frmat` → `--format`).
 */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T, help: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`agentsmith ${command}: ${unknownFlag(error, Object.keys(options)) ?? (error as Error).message}\n\n${help}`);
  }
}

/** "unknown flag --frmat; did you mean --format?" for parseArgs' unknown-option error, when a known flag is close. */
function unknownFlag(error: unknown, known: string[]): string | undefined {
  if ((error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const flag = /'(--?[^'=]+)/.exec((error as Error).message)?.[1];
  const meant = flag?.startsWith('--') ? closest(flag.slice(2), known) : undefined;
  return meant ? `unknown flag ${flag}; did you mean --${meant}?` : undefined;
}
