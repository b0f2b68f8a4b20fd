import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError, type Config } from './config.js';
import { ruleIds } from './index.js';
import { closest } from './similar.js';

const severity = z.enum(['off', 'warn', 'error']);

/** The team's `agentsmith.config.yaml` (or `.json`) at the project root. Every key is optional. */
export const configSchema = z.strictObject({
  /** Required H2 sections of the body, in order. */
  sections: z.array(z.string().min(1)).optional(),
  models: z.array(z.string().min(1)).optional(),
  colors: z.array(z.string().min(1)).optional(),
  /** Extra tool names to accept besides the built-in ones and `mcp__…`. */
  tools: z.array(z.string().min(1)).optional(),
  // A misspelt rule id would be ignored without a word, leaving the rule at its default.
  rules: z
    .record(z.string(), severity)
    .superRefine((rules, context) => {
      for (const id of Object.keys(rules).filter((key) => !ruleIds.includes(key))) {
        const hint = closest(id, ruleIds);
        const message = `unknown rule${hint ? `; did you mean "${hint}"?` : ''} (\`agentsmith rules\` lists them)`;
        context.addIssue({ code: 'custom', path: [id], message });
      }
    })
    .optional(),
  /** Folders of the team's own specialty presets and templates, relative to the config file. */
  presets: z.string().optional(),
  templates: z.string().optional(),
});

/** Reads and validates a config file; throws ConfigError naming the file and each bad key. */
export function readConfigFile(file: string, text: string): Config {
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(
      `${file}: the config is not valid:\n${issues.join('\n')}\n` +
        'Expected keys: sections, models, colors, tools, rules (rule id: off|warn|error), presets, templates.',
    );
  }
  return parsed.data;
}
