// Validators of the prompts: true, or the problem to show before the question is asked again.
// Kept free of zod and the parser: the prompts load this before the first question.
import { controlProblem, lineProblem, oneLineProblem, textProblem, toolsProblem } from '../spec/answer-text.js';
import { checkName } from '../spec/name.js';

/** A valid, free name: a taken one is refused here, so the question is asked again instead of failing after the last one. */
export async function validateName(value: string, outDir: string, force: boolean): Promise<string | true> {
  const problem = lineProblem(value, 'the name') ?? checkName(value);
  if (problem) return problem;
  // Loaded on first use: it reads agent files with the parser, which the first prompt does not need.
  const { targetProblem } = await import('../files/same-name.js');
  return targetProblem(value, { outDir, force }) ?? true;
}

/**
 * The name question's default: the specialty's name, or when that is taken (a second api agent), the first
 * free `<name>-2`, `<name>-3`…, so that Enter gives a name that can be written.
 */
export async function freeName(name: string, outDir: string, force: boolean): Promise<string> {
  const { targetProblem } = await import('../files/same-name.js');
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    if (targetProblem(candidate, { outDir, force }) === undefined) return candidate;
  }
  return name;
}

/** One line of text for the title or the focus (`example`: the specialty's own, shown in the message). */
export function validateText(value: string, what: string, example: string): string | true {
  return textProblem(value, what, example) ?? true;
}

export function validateAreas(value: string[]): string | true {
  return value.length > 0 || 'choose at least one area.';
}

/** Names typed after choosing "others" (Enter for none). */
export function validateMore(value: string): string | true {
  return oneLineProblem(value, 'the list') ?? true;
}

export function validateToolList(value: string): string | true {
  return value.trim() === '' ? 'list at least one tool.' : (toolsProblem(value, 'the list') ?? controlProblem(value, 'the list') ?? true);
}
