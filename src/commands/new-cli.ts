import { resolve } from 'node:path';
import type { Io } from '../cli.js';
import { ExitError, UsageError } from '../errors.js';
import type { Rendered } from '../render/render.js';
import { loadConfig, resolveConfig, type ResolvedConfig } from '../rules/config.js';
import { PROMPTED } from '../spec/constants.js';
import { loadPresets } from '../spec/presets.js';
import type { Preset } from '../spec/preset.js';
import { parseFlags } from './flags.js';
import { checkOutFolder, flagOf, givenAnswers, LIST_ANSWERS } from './new-answers.js';
import { flagsTakenByNpm, npmTookWords } from './npm-flags.js';
import { AGENTS_FOLDER } from '../paths.js';
import { agentsFolderFor } from '../files/find-up.js';

const FLAGS = {
  specialty: { type: 'string' },
  name: { type: 'string' },
  title: { type: 'string' },
  focus: { type: 'string' },
  frameworks: { type: 'string' },
  datastores: { type: 'string' },
  areas: { type: 'string' },
  model: { type: 'string' },
  color: { type: 'string' },
  tools: { type: 'string' },
  'example-count': { type: 'string' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Each specialty with its summary, then the name --yes writes (not always the id: caching's agent is
 * performance-engineer) and the ids --areas takes (the ones marked * are its defaults).
 */
function specialtyList(presets: Map<string, Preset>): string {
  const width = Math.max(...[...presets.keys()].map((id) => id.length));
  return [...presets.values()]
    .map((p) => {
      const areas = p.responsibilities.map((area) => `${area.id}${area.default ? '*' : ''}`).join(', ');
      return `  ${p.id.padEnd(width)}  ${p.summary}\n  ${' '.repeat(width)}  name: ${p.name}; areas: ${areas}`;
    })
    .join('\n');
}

/** The help text, with the models and colors the team's config allows (what check accepts without a warning). */
function help(presets: Map<string, Preset>, config: ResolvedConfig): string {
  const most = Math.max(...[...presets.values()].map((p) => p.examples.length));
  const models = `${config.models.join(', ')}${config.anyModelId ? ', or a full model id' : " (the config's models)"}`;
  return `Usage: agentsmith new [flags]     (npm run new-agent -- [flags])

Asks about a backend specialty and writes a complete, validated agent to <name>.md in the
project's ${AGENTS_FOLDER} (see --out).
Every question can be answered by a flag; --yes takes the specialty's defaults for the rest.

  --specialty ID        one of the specialties below
  --name NAME           kebab-case; also the file name (default: the specialty's name, below)
  --title TEXT          e.g. "Database Engineer": the body says "You are a senior Database Engineer";
                        a title with its own rank ("Staff …", "Lead …") keeps it (one line, not empty)
  --focus TEXT          one sentence completing "You focus on …" (one line, not empty)
  --frameworks A,B      frameworks and languages (comma-separated; '' for none)
  --datastores A,B      datastores and services (comma-separated; '' for none)
  --areas A,B           responsibility area ids of the specialty (listed below; * = default)
  --model M             ${models};
                        '' leaves model out (the agent uses the session's model)
  --color C             ${config.colors.join(', ')}; '' leaves color out
  --tools T             read-only, edit, full, or a list such as "Read, Grep, Glob";
                        '' leaves tools out: the agent then inherits EVERY tool (not least privilege)
  --example-count N     worked examples in the description: 1 to the specialty's count (at most ${most});
                        1 falls short of description/examples (2 or more): a check warning by default
  --out DIR             output folder (default: the nearest .claude/agents, here or in a folder
                        above up to the repository root; else .claude/agents here)
  --force               overwrite an existing <name>.md (never a different file with the same name)
  --yes, -y             accept the defaults for every question not answered by a flag

Specialties:
${specialtyList(presets)}

Without a terminal, every answer must come from a flag or --yes (exit 2 names what is missing).
Exit status: 0 written (rule warnings are printed on stderr), 1 not written (the file would have
problems, or the name is taken), 2 bad flags or values, or the file could not be written (a
read-only file, a full disk: nothing was changed), 130 interrupted.
`;
}

async function loadSetup(): Promise<{ config: ResolvedConfig; presets: Map<string, Preset> }> {
  const config = await loadConfig(process.cwd());
  return { config, presets: await loadPresets(config.presets) };
}

/** "Wrote …" on stdout; the rule warnings and the tools note on stderr (the exit status stays 0). */
async function reportWritten(io: Io, path: string, rendered: Rendered): Promise<void> {
  const { afterWriting } = await import('./new.js');
  io.stdout(`Wrote ${path}\n`);
  for (const line of afterWriting(path, rendered)) io.stderr(`${line}\n`);
}

/**
 * The help, with the team's models, colors and specialties; --help always works, so a config (or a team
 * presets folder) that cannot be used gives our own lists and one line on stderr saying why.
 */
async function helpText(io: Io): Promise<string> {
  const note = (error: unknown, what: string): void => {
    if (!(error instanceof ExitError)) throw error;
    const problem = (error.message.split('\n')[0] ?? '').replace(/[:.]?\s*$/, '');
    io.stderr(`agentsmith new: note: ${problem}; the help below lists agentsmith's own ${what}, not the team's (new without --help shows the whole message).\n`);
  };
  let config: ResolvedConfig;
  try {
    config = await loadConfig(process.cwd());
  } catch (error) {
    note(error, 'models, colors and specialties');
    return help(await loadPresets(), resolveConfig());
  }
  try {
    return help(await loadPresets(config.presets), config);
  } catch (error) {
    note(error, 'specialties');
    return help(await loadPresets(), config);
  }
}

/** Our flags npm took (`npm run new-agent --specialty api --yes`, no `--`): named when the command fails. */
export const newFlagsTakenByNpm = (env: NodeJS.ProcessEnv = process.env): string[] => flagsTakenByNpm('new-agent', Object.keys(FLAGS), env);

/** The hint that ends a usage error when npm took some of our flags; '' otherwise. */
function npmHint(): string {
  const taken = newFlagsTakenByNpm();
  return taken.length === 0 ? '' : `\n${npmTookWords('new-agent', taken.map((flag) => `--${flag}`), '--specialty api --yes')}`;
}

export async function newCommand(argv: string[], io: Io): Promise<number> {
  try {
    return await newCommandOf(argv, io);
  } catch (error) {
    const hint = error instanceof UsageError ? npmHint() : '';
    if (!hint) throw error;
    throw new UsageError(`${(error as UsageError).message.replace(/\s+$/, '')}\n${hint}`);
  }
}

async function newCommandOf(argv: string[], io: Io): Promise<number> {
  const { values } = parseFlags('new', argv, FLAGS, 'Run "agentsmith new --help" for the flags.', { allowPositionals: false, lists: [...LIST_ANSWERS] });
  if (values.help) {
    io.stdout(await helpText(io));
    return 0;
  }
  const { config, presets } = await loadSetup();
  const given = givenAnswers(values, presets);
  // Without --out: the project's agents folder (the nearest one up to the repository root), else a new one here.
  const outDir = values.out === undefined ? agentsFolderFor(process.cwd()) : resolve(values.out);
  checkOutFolder(values.out ?? outDir, values.out !== undefined);
  const force = values.force ?? false;
  const options = { presets, config, outDir, force };
  const missing = PROMPTED.filter((key) => !(key in given));

  if (values.yes || missing.length === 0) {
    const specialty = given.specialty ?? (values.yes ? undefined : '');
    if (!specialty) throw new UsageError('--yes needs --specialty to know whose defaults to take (see --help for the list).');
    const { writeAgent } = await import('./new.js');
    const { path, rendered } = writeAgent({ ...given, specialty }, options);
    await reportWritten(io, path, rendered);
    return 0;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    const flags = missing.map((key) => `--${flagOf(key)}`);
    // Answers piped in (`printf 'api\n' | npm run new-agent`) are not read: the questions need a terminal.
    const why = process.stdin.isTTY ? 'stdout is not a terminal' : 'stdin is not a terminal; answers piped to it are not read';
    throw new UsageError(
      `agentsmith new: no terminal to ask on (${why}), and these answers are missing: ${flags.join(', ')}.\n` +
        'Give them as flags, or add --yes to take the specialty\'s defaults (e.g. --specialty api --yes).',
    );
  }
  if (given.name !== undefined) {
    // A taken --name fails now, not after every other question has been answered.
    const { targetProblem } = await import('../files/same-name.js');
    const problem = targetProblem(given.name, options);
    if (problem) throw new ExitError(problem, 1);
  }
  const { runPrompts } = await import('../plop/run.js');
  const { path, rendered } = await runPrompts({ ...options, given });
  await reportWritten(io, path, rendered);
  return 0;
}
