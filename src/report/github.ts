import type { CheckResult } from '../commands/check.js';
import { inChunks } from './chunks.js';

const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function* lines(result: CheckResult): Generator<string> {
  for (const file of result.files) {
    for (const d of file.diagnostics) {
      const command = d.severity === 'error' ? 'error' : 'warning';
      const props = `file=${escapeProperty(file.path)},line=${d.line},col=${d.column},title=${escapeProperty(`agentsmith ${d.rule}`)}`;
      yield `::${command} ${props}::${escapeData(d.message)}\n`;
    }
  }
  const { files, errors, warnings } = result.summary;
  yield `agentsmith: ${files} files, ${errors} errors, ${warnings} warnings\n`;
}

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export const githubChunks = (result: CheckResult): Generator<Uint8Array> => inChunks(lines(result));
