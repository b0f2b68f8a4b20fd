import { clientMaxTurns, type Field } from '../parser/index.js';
import defaults from './defaults.json' with { type: 'json' };
import { closest, didYouMean, normalize } from './similar.js';
import { memoPer } from './memo.js';
import { checkTools, toolList } from './tools.js';
import type { Report, Rule, RuleContext } from './types.js';
import { kindOf, valueInWords } from './value-words.js';

const field = (context: RuleContext, key: string): Field | undefined =>
  context.doc.fields.find((candidate) => candidate.key === key);

const BYPASS = 'permissionMode bypassPermissions lets this agent run every tool without approval; use acceptEdits or default unless it runs in a sandbox.';

/** A full model id: `claude-sonnet-4-5`, as Vertex writes it (`claude-sonnet-4-5@20250929`), or Bedrock (`us.anthropic.claude-…-v1:0`). */
const MODEL_ID = /^(?:(?:[a-z]{2,4}\.)?anthropic\.)?claude-[a-z0-9.-]+(?:@\d{8}|:\d+)?$/;

/**
 * Reports a value of `key` that is not in `allowed`. A list or a map is no value of such a field even when
 * it holds one (String(['plan']) is 'plan'): the client logs `permissionMode: [plan]` as invalid and ignores it.
 * `empty` reports an empty value too, for the fields whose empty value the client logs as invalid ('null');
 * `lists` off leaves a list to the client, which reads `effort: [high]` without a word (measured).
 */
function checkEnum(context: RuleContext, report: Report, key: string, allowed: readonly string[], { extra = '', empty = false, lists = true } = {}): void {
  const found = field(context, key);
  if (!found || found.value === undefined) return;
  if (found.value === null) {
    if (empty) report(`${key} is empty; write one of ${allowed.join(', ')}, or remove the key.`, found);
    return;
  }
  if (typeof found.value === 'object' && (lists || !Array.isArray(found.value))) {
    const list = Array.isArray(found.value);
    const [only, ...more] = list ? (found.value as unknown[]) : [];
    const single = typeof only === 'string' && more.length === 0 ? only : undefined;
    const write = single !== undefined && allowed.includes(single) ? `write ${key}: ${single}` : `write one of ${allowed.join(', ')}`;
    report(`${key} is ${kindOf(found.value)}, not one value; ${write}.`, found);
    return;
  }
  const value = String(found.value);
  if (allowed.includes(value)) return;
  report(`${key} "${value}" is not one of ${allowed.join(', ')}${extra}${didYouMean(closest(value, allowed)) || '.'}`, found);
}

/**
 * Keys written for another field, whose name is not close to it (normalized: case, `-` and `_` dropped).
 * The client itself suggests "description" for when_to_use and whenToUse (measured).
 */
const MEANT: Record<string, string> = { whentouse: 'description', usewhen: 'description' };
/** Keys meant to hold the system prompt, which is the body. */
const PROMPT_KEYS = new Set(['prompt', 'systemprompt', 'instructions']);

/** "unknown frontmatter key", with a hint from the config's keys, and what to do. */
const unknownKey = memoPer((known: string[], key: string) => {
  const bare = normalize(key);
  if (PROMPT_KEYS.has(bare)) return `unknown frontmatter key "${key}": the client ignores it; the system prompt is the body below the closing ---, so move the text there.`;
  const meant = MEANT[bare];
  const hint = meant !== undefined && known.includes(meant) ? meant : closest(key, known, true);
  return `unknown frontmatter key "${key}": the client ignores it${didYouMean(hint) || '; remove it, unless another tool reads it.'}`;
});

export const fieldRules: Rule[] = [
  {
    id: 'field/model',
    defaultSeverity: 'warn',
    summary: `model is ${defaults.models.join(', ')} or a full \`claude-…\` id; with config \`models\`, one of that list.`,
    why: 'An unknown model makes the agent fail when it is called, not when it is loaded.',
    bad: 'model: gpt-4',
    fix: `Use ${defaults.models.join(', ')}, or a full id such as claude-sonnet-4-5 (with config \`models\`, list the full ids you allow).`,
    check(context, report) {
      const { models, anyModelId } = context.config;
      const found = field(context, 'model');
      if (anyModelId && found && typeof found.value === 'string' && MODEL_ID.test(found.value)) return;
      checkEnum(context, report, 'model', models, { extra: anyModelId ? ' or a full claude-… id' : ' (config `models`)' });
    },
  },
  {
    id: 'field/color',
    defaultSeverity: 'warn',
    summary: 'color is one of the allowed colors (config `colors`).',
    why: 'The client ignores colors it does not know, so the agent loses its badge colour.',
    bad: 'color: teal',
    fix: `Pick one of ${defaults.colors.join(', ')} (or set config \`colors\`).`,
    check(context, report) {
      checkEnum(context, report, 'color', context.config.colors);
    },
  },
  {
    id: 'field/tools',
    defaultSeverity: 'warn',
    summary: 'tools and disallowedTools name known tools, `mcp__server__tool`, or forms like `Agent(a, b)`.',
    why: 'A misspelt tool is silently unavailable to the agent, and a tools: that names none (empty, `[]`) leaves it no tool at all, where no tools: line allows every one.',
    bad: 'tools: Read, Grepp, Bash',
    fix: 'Correct the name; list MCP tools as mcp__server__tool; add team tools to config `tools`; remove an empty tools: line to allow every tool.',
    check(context, report) {
      checkTools(context, report, 'tools');
      checkTools(context, report, 'disallowedTools');
    },
  },
  {
    id: 'field/tools-overlap',
    defaultSeverity: 'warn',
    summary: 'No tool is both allowed (tools) and denied (disallowedTools).',
    why: 'disallowedTools wins, so the tools entry is dead and misleads readers.',
    bad: 'tools: Read, Bash\ndisallowedTools: Bash',
    fix: 'Remove the tool from one of the two lists.',
    check(context, report) {
      const deniedList = toolList(field(context, 'disallowedTools')?.value);
      const allowed = field(context, 'tools');
      if (deniedList.length === 0 || !allowed) return;
      const denied = new Set(deniedList);
      for (const tool of toolList(allowed.value)) {
        if (denied.has(tool)) {
          report(`"${tool}" is in both tools and disallowedTools; disallowedTools wins.`, allowed);
          continue;
        }
        // A form of a tool denied as a whole (`Bash(git:*)` with `Bash` denied) is dead too; the reverse
        // (`Bash` allowed, `Bash(rm:*)` denied) is the usual way to narrow a tool, and fine.
        const paren = tool.indexOf('(');
        const base = paren > 0 ? tool.slice(0, paren).trim() : undefined;
        if (base !== undefined && denied.has(base)) {
          report(`"${tool}" in tools is a form of ${base}, which disallowedTools denies as a whole; remove one of them.`, allowed);
        }
      }
    },
  },
  {
    id: 'field/permission-mode',
    defaultSeverity: 'warn',
    summary: 'permissionMode is a known mode; bypassPermissions is flagged.',
    why: 'An unknown mode is ignored; bypassPermissions lets the agent act without any approval.',
    bad: 'permissionMode: yolo',
    fix: 'Use default, acceptEdits, auto, dontAsk or plan; keep bypassPermissions for sandboxes.',
    check(context, report) {
      checkEnum(context, report, 'permissionMode', context.config.permissionModes);
      const found = field(context, 'permissionMode');
      if (found?.value === 'bypassPermissions') report(BYPASS, found);
    },
  },
  {
    id: 'field/effort',
    defaultSeverity: 'warn',
    summary: 'effort is low … max, or an integer.',
    why: 'The client ignores an effort it cannot read.',
    bad: 'effort: extreme',
    fix: 'Use low, medium, high, xhigh or max.',
    check(context, report) {
      if (Number.isInteger(field(context, 'effort')?.value)) return;
      checkEnum(context, report, 'effort', context.config.efforts, { empty: true, lists: false });
    },
  },
  {
    id: 'field/memory',
    defaultSeverity: 'warn',
    summary: 'memory is user, project or local.',
    why: 'The client ignores other values and the agent runs without memory.',
    bad: 'memory: global',
    fix: 'Use user, project or local.',
    check(context, report) {
      checkEnum(context, report, 'memory', context.config.memory, { empty: true });
    },
  },
  {
    id: 'field/isolation',
    defaultSeverity: 'warn',
    summary: 'isolation is worktree (or remote).',
    why: 'The client ignores other values and the agent edits the main checkout.',
    bad: 'isolation: container',
    fix: 'Use worktree.',
    check(context, report) {
      checkEnum(context, report, 'isolation', context.config.isolation, { empty: true });
    },
  },
  {
    id: 'field/max-turns',
    defaultSeverity: 'warn',
    summary: 'maxTurns is a whole number above 0, written as one.',
    why: 'The client ignores a value it cannot read as one, so the agent runs without the limit you meant; it reads `5abc` or `12 turns` by their leading number, which hides a typo.',
    bad: 'maxTurns: ten',
    fix: 'Write a whole number greater than 0, e.g. maxTurns: 20.',
    check(context, report) {
      const found = field(context, 'maxTurns');
      if (!found || found.value === undefined) return;
      const { value } = found;
      // Measured: the client logs an empty maxTurns as invalid ('null') too.
      if (value === null) {
        report('maxTurns is empty; Claude Code ignores it and sets no turn limit: write a whole number such as maxTurns: 20, or remove the key.', found);
        return;
      }
      const shown = typeof value === 'string' ? `"${value}"` : typeof value === 'number' ? String(value) : valueInWords(value);
      const read = clientMaxTurns(value);
      if (read === undefined) {
        report(`maxTurns ${shown} is not a whole number above 0; Claude Code ignores it and sets no turn limit: write one such as maxTurns: 20.`, found);
      } else if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() !== String(read))) {
        report(`maxTurns ${shown} is read as ${read} by Claude Code; write maxTurns: ${read}.`, found);
      }
    },
  },
  {
    id: 'field/background',
    defaultSeverity: 'warn',
    summary: 'background is true or false.',
    why: 'The client ignores any other value (yes, 1, off, an empty value) and runs the agent in the foreground.',
    bad: 'background: yes',
    fix: 'Write background: true or background: false, or remove the key.',
    check(context, report) {
      const found = field(context, 'background');
      // Measured: true, false and the strings "true" and "false" pass; the client logs anything else, null included.
      if (!found || found.value === undefined || typeof found.value === 'boolean' || found.value === 'true' || found.value === 'false') return;
      const written = found.value === null ? 'is empty' : typeof found.value === 'object' ? `is ${kindOf(found.value)}` : `"${String(found.value)}" is not true or false`;
      report(`background ${written}; write background: true or background: false, or remove the key.`, found);
    },
  },
  {
    id: 'field/unknown-key',
    defaultSeverity: 'warn',
    summary: 'Every frontmatter key is one the client knows.',
    why: 'The client loads the file but ignores unknown keys: `allowed_tools` grants nothing.',
    bad: 'allowed_tools: Read, Grep',
    fix: 'Use the key the message suggests (here `tools`), or remove it.',
    check(context, report) {
      const known = context.config.keys;
      for (const found of context.doc.fields) {
        if (known.includes(found.key)) continue;
        report(unknownKey(known, found.key), found);
      }
    },
  },
  {
    id: 'field/duplicate-key',
    defaultSeverity: 'warn',
    summary: 'No key is written twice.',
    why: 'The last one wins, which is rarely what the author of the first one meant.',
    bad: 'model: opus\nmodel: haiku',
    fix: 'Keep one of them.',
    check({ doc }, report) {
      for (const duplicate of doc.duplicateKeys) {
        const [first, ...rest] = duplicate.lines;
        report(`"${duplicate.key}" is written ${duplicate.lines.length} times (lines ${duplicate.lines.join(', ')}); the last one wins.`, {
          line: rest.at(-1) ?? first ?? 1,
        });
      }
    },
  },
];
