import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs with positionals allowed, turning its errors into a usage error (exit 2) with the help text. */
export function parseFlags<T extends Options>(command: string, argv: string[], options: T, help: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`agentsmith ${command}: ${(error as Error).message}\n\n${help}`);
  }
}
