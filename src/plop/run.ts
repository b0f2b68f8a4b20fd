import nodePlop from 'node-plop';
import { ExitError } from '../errors.js';
import { GENERATOR, registerAgentGenerator, type GeneratorOptions } from './generator.js';

/** Asks the remaining questions with plop's inquirer prompts, then runs the write action. */
export async function runPrompts(options: GeneratorOptions): Promise<string> {
  const plop = await nodePlop('', { destBasePath: options.outDir, force: options.force });
  registerAgentGenerator(plop, options);
  const generator = plop.getGenerator(GENERATOR);
  const answers = await generator.runPrompts();
  const { changes, failures } = await generator.runActions(answers);
  const failure = failures[0];
  if (failure) {
    const message = (failure as { error?: string; message?: string }).error ?? String(failure.path ?? 'the write action failed');
    throw new ExitError(message, 1);
  }
  return String(changes[0]?.path ?? '');
}
