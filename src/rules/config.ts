import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ExitError } from '../errors.js';
import defaults from './defaults.json' with { type: 'json' };
import type { SeveritySetting } from './types.js';

/** The team's config file, as validated by config-schema.ts. */
export interface Config {
  sections?: string[];
  models?: string[];
  colors?: string[];
  tools?: string[];
  rules?: Record<string, SeveritySetting>;
  presets?: string;
  templates?: string;
}

export type Defaults = typeof defaults;

export interface ResolvedConfig extends Omit<Defaults, 'sections' | 'models' | 'colors' | 'tools'> {
  sections: string[];
  models: string[];
  colors: string[];
  tools: string[];
  rules: Record<string, SeveritySetting>;
  /**
   * Whether any full `claude-…` model id is accepted: only without a config list of models. A team that
   * lists its models means that list, so full ids must be listed too.
   */
  anyModelId: boolean;
  presets?: string;
  templates?: string;
  /** The file the config came from, when there was one. */
  source?: string;
}

export const CONFIG_FILES = ['agentsmith.config.yaml', 'agentsmith.config.yml', 'agentsmith.config.json'];

/** A config file that cannot be read or is not valid: a usage problem (exit 2). */
export class ConfigError extends ExitError {
  readonly code = 'CONFIG';
  constructor(message: string) {
    super(message, 2);
    this.name = 'ConfigError';
  }
}

export function resolveConfig(config: Config = {}, source?: string): ResolvedConfig {
  const relative = (path: string | undefined) => (path === undefined || source === undefined ? undefined : join(source, '..', path));
  const presets = relative(config.presets);
  const templates = relative(config.templates);
  return {
    ...defaults,
    sections: config.sections ?? defaults.sections,
    models: config.models ?? defaults.models,
    anyModelId: config.models === undefined,
    colors: config.colors ?? defaults.colors,
    tools: [...defaults.tools, ...(config.tools ?? [])],
    rules: config.rules ?? {},
    ...(presets === undefined ? {} : { presets }),
    ...(templates === undefined ? {} : { templates }),
    ...(source === undefined ? {} : { source }),
  };
}

/**
 * The nearest config file from `start` upward: a team keeps one at the project root and runs the
 * commands from any folder inside it. The search stops at the repository root (the first folder holding
 * `.git`, a folder or a worktree's file) so a config of an enclosing project never applies.
 */
export function findConfigFile(start: string): string | undefined {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    const file = CONFIG_FILES.map((name) => join(folder, name)).find((path) => existsSync(path));
    if (file) return file;
    if (existsSync(join(folder, '.git')) || dirname(folder) === folder) return undefined;
  }
}

/**
 * Finds (see findConfigFile) and validates the config for `folder`; defaults when there is none. Throws
 * ConfigError on a bad file. The schema (zod, yaml) is loaded only when a file exists, which keeps
 * start-up small.
 */
export async function loadConfig(folder: string): Promise<ResolvedConfig> {
  const file = findConfigFile(folder);
  if (!file) return resolveConfig();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { readConfigFile } = await import('./config-schema.js');
  return resolveConfig(readConfigFile(file, text), file);
}
