import nodePlop from 'node-plop';
import { ExitError } from '../errors.js';
import type { Rendered } from '../render/render.js';
import { GENERATOR, registerAgentGenerator, type GeneratorOptions } from './generator.js';

/** Asks the remaining questions with plop's inquirer prompts, then runs the write action. */
export async function runPrompts(options: GeneratorOptions): Promise<{ path: string; rendered: Rendered }> {
  const plop = await nodePlop('', { destBasePath: options.outDir, force: options.force });
  let written: { path: string; rendered: Rendered } | undefined;
  registerAgentGenerator(plop, { ...options, onWritten: (result) => {
    written = result;
  } });
  const generator = plop.getGenerator(GENERATOR);
  const answers = await generator.runPrompts();
  const { failures } = await generator.runActions(answers);
  const failure = failures[0];
  if (failure || !written) {
    const message = (failure as { error?: string; message?: string } | undefined)?.error ?? String(failure?.path ?? 'the write action failed');
    throw new ExitError(message, 1);
  }
  return written;
}
