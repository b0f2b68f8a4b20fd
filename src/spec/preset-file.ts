import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { issueLocation, issuePath } from './locate.js';
import { presetSchema, type Preset } from './preset.js';
import { PresetError } from './presets.js';

/** Reads and validates one preset file; errors name the file, the line and the field. */
export function loadPresetFile(file: string, text = readFileSync(file, 'utf8')): Preset {
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
      const at = issueLocation(doc, lineCounter, issuePath(issue));
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
