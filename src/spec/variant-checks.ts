// Checks of a bulk variant's answers that `new` makes on its flags and questions (new-answers.ts) and the
// renderer does not: a spec must not get through what a flag is refused for.
import type { Answers } from './answers.js';
import { controlProblem, oneLineProblem, textProblem, toolsProblem } from './answer-text.js';
import type { Preset } from './preset.js';

/** Answers written on one line of the body or the frontmatter: a line break could start a heading. */
const ONE_LINE = ['model', 'color'] as const;
const ONE_LINE_LISTS = ['frameworks', 'datastores', 'areas'] as const;

/**
 * What is wrong with a variant's answers (after its templates are filled, so a matrix value is checked
 * where it lands), each naming the answer and how to fix it; empty when nothing is. An unknown specialty
 * is left to the renderer, which reports it.
 */
export function variantProblems(answers: Answers, presets: Map<string, Preset>): string[] {
  const preset = presets.get(answers.specialty);
  const problems: string[] = [];
  const add = (problem: string | undefined) => {
    if (problem) problems.push(`${problem}.`);
  };
  if (answers.title !== undefined) add(textProblem(answers.title, 'title', preset?.title ?? 'API Developer'));
  if (answers.focus !== undefined) add(textProblem(answers.focus, 'focus', preset?.focus ?? 'keeping schema changes safe to deploy'));
  // As `new` refuses them on its flags: a line break, or a control character (a pasted ESC [31m, U+202E).
  for (const key of ONE_LINE) if (answers[key] !== undefined) add(oneLineProblem(answers[key], key));
  for (const key of ONE_LINE_LISTS) add(answers[key]?.map((item) => oneLineProblem(item, `an item of ${key}`)).find(Boolean));
  // A tools line of only commas and blanks names no tool (as `new --tools` refuses); list items are one line each.
  if (typeof answers.tools === 'string') add(toolsProblem(answers.tools, 'tools') ?? controlProblem(answers.tools, 'tools'));
  else add(answers.tools?.map((tool) => oneLineProblem(tool, 'tools')).find(Boolean));
  // A custom section's title is its heading line: a break in it would start another section.
  add(answers.customSections?.map((section) => oneLineProblem(section.title, `the customSections title ${JSON.stringify(section.title)}`)).find(Boolean));
  // Explicit examples replace the specialty's; only a count of the specialty's own can ask for too many.
  if (preset && answers.examples === undefined && answers.exampleCount !== undefined && answers.exampleCount > preset.examples.length) {
    problems.push(
      `exampleCount is ${answers.exampleCount}, but the specialty "${preset.id}" has ${preset.examples.length} worked examples; ` +
        `give 1 to ${preset.examples.length} (a larger count is refused, not cut down), or write the examples under examples.`,
    );
  }
  return problems;
}
