import type { CheckResult } from '../commands/check.js';

const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one annotation per diagnostic. */
export function formatGithub(result: CheckResult): string {
  const out: string[] = [];
  for (const file of result.files) {
    for (const d of file.diagnostics) {
      const command = d.severity === 'error' ? 'error' : 'warning';
      const props = `file=${escapeProperty(file.path)},line=${d.line},col=${d.column},title=${escapeProperty(`agentsmith ${d.rule}`)}`;
      out.push(`::${command} ${props}::${escapeData(d.message)}`);
    }
  }
  const { files, errors, warnings } = result.summary;
  out.push(`agentsmith: ${files} files, ${errors} errors, ${warnings} warnings`);
  return `${out.join('\n')}\n`;
}
