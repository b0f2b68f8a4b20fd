// Flags of `agentsmith new` turned into answers, each checked on its own so that a bad value is reported
// against its flag (exit 2) before anything is asked, rendered or written.
import { UsageError } from '../errors.js';
import { outFolderProblem } from '../files/folder.js';
import type { Answers } from '../spec/answers.js';
import { areasProblem, controlProblem, lineProblem, oneLineProblem, specialtyMismatch, textProblem, toolsProblem } from '../spec/answer-text.js';
import { PROMPTED } from '../spec/constants.js';
import { checkName } from '../spec/name.js';
import type { Preset } from '../spec/preset.js';
import { shownValue } from './text.js';

/** The answers given as a comma-separated list (their flags have the same names). */
export const LIST_ANSWERS = new Set<string>(['frameworks', 'datastores', 'areas']);

export const flagOf = (key: string): string => (key === 'exampleCount' ? 'example-count' : key);

/** `--title "": the title is empty; …`, the value quoted by shownValue. */
function flagError(key: string, value: string, problem: string): UsageError {
  return new UsageError(`agentsmith new --${flagOf(key)} ${shownValue(value)}: ${problem}.`);
}

/** The problem of one string answer, before it is split or converted. */
function textFlagProblem(key: string, value: string, preset: Preset | undefined): string | undefined {
  if (key === 'name') return lineProblem(value, 'the name') ?? checkName(value)?.replace(/\.$/, '');
  if (key === 'title') return textProblem(value, 'the title', preset?.title ?? 'Database Engineer');
  if (key === 'focus') return textProblem(value, 'the focus', 'keeping schema changes safe to deploy');
  if (key === 'tools') return toolsProblem(value, 'the tools list') ?? controlProblem(value, 'the tools list');
  const what = `the ${LIST_ANSWERS.has(key) ? 'list' : flagOf(key)}`;
  return oneLineProblem(value, what);
}

/** Turns flags into answers (list answers are comma-separated), refusing the first bad value by its flag. */
export function givenAnswers(values: Record<string, unknown>, presets: Map<string, Preset>): Partial<Answers> {
  const specialty = values.specialty;
  if (typeof specialty === 'string' && !presets.has(specialty)) {
    throw flagError('specialty', specialty, `not a specialty; choose one of: ${[...presets.keys()].join(', ')}`);
  }
  const preset = typeof specialty === 'string' ? presets.get(specialty) : undefined;
  const given: Record<string, unknown> = {};
  for (const key of PROMPTED) {
    const value = values[flagOf(key)];
    if (typeof value !== 'string') continue;
    const problem = key === 'exampleCount' ? undefined : textFlagProblem(key, value, preset);
    if (problem) throw flagError(key, value, problem);
    if (key === 'exampleCount') given[key] = exampleCount(value, preset, presets);
    else if (LIST_ANSWERS.has(key)) given[key] = value.split(',').map((item) => item.trim()).filter(Boolean);
    // A model or color is one word: blanks pasted around it would be written as `model: " sonnet "`, which names no model.
    else if (key === 'model' || key === 'color') given[key] = value.trim();
    else given[key] = value;
  }
  const areas = given.areas as string[] | undefined;
  if (areas && preset) {
    const problem = areasProblem(areas, preset.id, preset.responsibilities.map((area) => area.id));
    if (problem) throw flagError('areas', String(values.areas), problem);
  }
  if (!preset) checkSomeSpecialtyFits(given as Partial<Answers>, String(values.areas), presets);
  return given as Partial<Answers>;
}

/**
 * Without --specialty, the specialty question offers only those that have every --areas id and as many
 * worked examples as --example-count; if none does, the flags are refused now, not after the last question.
 */
function checkSomeSpecialtyFits(given: Partial<Answers>, shown: string, presets: Map<string, Preset>): void {
  const { areas, exampleCount } = given;
  if (areas === undefined) return;
  const help = 'agentsmith new --help lists the area ids of each specialty';
  if (areas.length === 0) throw flagError('areas', shown, `the list is empty; give at least one area id (${help})`);
  const all = [...presets.values()];
  const withAreas = all.filter((p) => specialtyMismatch(p, { areas }) === undefined);
  if (withAreas.length === 0) throw flagError('areas', shown, `no specialty has all of these areas; give area ids of one specialty (${help}), or --specialty`);
  if (all.some((p) => specialtyMismatch(p, given) === undefined)) return;
  const ids = withAreas.map((p) => p.id).join(', ');
  throw flagError('exampleCount', String(exampleCount), `the specialties with these areas (${ids}) have fewer worked examples; give a smaller count`);
}

/**
 * A count the specialty can honour: a larger one is refused rather than quietly cut to what there is.
 * Without --specialty the count must suit at least one specialty (the prompt then offers only those).
 */
function exampleCount(value: string, preset: Preset | undefined, presets: Map<string, Preset>): number {
  const most = preset ? preset.examples.length : Math.max(...[...presets.values()].map((p) => p.examples.length));
  const count = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (count >= 1 && count <= most) return count;
  const whose = preset ? `the specialty "${preset.id}" has ${most} worked examples` : `no specialty has more than ${most} worked examples`;
  throw flagError('exampleCount', value, `give a whole number from 1 to ${most} (${whose})`);
}

/**
 * Refuses an output folder that is a file, or lies under one, before anything is asked: mkdir would fail
 * late and cryptically. `flag`: the folder came from --out (else it is the default, .claude/agents here).
 */
export function checkOutFolder(out: string, flag = true): void {
  if (flag && out.trim() === '') {
    throw new UsageError('agentsmith new --out "": the output folder is empty; give a folder (e.g. --out .claude/agents), or leave --out out for the default.');
  }
  const problem = outFolderProblem(out);
  if (!problem) return;
  // "(it is created when missing)" answers "is a file"; a loop or a name too long is no missing folder.
  const note = / is a file[;,]/.test(problem) ? ' (a folder is created when missing)' : '';
  if (flag) throw new UsageError(`agentsmith new --out ${JSON.stringify(out)}: ${problem}${note}.`);
  throw new UsageError(`agentsmith new: the agents folder ${out} cannot be used: ${problem}. Rename that file, or choose a folder with --out.`);
}
