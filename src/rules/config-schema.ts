import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError, type Config } from './config.js';
import type { SeveritySetting } from './types.js';
import { lineFinder, linesOfText, type LineOf } from './config-lines.js';
import { ruleIds } from './index.js';
import { closest, didYouMean } from './similar.js';

const SEVERITIES = ['off', 'warn', 'error'];
/** What people write for a severity when they mean one of ours (ESLint's words and numbers, YAML's false). */
const SEVERITY_HINTS: Record<string, string> = { warning: 'warn', warnings: 'warn', err: 'error', errors: 'error', none: 'off', false: 'off', disabled: 'off', '0': 'off', '1': 'warn', '2': 'error' };

/**
 * Each rule setting is checked here, ids and severities together, rather than by a zod enum: zod skips a
 * record's refinement once one of its values fails, which hid every misspelt rule id behind a bad severity.
 */
function checkRules(rules: Record<string, unknown>, context: z.RefinementCtx): void {
  for (const [id, value] of Object.entries(rules)) {
    if (!ruleIds.includes(id)) {
      const message = `unknown rule${didYouMean(closest(id, ruleIds))} (\`agentsmith rules\` lists them)`;
      context.addIssue({ code: 'custom', path: [id], message, params: { at: 'key' } });
    }
    if (typeof value === 'string' && SEVERITIES.includes(value)) continue;
    const hint = SEVERITY_HINTS[String(value).toLowerCase()] ?? closest(String(value), SEVERITIES);
    const message = `must be off, warn or error, not ${JSON.stringify(value) ?? String(value)}${didYouMean(hint)}`;
    context.addIssue({ code: 'custom', path: [id], message });
  }
}

/** A list of names: zod's own words ("expected array, received string") say what, not what to write. */
const names = (example: string) =>
  z.array(z.string({ error: 'each entry must be text' }).min(1, 'an entry is empty'), { error: `must be a list, such as ${example}` });

/** The team's `agentsmith.config.yaml` (`.yml`, `.json`): the nearest one upward (see config.ts). Every key is optional. */
export const configSchema = z.strictObject({
  /** Required H2 sections of the body, in order. */
  sections: names('[Core Responsibilities, Output Format]').optional(),
  // An empty list allows nothing: every model (color) would be "not one of ." and `new` would write one anyway.
  models: names('[sonnet, opus]').min(1, 'list at least one model, or leave models out for the defaults').optional(),
  colors: names('[blue, green]').min(1, 'list at least one color, or leave colors out for the defaults').optional(),
  /** Extra tool names to accept besides the built-in ones and `mcp__…`. */
  tools: names('[TeamDeploy]').optional(),
  // A misspelt rule id would be ignored without a word, leaving the rule at its default.
  // Values pass through as typed here; checkRules checks them (with the ids).
  rules: z
    .record(z.string(), z.custom<SeveritySetting>(), { error: 'must be a map of rule ids to off, warn or error, such as {field/model: off}' })
    .superRefine(checkRules)
    .optional(),
  /** Folders of the team's own specialty presets and templates, relative to the config file. */
  presets: z.string({ error: 'must be a folder path, relative to the config file' }).optional(),
  templates: z.string({ error: 'must be a folder path, relative to the config file' }).optional(),
});

const CONFIG_KEYS = Object.keys(configSchema.shape);

/** One problem of a config: where (a key path), what, and whether the key itself (not its value) is wrong. */
interface Problem {
  path: (string | number)[];
  message: string;
  atKey: boolean;
}

/** zod's issues as problems, one per unknown top-level key (with a suggestion) and one per other issue. */
function problemsOf(issues: z.core.$ZodIssue[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        return { path: [...path, key], message: `unknown key${didYouMean(closest(key, CONFIG_KEYS))}`, atKey: true };
      });
    }
    const atKey = issue.code === 'custom' && (issue.params as { at?: string } | undefined)?.at === 'key';
    return [{ path, message: issue.message, atKey }];
  });
}

/**
 * A config's value, and how to find the line of a key path in it. YAML is parsed once, for both; JSON by
 * JSON.parse (which is strict), and read again as YAML for the lines only when a problem must be shown.
 */
function parseConfig(file: string, text: string): { raw: unknown; lineOf: () => LineOf } {
  const unreadable = (reason: string) => new ConfigError(`${file}: cannot read the config: ${reason}`);
  if (file.endsWith('.json')) {
    try {
      return { raw: JSON.parse(text), lineOf: () => linesOfText(text) };
    } catch (error) {
      throw unreadable(error instanceof Error ? error.message : String(error));
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const [error] = doc.errors;
  if (error) throw unreadable(error.message);
  return { raw: doc.toJS(), lineOf: () => lineFinder(doc, lineCounter) };
}

/** Reads and validates a config file; throws ConfigError naming the file and every problem in it, with its line. */
export function readConfigFile(file: string, text: string): Config {
  const { raw, lineOf: findLines } = parseConfig(file, text);
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const lineOf = findLines();
  const problems = problemsOf(parsed.error.issues).map((problem) => ({ ...problem, line: lineOf(problem.path, problem.atKey) }));
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const lines = problems.map(({ path, message, line }) => `  ${line === undefined ? '' : `line ${line}: `}${path.join('.') || '(root)'}: ${message}`);
  throw new ConfigError(
    `${file}: the config is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}\n` +
      'Expected keys: sections, models, colors, tools, rules (rule id: off|warn|error), presets, templates.',
  );
}
