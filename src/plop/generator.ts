import type { NodePlopAPI } from 'node-plop';
import type { WriteOptions } from '../commands/new.js';
import type { Answers } from '../spec/answers.js';
import { TOOL_PRESETS } from '../spec/constants.js';
import type { Preset } from '../spec/preset.js';
import type { Rendered } from '../render/render.js';
import { allowedDefault, specialtyMismatch } from '../spec/answer-text.js';
import { freeName, validateAreas, validateMore, validateName, validateText, validateToolList } from './validators.js';
import type { ResolvedConfig } from '../rules/config.js';

export const GENERATOR = 'agent';
export const WRITE_ACTION = 'agentsmith:write';
/** The "type the list" choice of the tools question, and the follow-up question that asks for the list. */
const CUSTOM_TOOLS = 'list';
const TOOLS_LIST = 'toolsList';
/**
 * The last choice of the frameworks and datastores questions: a stack the specialty does not list (Ktor,
 * CockroachDB) is typed at a follow-up question, `<question>More`, as a comma-separated list.
 */
const MORE = '\u0000more';
const LISTS = ['frameworks', 'datastores'] as const;
const more = (key: string): string => `${key}More`;

/** What writeAgent needs (the generator's write action hands these on to it), and what only the prompts use. */
export interface GeneratorOptions extends WriteOptions {
  /** Answers already given by flags: their prompts are not asked. */
  given: Partial<Answers>;
  /** Called with what the write action wrote, so the caller can print its warnings. */
  onWritten?: (result: { path: string; rendered: Rendered }) => void | Promise<void>;
}

type Raw = Record<string, unknown>;

/**
 * The specialties, aligned, each with its summary. One that cannot honour --areas or --example-count (given
 * before the specialty was chosen, so checked against all of them only) is disabled, with the reason.
 */
function specialtyChoices(presets: Map<string, Preset>, given: Partial<Answers>) {
  const width = Math.max(...[...presets.keys()].map((id) => id.length));
  return [...presets.values()].map((p) => ({
    name: `${p.id.padEnd(width)}  ${p.summary}`,
    value: p.id,
    short: p.id,
    disabled: specialtyMismatch(p, given) ?? false,
  }));
}

/**
 * "1" says what description/examples (2 to 6) makes of it: a warning, or a refused file where the team's
 * config makes the rule an error; nothing where it is off.
 */
function exampleCountLabel(count: number, config: ResolvedConfig): string {
  const setting = config.rules['description/examples'];
  if (count !== 1 || setting === 'off') return String(count);
  return setting === 'error'
    ? '1  (refused: the config makes description/examples, 2 or more, an error)'
    : '1  (check warns: description/examples asks for 2 or more)';
}

/** The tool presets with their tools, then "type the list" (fresh objects per call: the prompt library may annotate them). */
function toolChoices() {
  return [
    ...Object.entries(TOOL_PRESETS).map(([value, tools]) => ({ name: `${value.padEnd(9)}  ${tools}`, value, short: value })),
    { name: `${'list'.padEnd(9)}  type the tools yourself`, value: CUSTOM_TOOLS, short: 'list' },
  ];
}

/** A checkbox of the specialty's choices (its defaults checked), then "others": typed at the follow-up. */
function listPrompts(key: (typeof LISTS)[number], message: string, preset: (answers: Raw) => Preset) {
  const choices = (answers: Raw) => {
    const { choices: listed, default: checked } = preset(answers)[key];
    return [...listed.map((value) => ({ value, checked: checked.includes(value) })), { name: 'others (type them)', value: MORE }];
  };
  return [
    // Tall enough that the specialty's choices and "others" show without scrolling.
    { type: 'checkbox', name: key, message, choices, pageSize: 14 },
    {
      type: 'input',
      name: more(key),
      message: `Other ${message.toLowerCase()} (comma-separated, Enter for none)`,
      when: (answers: Raw) => Array.isArray(answers[key]) && answers[key].includes(MORE),
      validate: validateMore,
    },
  ];
}

/** Prompts for every answer not given, with defaults from the chosen specialty. One table drives them all. */
export function agentPrompts(options: GeneratorOptions) {
  const { presets, config, given, outDir, force } = options;
  const all = (answers: Raw): Raw => ({ ...given, ...answers });
  const preset = (answers: Raw): Preset => {
    const id = String(all(answers).specialty ?? '');
    const found = presets.get(id) ?? presets.values().next().value;
    if (!found) throw new Error('no specialty presets are installed');
    return found;
  };
  const prompts = [
    { type: 'list', name: 'specialty', message: 'Backend specialty', choices: specialtyChoices(presets, given), pageSize: 16 },
    {
      type: 'input',
      name: 'name',
      message: 'Agent name (kebab-case, also the file name)',
      default: (answers: Raw) => freeName(preset(answers).name, outDir, force),
      validate: (value: string) => validateName(value, outDir, force),
    },
    {
      type: 'input',
      name: 'title',
      message: 'Title',
      default: (answers: Raw) => preset(answers).title,
      validate: (value: string, answers: Raw = {}) => validateText(value, 'the title', preset(answers).title),
    },
    {
      type: 'input',
      name: 'focus',
      message: 'Focus (one sentence: "You focus on …")',
      default: (answers: Raw) => preset(answers).focus,
      validate: (value: string, answers: Raw = {}) => validateText(value, 'the focus', preset(answers).focus),
    },
    ...listPrompts('frameworks', 'Frameworks and languages', preset),
    ...listPrompts('datastores', 'Datastores and services', preset),
    {
      type: 'checkbox',
      name: 'areas',
      message: 'Responsibility areas',
      choices: (answers: Raw) => preset(answers).responsibilities.map((area) => ({ name: area.title, value: area.id, checked: area.default })),
      validate: validateAreas,
    },
    { type: 'list', name: 'model', message: 'Model', choices: config.models, default: (answers: Raw) => allowedDefault(preset(answers).model, config.models) },
    { type: 'list', name: 'color', message: 'Color', choices: config.colors, default: (answers: Raw) => allowedDefault(preset(answers).color, config.colors) },
    {
      type: 'list',
      name: 'tools',
      message: 'Tools (least privilege)',
      choices: toolChoices(),
      default: (answers: Raw) => preset(answers).tools,
    },
    {
      type: 'input',
      name: TOOLS_LIST,
      message: 'Tools, comma-separated (e.g. Read, Grep, Glob, mcp__github__create_issue)',
      when: (answers: Raw) => answers.tools === CUSTOM_TOOLS,
      validate: validateToolList,
    },
    {
      type: 'list',
      name: 'exampleCount',
      message: 'Worked examples in the description',
      choices: (answers: Raw) => preset(answers).examples.map((_, i) => ({ name: exampleCountLabel(i + 1, config), value: i + 1, short: String(i + 1) })),
      // An index into the choices (inquirer reads a number so): the last one, every worked example.
      default: (answers: Raw) => preset(answers).examples.length - 1,
    },
  ];
  // A typed-list follow-up belongs to its question: asked only when that one is.
  const owner = (name: string): string => (name === TOOLS_LIST ? 'tools' : (LISTS.find((key) => more(key) === name) ?? name));
  return prompts.filter((prompt) => !(owner(prompt.name) in given));
}

/** The answers of the questions, with each "type it" choice replaced by what was typed at its follow-up. */
function withTyped(answers: Raw): Partial<Answers> {
  const { [TOOLS_LIST]: typed, ...merged } = answers;
  if (merged.tools === CUSTOM_TOOLS) merged.tools = typeof typed === 'string' ? typed : '';
  for (const key of LISTS) {
    const [chosen, text] = [merged[key], merged[more(key)]];
    delete merged[more(key)];
    if (!Array.isArray(chosen)) continue;
    const typedItems = typeof text === 'string' ? text.split(',').map((item) => item.trim()).filter(Boolean) : [];
    merged[key] = [...chosen.filter((item) => item !== MORE), ...typedItems];
  }
  return merged as Partial<Answers>;
}

/**
 * Writes the agent of a prompt session: the answers of the questions asked, over those given by flags.
 * Errors keep their type and exit code (a write that fails is 2, a taken name 1).
 */
export async function writeAnswers(answers: Raw, options: GeneratorOptions): Promise<{ path: string; rendered: Rendered }> {
  // Imported here: rendering is not needed before the first prompt, and start-up time matters.
  const { writeAgent } = await import('../commands/new.js');
  const result = writeAgent({ ...options.given, ...withTyped(answers) } as Answers, options);
  await options.onWritten?.(result);
  return result;
}

/** Registers the generator and its write action on a plop instance (the plopfile and the CLI both call this). */
export function registerAgentGenerator(plop: NodePlopAPI, options: GeneratorOptions): void {
  plop.setActionType(WRITE_ACTION, async (answers, config) => {
    // node-plop sets config.force from its own force option (plop's --force): that overwrites too.
    const force = options.force || config?.force === true;
    return (await writeAnswers(answers as Raw, { ...options, force })).path;
  });
  plop.setGenerator(GENERATOR, {
    description: 'a Claude Code agent for a backend specialty',
    prompts: agentPrompts(options) as never,
    // A function, so each run gets fresh action objects (plop mutates static ones between runs).
    actions: () => [{ type: WRITE_ACTION }],
  });
}
