import type { Io } from './cli.js';
import { ExitError } from './errors.js';

/**
 * Runs one command and turns what it throws into an exit code: an ExitError's message goes to stderr
 * (named after the command) with its code; anything else is our bug, 70 with the stack. Shared by the
 * CLI and the bundled check (see bundle/load.ts), so both end the same way.
 */
export async function runCommand(command: string | undefined, run: () => Promise<number>, io: Io): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ExitError) {
      if (error.message) io.stderr(`${prefixed(error.message, command)}`.replace(/\n?$/, '\n'));
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`agentsmith: unexpected failure, please report it:\n${detail}\n`);
    return 70;
  }
}

/**
 * Every message a command ends with names the command, as most are written (`agentsmith bulk: …`): the
 * errors thrown by shared code (a spec, the config, a template, a write) say what and where, and get the
 * command's name here, once, rather than in each message.
 */
function prefixed(message: string, command: string | undefined): string {
  // Already named (`agentsmith bulk: …`, `agentsmith new --title …: …`); one that starts with a file named
  // agentsmith… (agentsmith.yaml, agentsmith-spec.yaml) is not.
  if (/^agentsmith(?::| [a-z-]+[: ])/.test(message)) return message;
  return `agentsmith${command === undefined ? '' : ` ${command}`}: ${message}`;
}
