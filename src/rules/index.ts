import type { AgentDocument } from '../parser/index.js';
import type { ResolvedConfig } from './config.js';
import { contentRules } from './content-rules.js';
import { fieldRules } from './field-rules.js';
import { fileRules } from './file-rules.js';
import { loadRules } from './load-rules.js';
import type { Diagnostic, Report, Rule, RuleContext, Severity } from './types.js';

export { loadConfig, resolveConfig, ConfigError, CONFIG_FILES } from './config.js';
export type { Config, ResolvedConfig } from './config.js';
export type { Diagnostic, Rule, Severity, SeveritySetting } from './types.js';
export { headingKey } from './content-rules.js';
export { toolList } from './tools.js';
export { suggestName } from './load-rules.js';

/** Rules that look at more than one file; they run in the check command, not per document. */
export const projectRules: Pick<Rule, 'id' | 'defaultSeverity' | 'summary' | 'why' | 'bad' | 'fix'>[] = [
  {
    id: 'name/duplicate',
    defaultSeverity: 'error',
    summary: 'No two files of one agents folder register the same name.',
    why: 'The client keeps one of them by read order and drops the other without telling the user. One folder is a `.claude/agents` tree with its sub-folders (a project\'s or a user\'s); in a plugin\'s `agents` folder, each folder on its own (the client names those agents plugin:sub-folder:name); all files outside such folders are one.',
    bad: '.claude/agents/a/api.md and .claude/agents/b/api.md both with name: api-developer',
    fix: 'Rename one agent (and its file).',
  },
  {
    id: 'drift/spec',
    defaultSeverity: 'error',
    summary: 'With `check --spec`, every file the bulk spec renders exists and matches it.',
    why: 'Edits to templates, presets or the spec must reach the files, and hand edits to generated files get lost on the next run.',
    bad: 'a generated agent edited by hand, or a template changed without regenerating',
    fix: 'Run `agentsmith bulk SPEC --force` (or move the hand edit into the spec).',
  },
  {
    id: 'file/encoding',
    defaultSeverity: 'warn',
    summary: 'The file is UTF-8 text.',
    why: 'The client decodes every file as UTF-8 and turns invalid bytes into U+FFFD, so it reads something other than what was written; binary files land here too.',
    bad: 'a file saved as Latin-1 (café as 0xE9), a PNG renamed to .md',
    fix: 'Save the file as UTF-8, or remove what is not an agent from the agents folder.',
  },
  {
    id: 'file/unreadable',
    defaultSeverity: 'error',
    summary: 'The file can be read as text, and is under the client’s 1 MiB limit.',
    why: 'The client ignores files it cannot read and files over 1 MiB without a message.',
    bad: 'a 2 MB agent file, a binary file named .md, a broken symlink',
    fix: 'Shrink the file below 1 MiB, or remove what is not an agent from the agents folder.',
  },
];

export const rules: Rule[] = [...loadRules, ...fieldRules, ...contentRules, ...fileRules];
export const ruleIds: string[] = [...rules, ...projectRules].map((rule) => rule.id);

const defaultSeverities = new Map<string, string>([...rules, ...projectRules].map((rule) => [rule.id, rule.defaultSeverity]));

/** The effective severity of a rule under the config, or undefined when it is off. */
export function severityOf(id: string, config: ResolvedConfig): Severity | undefined {
  const setting = config.rules[id] ?? defaultSeverities.get(id) ?? 'error';
  if (setting === 'off') return undefined;
  return setting === 'warn' ? 'warning' : 'error';
}

export interface ValidateOptions {
  config: ResolvedConfig;
  fileStem?: string;
  inAgentsFolder?: boolean;
}

/** A rule that is on under a config, with its severity. */
interface Enabled {
  rule: Rule;
  severity: Severity;
  /** A load rule: the only kind a file that is not an agent gets. */
  load: boolean;
}

/** The rules each config turns on (worked out once per config: validate runs on every file). */
const enabledRules = new WeakMap<ResolvedConfig, Enabled[]>();

function enabled(config: ResolvedConfig): Enabled[] {
  let list = enabledRules.get(config);
  if (!list) {
    list = [];
    for (const rule of rules) {
      const severity = severityOf(rule.id, config);
      if (severity) list.push({ rule, severity, load: rule.id.startsWith('load/') });
    }
    enabledRules.set(config, list);
  }
  return list;
}

/** Runs every per-document rule and returns the diagnostics, sorted by position. */
export function validate(doc: AgentDocument, options: ValidateOptions): Diagnostic[] {
  const context: RuleContext = { doc, config: options.config, inAgentsFolder: options.inAgentsFolder ?? true, fileStem: options.fileStem };
  const diagnostics: Diagnostic[] = [];
  // One report function for all rules (this runs on every file); `current` says whose report it is.
  let current: Enabled | undefined;
  const report: Report = (message, at) => {
    diagnostics.push({ rule: current?.rule.id ?? '', severity: current?.severity ?? 'error', message, line: at?.line ?? 1, column: at?.column ?? 1 });
  };
  const { kind } = doc.verdict;
  for (const entry of enabled(options.config)) {
    if (entry.rule.needsLoaded && kind !== 'loaded') continue;
    // A file the client does not take for an agent (a README, notes) only gets the load rules.
    if (kind === 'not-an-agent' && !entry.load) continue;
    current = entry;
    entry.rule.check(context, report);
  }
  // Rules report roughly in file order: most lists are sorted already, and sort copies the list first.
  for (let k = 1; k < diagnostics.length; k++) {
    const before = diagnostics[k - 1] as Diagnostic;
    const after = diagnostics[k] as Diagnostic;
    if (before.line > after.line || (before.line === after.line && before.column > after.column)) return diagnostics.sort(byPosition);
  }
  return diagnostics;
}

const byPosition = (a: Diagnostic, b: Diagnostic): number => a.line - b.line || a.column - b.column;
