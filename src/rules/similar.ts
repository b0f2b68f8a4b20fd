import { memoPer } from './memo.js';

/** A word without its case and separators: `example-count`, `example_count` and `exampleCount` are one. */
export const normalize = (text: string): string => text.toLowerCase().replace(/[-_\s]/g, '');

/** Rows of the distance table, reused between calls (grown when a word is longer). */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/**
 * Edit distance with transpositions (optimal string alignment), bounded: returns `limit + 1` as soon
 * as the distance exceeds `limit`. Swapped neighbours are the commonest typo (`modle`, `Taks`); plain
 * Levenshtein counts them as two edits, too many for a short word's limit.
 */
export function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  if (rows[0].length < width) rows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  let twoBack = rows[0];
  let previous = rows[1];
  let row = rows[2];
  for (let j = 0; j < width; j++) previous[j] = j;
  let previousBest = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    row[0] = i;
    let best = i;
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (ai === bj ? 0 : 1));
      if (j > 1 && ai === b.charCodeAt(j - 2) && aBefore === bj) value = Math.min(value, twoBack[j - 2]! + 1);
      row[j] = value;
      if (value < best) best = value;
    }
    // A transposition reaches back two rows, so a row's minimum bounds the result only with the row before it.
    if (best > limit && previousBest > limit) return limit + 1;
    previousBest = best;
    const free = twoBack;
    twoBack = previous;
    previous = row;
    row = free;
  }
  return previous[b.length]!;
}

/**
 * The candidate a user most likely meant: same letters once case, `-` and `_` are ignored
 * (`allowed_tools` → `allowedTools`), a known key with a prefix (`allowed_tools` → `tools` when
 * `suffixes` is on), or within a small edit distance.
 */
export function closest(value: string, candidates: readonly string[], suffixes = false): string | undefined {
  // '' stands for "no candidate" in the memo (which keeps values it has seen, not undefined).
  return cached(candidates, `${suffixes ? 1 : 0}${value}`) || undefined;
}

const cached = memoPer((candidates: readonly string[], key: string) => closestUncached(key.slice(1), candidates, key.startsWith('1')) ?? '', 2000);

/** Each candidate list's words normalized, once per list (the lists are the rules' constants). */
const normalizedLists = new WeakMap<readonly string[], string[]>();
const normalizedList = (candidates: readonly string[]): string[] => {
  let list = normalizedLists.get(candidates);
  if (!list) normalizedLists.set(candidates, (list = candidates.map(normalize)));
  return list;
};

function closestUncached(value: string, candidates: readonly string[], suffixes: boolean): string | undefined {
  const wanted = normalize(value);
  const normalized = normalizedList(candidates);
  const exact = normalized.indexOf(wanted);
  if (exact >= 0) return candidates[exact];
  if (suffixes) {
    const tail = candidates
      .filter((_, i) => normalized[i]!.length >= 4 && wanted.endsWith(normalized[i]!))
      .sort((a, b) => b.length - a.length)[0];
    if (tail) return tail;
  }
  // Two edits from six letters on: `colour` → `colors` (a letter dropped, one added) is a common slip.
  const limit = Math.max(wanted.length >= 6 ? 2 : 1, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let i = 0; i < candidates.length; i++) {
    const d = distance(wanted, normalized[i]!, limit);
    if (d < bestDistance) {
      best = candidates[i];
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The one way a message offers a suggestion: `; did you mean "sonnet"?`, or `''` without one. `quoted`
 * off writes it as typed on a command line (`; did you mean --format?`).
 */
export function didYouMean(hint: string | undefined, quoted = true): string {
  if (hint === undefined) return '';
  return `; did you mean ${quoted ? `"${hint}"` : hint}?`;
}
