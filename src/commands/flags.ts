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
    throw new UsageError(`agentsmith ${command}: ${flagProblem(error, argv, Object.keys(options))}\n\n${help}`);
  }
}

/**
 * parseArgs' errors in our words, each saying how to fix it ("--title needs a value; to pass a value
 * starting with -, write --title=---"); anything else keeps its own message.
 */
export function flagProblem(error: unknown, argv: string[], known: string[]): string {
  const { code, message } = error as { code?: string; message: string };
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return unknownFlag(error, known) ?? `unknown flag ${flag}.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /'([^']*)'/.exec(message)?.[1] ?? '';
    return `"${word}" is not a flag; give every answer as --flag VALUE (quote a value with spaces or commas).`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `${flag} is a switch and takes no value; write ${flag} alone.`;
    const next = argv[argv.indexOf(flag) + 1];
    if (/ambiguous/.test(message) && next !== undefined) return `${flag} needs a value; to pass a value starting with -, write ${flag}=${next}.`;
    return `${flag} needs a value (${flag} VALUE).`;
  }
  return message;
}

/** "unknown flag --frmat; did you mean --format?" for parseArgs' unknown-option error, when a known flag is close. */
function unknownFlag(error: unknown, known: string[]): string | undefined {
  if ((error as { code?: string }).code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return undefined;
  const flag = /'(--?[^'=]+)/.exec((error as Error).message)?.[1];
  const meant = flag?.startsWith('--') ? closest(flag.slice(2), known) : undefined;
  return meant ? `unknown flag ${flag}; did you mean --${meant}?` : undefined;
}
