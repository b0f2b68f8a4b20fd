// Checks of single answers, shared by the prompts (validate) and the flags of `agentsmith new`.
// Kept free of zod and the parser: the prompts load this before the first question.
import type { Preset } from './preset.js';

/** Line breaks of every kind a Markdown reader may honour: a single-line answer holding one could start a heading. */
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;

/** Why `value` cannot be a one-line answer, or undefined. `what` names it: "the title". */
export function lineProblem(value: string, what: string): string | undefined {
  if (!LINE_BREAK.test(value)) return undefined;
  return `${what} holds a line break; it must be one line (a break would start a new line, even a heading, in the agent file)`;
}

const LINE_BREAK_ALL = new RegExp(LINE_BREAK.source, 'g');
/**
 * Characters no typed answer means, that would reach the agent's prompt unseen: C0 and C1 controls (a
 * pasted terminal colour, ESC [31m; a bell) and the bidirectional overrides and isolates, which make text
 * read in another order than it is written (U+202E). A tab is text.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Why `value` holds a character no answer means, or undefined (line breaks are lineProblem's). */
export function controlProblem(value: string, what: string): string | undefined {
  const found = CONTROL.exec(value.replace(LINE_BREAK_ALL, ''))?.[0];
  if (found === undefined) return undefined;
  const code = `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `${what} holds the invisible control character ${code}; remove it (it would be written into the agent file unseen)`;
}

/** Why `value` cannot be one line of the agent file: a line break, or a control character no answer means. */
export function oneLineProblem(value: string, what: string): string | undefined {
  return lineProblem(value, what) ?? controlProblem(value, what);
}

/**
 * Why a tools answer cannot be used, or undefined. '' is fine (tools left out); a list without a letter
 * (commas, blanks) is not: it would write `tools: " "`, which names no tool, with no note that anything is odd.
 */
export function toolsProblem(value: string, what: string): string | undefined {
  if (value === '' || /[\p{L}\p{N}_]/u.test(value)) return lineProblem(value, what);
  return `${what} names no tool; give read-only, edit, full or tools such as "Read, Grep", or '' to leave tools out (the agent then inherits every tool)`;
}

/**
 * A one-line text that must say something (title, focus): blank would render "You are a senior ." So would
 * text without a letter or digit: invisible characters (U+200B), which trim() keeps, or punctuation only.
 */
export function textProblem(value: string, what: string, example: string): string | undefined {
  if (!/[\p{L}\p{N}]/u.test(value)) {
    // "🚀" or "---" is not empty: saying so would send the user looking for a blank that is not there.
    const lacks = /^[\s\p{Cf}]*$/u.test(value) ? 'is empty' : 'has no letter or digit';
    return `${what} ${lacks}; write something such as "${example}"`;
  }
  return oneLineProblem(value, what);
}

/**
 * Area ids the specialty does not have, or an empty list: either would render an empty or partial
 * "Core Responsibilities" section that no rule notices.
 */
export function areasProblem(areas: string[], specialty: string, ids: string[]): string | undefined {
  const unknown = areas.filter((id) => !ids.includes(id));
  if (unknown.length === 0 && areas.length > 0) return undefined;
  const list = ids.join(', ');
  if (unknown.length === 0) return `the list is empty; choose at least one area of the specialty "${specialty}": ${list}`;
  const what = unknown.map((id) => `"${id}"`).join(', ');
  return `${what} ${unknown.length === 1 ? 'is not an area' : 'are not areas'} of the specialty "${specialty}"; choose from ${list}`;
}

/**
 * Why a specialty cannot honour the areas and the example count given by flags before it was chosen, or
 * undefined. The specialty question disables such a choice rather than fail after the last question.
 */
export function specialtyMismatch(preset: Preset, given: { areas?: string[]; exampleCount?: number }): string | undefined {
  const missing = (given.areas ?? []).filter((id) => !preset.responsibilities.some((area) => area.id === id));
  if (missing.length > 0) return `no area ${missing.join(', ')}`;
  const count = given.exampleCount;
  if (count !== undefined && count > preset.examples.length) return `has ${preset.examples.length} worked examples, --example-count is ${count}`;
  return undefined;
}

/**
 * The default of a model or color question: the specialty's, unless the team's config lists the values it
 * allows and that one is not among them; then the first listed, so `--yes` writes what the team's check accepts.
 */
export function allowedDefault(preferred: string, allowed: readonly string[] | undefined): string {
  return allowed === undefined || allowed.length === 0 || allowed.includes(preferred) ? preferred : (allowed[0] ?? preferred);
}
