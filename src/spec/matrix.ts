import type { Locator } from './locate.js';
import type { Combination } from './template.js';

type Scalar = string | number | boolean;

/** What the matrix part of a spec holds (after the schema). */
export interface MatrixSpec {
  matrix?: Record<string, Scalar[]>;
  exclude: Record<string, Scalar>[];
  include: Record<string, Scalar>[];
}

/** The most agents one spec may make (matrix combinations before exclusions); a larger matrix is refused before expanding. */
const MAX_AGENTS = 100_000;

/** One combination to render, and where it comes from (for reports). */
export interface Origin {
  combo: Combination;
  /** `matrix {"framework":"express"}` or `include[0] {"framework":"koa"}`. */
  origin: string;
  /** Where its values are written: the matrix, or the include entry. */
  path: PropertyKey[];
}

/**
 * The combinations of a spec: the cartesian product of the matrix, minus the exclusions, plus the
 * inclusions. Problems are returned, not thrown, so the caller reports them all at once.
 */
export function combinations(spec: MatrixSpec, at: Locator): { origins: Origin[]; problems: string[] } {
  const matrix = Object.entries(spec.matrix ?? {});
  const size = matrix.reduce((count, [, values]) => count * values.length, matrix.length > 0 ? 1 : 0);
  if (size > MAX_AGENTS) {
    // Counted before expanding: 8 keys of 10 values would take every byte of memory to list.
    const counts = matrix.map(([key, values]) => `${key} ${values.length}`).join(' × ');
    return {
      origins: [],
      problems: [
        `${at(['matrix'])}: the matrix makes ${size.toLocaleString('en-US')} combinations (${counts}), more than the ${MAX_AGENTS.toLocaleString('en-US')} agents a spec may make; ` +
          'split it into several specs, or remove values.',
      ],
    };
  }
  let product: Combination[] = matrix.length > 0 ? [{}] : [];
  for (const [key, values] of matrix) product = product.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value })));
  const problems = [
    ...matrix.flatMap(([key, values]) => repeatedValues(key, values, at)),
    ...spec.exclude.flatMap((entry, i) => entryProblems(spec.matrix, entry, ['exclude', i], at)),
    ...(spec.matrix ? spec.include.flatMap((entry, i) => entryProblems(spec.matrix, entry, ['include', i], at, false)) : []),
  ];
  const matches = (combo: Combination, partial: Combination) => Object.entries(partial).every(([key, value]) => combo[key] === value);
  const kept = product.filter((combo) => !spec.exclude.some((rule) => matches(combo, rule)));
  return {
    origins: [
      ...kept.map((combo) => ({ combo, origin: `matrix ${JSON.stringify(combo)}`, path: ['matrix'] })),
      ...spec.include.map((combo, i) => ({ combo, origin: `include[${i}] ${JSON.stringify(combo)}`, path: ['include', i] })),
    ],
    problems,
  };
}

/**
 * A value listed twice under one matrix key: every combination with it would come twice, under the same
 * names, and each copy would be reported as clashing with an origin that reads exactly like its own.
 */
function repeatedValues(key: string, values: Scalar[], at: Locator): string[] {
  const seen = new Set<Scalar>();
  return values.flatMap((value, i) => {
    if (!seen.has(value)) {
      seen.add(value);
      return [];
    }
    return [`${at(['matrix', key, i])}: matrix.${key} lists ${JSON.stringify(value)} more than once; each value makes its own agents, so remove the repeat.`];
  });
}

/**
 * What is wrong with an exclude or include entry: a key the matrix does not have (a typo would silently
 * exclude nothing), or, for exclusions, a value the key does not take (`"18"` against the number 18),
 * which makes the entry match no combination.
 */
function entryProblems(
  matrix: Record<string, Scalar[]> | undefined,
  entry: Record<string, Scalar>,
  path: [string, number],
  at: Locator,
  checkValues = true,
): string[] {
  const where = `${at(path)}: ${path[0]}[${path[1]}] ${JSON.stringify(entry)}`;
  const keys = Object.keys(matrix ?? {});
  if (keys.length === 0) return [`${where}: the spec has no matrix, so this ${path[0]} entry has nothing to apply to; add a matrix or remove it.`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    const values = Object.hasOwn(matrix ?? {}, key) ? (matrix?.[key] ?? []) : undefined;
    if (!values) problems.push(`${where}: "${key}" is not a matrix key; the keys are: ${keys.join(', ')}.`);
    else if (checkValues && !values.includes(value)) problems.push(`${where}: matches no combination: ${key} ${valueHint(value, values)}`);
  }
  if (Object.keys(entry).length === 0) problems.push(`${where}: the entry is empty; name at least one matrix key (${keys.join(', ')}).`);
  return problems;
}

/** Why a value is not among a key's values, with the near miss of another type (`"18"` for 18) spelled out. */
function valueHint(value: Scalar, values: Scalar[]): string {
  const shown = (v: Scalar) => `${JSON.stringify(v)} (${typeof v})`;
  const twin = values.find((candidate) => String(candidate) === String(value));
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  if (twin !== undefined) return `takes ${shown(twin)}, the entry has ${shown(value)}; write them the same way (both quoted or both unquoted).`;
  return `takes ${list}, not ${JSON.stringify(value)}.`;
}
