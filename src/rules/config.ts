import { prose } from '../prose.js';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ExitError } from '../errors.js';
import { codeOf } from '../files/errors.js';
import { findUp } from '../files/find-up.js';
import { readRegularFile } from '../files/read-regular.js';
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
  // Relative to the config's folder; an absolute path stays as written.
  const relative = (path: string | undefined) => (path === undefined || source === undefined ? undefined : resolve(dirname(source), path));
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
 * The config file of the nearest folder holding one, from `start` upward (see findUp): a team keeps one
 * at the project root and runs the commands from any folder inside it. Two in one folder (a `.yaml` and
 * a `.json`) are refused rather than one silently ignored.
 */
function findConfigFile(start: string): string | undefined {
  const files = findUp(start, (folder) => {
    const here = CONFIG_FILES.map((name) => join(folder, name)).filter((path) => existsSync(path));
    return here.length > 0 ? here : undefined;
  });
  if (files && files.length > 1) {
    const names = files.map((file) => basename(file));
    throw new ConfigError(
      `${dirname(files[0] ?? '')}: ${prose(names)} are both config files, and only one can apply; ` +
        'merge them into one and remove the other.',
    );
  }
  return files?.[0];
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
    text = readRegularFile(file);
  } catch (error) {
    const code = codeOf(error);
    if (code === 'EISDIR' || code === 'ENOTREG') throw new ConfigError(`${file}: not a regular file; the config must be a YAML or JSON file (remove or replace it).`);
    throw new ConfigError(`${file}: cannot read the config: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { readConfigFile } = await import('./config-schema.js');
  return resolveConfig(readConfigFile(file, text), file);
}
