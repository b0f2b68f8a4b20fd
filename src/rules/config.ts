import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import defaults from './defaults.json' with { type: 'json' };
import type { SeveritySetting } from './types.js';

const severity = z.enum(['off', 'warn', 'error']);

/** The team's `agentsmith.config.yaml` (or `.json`) at the project root. Every key is optional. */
export const configSchema = z.strictObject({
  /** Required H2 sections of the body, in order. */
  sections: z.array(z.string().min(1)).optional(),
  models: z.array(z.string().min(1)).optional(),
  colors: z.array(z.string().min(1)).optional(),
  /** Extra tool names to accept besides the built-in ones and `mcp__…`. */
  tools: z.array(z.string().min(1)).optional(),
  rules: z.record(z.string(), severity).optional(),
  /** Folders of the team's own specialty presets and templates, relative to the config file. */
  presets: z.string().optional(),
  templates: z.string().optional(),
});
export type Config = z.infer<typeof configSchema>;

export type Defaults = typeof defaults;

export interface ResolvedConfig extends Omit<Defaults, 'sections' | 'models' | 'colors' | 'tools'> {
  sections: string[];
  models: string[];
  colors: string[];
  tools: string[];
  rules: Record<string, SeveritySetting>;
  presets?: string;
  templates?: string;
  /** The file the config came from, when there was one. */
  source?: string;
}

export const CONFIG_FILES = ['agentsmith.config.yaml', 'agentsmith.config.yml', 'agentsmith.config.json'];

export class ConfigError extends Error {
  readonly code = 'CONFIG';
}

export function resolveConfig(config: Config = {}, source?: string): ResolvedConfig {
  return {
    ...defaults,
    sections: config.sections ?? defaults.sections,
    models: config.models ?? defaults.models,
    colors: config.colors ?? defaults.colors,
    tools: [...defaults.tools, ...(config.tools ?? [])],
    rules: config.rules ?? {},
    ...(config.presets === undefined || source === undefined ? {} : { presets: join(source, '..', config.presets) }),
    ...(config.templates === undefined || source === undefined ? {} : { templates: join(source, '..', config.templates) }),
    ...(source === undefined ? {} : { source }),
  };
}

/** Finds and validates the config in `root`; defaults when there is none. Throws ConfigError on a bad file. */
export function loadConfig(root: string): ResolvedConfig {
  const file = CONFIG_FILES.map((name) => join(root, name)).find((path) => existsSync(path));
  if (!file) return resolveConfig();
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
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
  return resolveConfig(parsed.data, file);
}
