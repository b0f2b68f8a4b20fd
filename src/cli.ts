import { runCommand } from './run-command.js';
import { AGENTS_FOLDER } from './paths.js';

const HELP = `agentsmith: create, check and mass-produce Claude Code agent files

Usage:
  agentsmith new [flags]              ask about a backend specialty and write ${AGENTS_FOLDER}/<name>.md
  agentsmith check [paths…] [flags]   say what Claude Code does with each agent file (default: the nearest ${AGENTS_FOLDER})
  agentsmith bulk SPEC.yaml [flags]   generate every agent of a spec, all valid or none written
  agentsmith import FILE… [--out F]   turn existing agents (files or folders) into a bulk spec
  agentsmith rules                    print the rules table (Markdown)

Run "agentsmith <command> --help" for the flags of a command.
`;

const RULES_HELP = `Usage: agentsmith rules [--help]

Prints the rules table in Markdown: each rule's id, default severity, what it checks, why, an example and
the fix (docs/rules.md is this output). Set a rule to off, warn or error under rules: in
agentsmith.config.yaml.
`;

export interface Io {
  /** Text, or bytes already encoded as UTF-8 (a long report's chunks). */
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string) => void;
  /** Resolves when stdout has taken what was written (a long report into a slow pipe waits here, not in memory). */
  drain?: () => Promise<void>;
  /** Whether stdout holds none of what was written (then a written chunk's memory may be filled again). */
  written?: () => boolean;
}

/** Runs a command and returns its exit code. Commands are imported lazily so start-up stays small. */
export function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  return runCommand(command, () => dispatch(command, rest, io), io);
}

async function dispatch(command: string | undefined, rest: string[], io: Io): Promise<number> {
  switch (command) {
    case 'check':
      return (await import('./commands/check-cli.js')).checkCommand(rest, io);
    case 'new':
      return (await import('./commands/new-cli.js')).newCommand(rest, io);
    case 'bulk':
      return (await import('./commands/bulk-cli.js')).bulkCommand(rest, io);
    case 'import':
      return (await import('./commands/import-cli.js')).importCommand(rest, io);
    case 'rules': {
      const { parseFlags } = await import('./commands/flags.js');
      const { values } = parseFlags('rules', rest, { help: { type: 'boolean', short: 'h' } }, RULES_HELP, { allowPositionals: false });
      io.stdout(values.help ? RULES_HELP : (await import('./rules/table.js')).rulesTable());
      return 0;
    }
    case '--version':
    case '-v':
      io.stdout(`${(await import('./version.js')).VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`agentsmith: unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
}

export { userFolder } from './paths.js';
