import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { ExitError } from '../errors.js';
import { specialtiesDir } from '../paths.js';
import { presetSchema, type Preset } from './preset.js';
import { issueLocation } from './locate.js';

export class PresetError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'PresetError';
  }
}

/** Reads and validates one preset file; errors name the file, the line and the field. */
export function loadPresetFile(file: string): Preset {
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const at = lineCounter.linePos(yamlError.pos[0]);
    throw new PresetError(`${file}:${at.line}:${at.col}: not valid YAML: ${yamlError.message.split('\n')[0]}`);
  }
  const parsed = presetSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((issue) => {
      const at = issueLocation(doc, lineCounter, issue.path);
      return `  ${file}:${at.line}:${at.col}: ${issue.path.join('.') || '(root)'}: ${issue.message}`;
    });
    throw new PresetError(`specialty preset is not valid:\n${lines.join('\n')}\nSee src/spec/preset.ts for every field.`);
  }
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.id !== expected) {
    throw new PresetError(`${file}: id "${parsed.data.id}" must equal the file name "${expected}".`);
  }
  return parsed.data;
}

/**
 * The specialties: ours, then the team's folder (config `presets`), where a file with the same id
 * replaces ours. Sorted by id.
 */
export function loadPresets(extraDir?: string): Map<string, Preset> {
  const presets = new Map<string, Preset>();
  for (const dir of [specialtiesDir, extraDir]) {
    if (!dir) continue;
    if (!existsSync(dir)) throw new PresetError(`presets folder ${dir} does not exist (set by "presets" in the config).`);
    for (const file of readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort()) {
      const preset = loadPresetFile(join(dir, file));
      presets.set(preset.id, preset);
    }
  }
  return new Map([...presets].sort(([a], [b]) => a.localeCompare(b)));
}
