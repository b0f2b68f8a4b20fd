import nodePlop from 'node-plop';
import type { Rendered } from '../render/render.js';
import { GENERATOR, registerAgentGenerator, writeAnswers, type GeneratorOptions } from './generator.js';

/**
 * Asks the remaining questions with plop's inquirer prompts, then writes the agent. The write runs here,
 * not through plop's action runner: that one turns every error into a line of text, so a failed write
 * (exit 2) or a bug (exit 70, with its stack) would end as a plain exit 1.
 */
export async function runPrompts(options: GeneratorOptions): Promise<{ path: string; rendered: Rendered }> {
  const plop = await nodePlop('', { destBasePath: options.outDir, force: options.force });
  registerAgentGenerator(plop, options);
  const answers = await plop.getGenerator(GENERATOR).runPrompts();
  return writeAnswers(answers, options);
}
