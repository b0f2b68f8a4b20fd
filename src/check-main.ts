// The entry of the bundled check (see bundle/build.ts): `agentsmith check` without the rest of the CLI.
import type { Io } from './cli.js';
import { checkCommand } from './commands/check-cli.js';
import { runCommand } from './run-command.js';

/** `agentsmith check …` as main() runs it: `argv` starts with "check". */
export const checkMain = (argv: string[], io: Io): Promise<number> => runCommand('check', () => checkCommand(argv.slice(1), io), io);
