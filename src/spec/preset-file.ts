import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readYamlWith } from './locate.js';
import { presetSchema, type Preset } from './preset.js';
import { PresetError } from './presets.js';

/** Reads and validates one preset file; errors name the file, the line and the field. */
export function loadPresetFile(file: string, text = readFileSync(file, 'utf8')): Preset {
  const preset = readYamlWith(file, text, presetSchema, (message) => new PresetError(message), 'Every field is described in the README ("14 specialties") and shown by the presets in templates/specialties/.');
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (preset.id !== expected) throw new PresetError(`${file}: id "${preset.id}" must equal the file name "${expected}".`);
  return preset;
}
