import { ExitError } from '../errors.js';
import { applyPlan, planFiles } from '../files/write.js';
import { renderAgent, type Rendered } from '../render/render.js';
import type { ResolvedConfig } from '../rules/index.js';
import type { Answers } from '../spec/answers.js';
import type { Preset } from '../spec/preset.js';

export interface WriteOptions {
  presets: Map<string, Preset>;
  config: ResolvedConfig;
  outDir: string;
  force: boolean;
}

/** Lists diagnostics the way the check command does, for messages on stderr. */
export function describeProblems(rendered: Rendered): string {
  return rendered.errors.map((d) => `  ${d.line}:${d.column}  ${d.rule}  ${d.message}`).join('\n');
}

/**
 * Renders, validates with the shared parser and the rules, and only then writes `<out>/<name>.md`,
 * atomically. Nothing is written when anything fails.
 */
export function writeAgent(answers: Answers, options: WriteOptions): { path: string; rendered: Rendered } {
  const rendered = renderAgent(answers, options);
  if (rendered.errors.length > 0) {
    throw new ExitError(`The agent was not written; the rendered file has problems:\n${describeProblems(rendered)}`, 1);
  }
  const [planned] = planFiles(options.outDir, [{ fileName: rendered.fileName, content: rendered.content }], options.force);
  if (!planned) throw new ExitError('nothing to write', 1);
  if (planned.action !== 'create' && !options.force) {
    throw new ExitError(`${planned.path} already exists; pass --force to overwrite it, or choose another --name.`, 1);
  }
  applyPlan([{ ...planned, action: planned.action === 'create' ? 'create' : 'overwrite' }]);
  return { path: planned.path, rendered };
}
