import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Io } from '../cli.js';
import { UsageError } from '../errors.js';
import { loadConfig, type ResolvedConfig } from '../rules/config.js';
import defaults from '../rules/defaults.json' with { type: 'json' };
import type { Answers } from '../spec/answers.js';
import { PROMPTED } from '../spec/constants.js';
import { loadPresets } from '../spec/presets.js';
import type { Preset } from '../spec/preset.js';

const LIST_ANSWERS = new Set(['frameworks', 'datastores', 'areas']);

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

function help(presets: Map<string, Preset>): string {
  const width = Math.max(...[...presets.keys()].map((id) => id.length));
  const specialties = [...presets.values()].map((p) => `  ${p.id.padEnd(width)}  ${p.summary}`).join('\n');
  return `Usage: agentsmith new [flags]     (npm run new-agent -- [flags])

Asks about a backend specialty and writes a complete, validated agent to .claude/agents/<name>.md.
Every question can be answered by a flag; --yes takes the specialty's defaults for the rest.

  --specialty ID        one of the specialties below
  --name NAME           kebab-case; also the file name (default: the specialty's)
  --title TEXT          e.g. "Database Engineer"
  --focus TEXT          one sentence completing "You focus on …"
  --frameworks A,B      frameworks and languages (comma-separated)
  --datastores A,B      datastores and services (comma-separated)
  --areas A,B           responsibility area ids of the specialty
  --model M             sonnet, opus, haiku, inherit, or a full model id
  --color C             ${defaults.colors.join(', ')}
  --tools T             read-only, edit, full, or a list such as "Read, Grep, Glob"
  --example-count N     worked examples in the description
  --out DIR             output folder (default .claude/agents)
  --force               overwrite an existing file
  --yes, -y             accept the defaults for every question not answered by a flag

Specialties:
${specialties}

Without a terminal, every answer must come from a flag or --yes (exit 2 names what is missing).
`;
}

async function loadSetup(): Promise<{ config: ResolvedConfig; presets: Map<string, Preset> }> {
  const config = await loadConfig(process.cwd());
  return { config, presets: await loadPresets(config.presets) };
}

/** Turns flags into answers; list answers are comma-separated. */
function givenAnswers(values: Record<string, unknown>, presets: Map<string, Preset>): Partial<Answers> {
  const given: Record<string, unknown> = {};
  for (const key of PROMPTED) {
    const flag = key === 'exampleCount' ? 'example-count' : key;
    const value = values[flag];
    if (typeof value !== 'string') continue;
    if (key === 'exampleCount') {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 1) throw new UsageError(`--example-count must be a whole number of at least 1; got "${value}".`);
      given[key] = count;
    } else if (LIST_ANSWERS.has(key)) {
      given[key] = value.split(',').map((item) => item.trim()).filter(Boolean);
    } else given[key] = value;
  }
  if (given.specialty !== undefined && !presets.has(String(given.specialty))) {
    throw new UsageError(`--specialty "${String(given.specialty)}" is not a specialty; choose one of: ${[...presets.keys()].join(', ')}.`);
  }
  return given as Partial<Answers>;
}

export async function newCommand(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: false, strict: true });
  } catch (error) {
    throw new UsageError(`agentsmith new: ${(error as Error).message}. Run "agentsmith new --help" for the flags.`);
  }
  const { values } = parsed;
  const { config, presets } = await loadSetup();
  if (values.help) {
    io.stdout(help(presets));
    return 0;
  }
  const given = givenAnswers(values, presets);
  const outDir = resolve(values.out ?? '.claude/agents');
  const force = values.force ?? false;
  const options = { presets, config, outDir, force };
  const missing = PROMPTED.filter((key) => !(key in given));

  if (values.yes || missing.length === 0) {
    const specialty = given.specialty ?? (values.yes ? undefined : '');
    if (!specialty) throw new UsageError('--yes needs --specialty to know whose defaults to take (see --help for the list).');
    const { writeAgent } = await import('./new.js');
    const { path } = writeAgent({ ...given, specialty }, options);
    io.stdout(`Wrote ${path}\n`);
    return 0;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    const flags = missing.map((key) => `--${key === 'exampleCount' ? 'example-count' : key}`);
    throw new UsageError(
      `agentsmith new: no terminal to ask on, and these answers are missing: ${flags.join(', ')}.\n` +
        'Give them as flags, or add --yes to take the specialty\'s defaults (e.g. --specialty api --yes).',
    );
  }
  const { runPrompts } = await import('../plop/run.js');
  const path = await runPrompts({ ...options, given });
  io.stdout(`Wrote ${path}\n`);
  return 0;
}
