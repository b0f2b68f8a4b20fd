import { memoPer } from './memo.js';

/** A word without its case and separators: `example-count`, `example_count` and `exampleCount` are one. */
export const normalize = (text: string): string => text.toLowerCase().replace(/[-_\s]/g, '');

/**
 * Edit distance with transpositions (optimal string alignment), bounded: returns `limit + 1` as soon
 * as the distance exceeds `limit`. Swapped neighbours are the commonest typo (`modle`, `Taks`); plain
 * Levenshtein counts them as two edits, too many for a short word's limit.
 */
export function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (twoBack[j - 2] ?? 0) + 1);
      row.push(value);
      best = Math.min(best, value);
    }
    // A transposition reaches back two rows, so a row's minimum bounds the result only with the row before it.
    if (best > limit && Math.min(...previous) > limit) return limit + 1;
    twoBack = previous;
    previous = row;
  }
  return previous[b.length] ?? limit + 1;
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

function closestUncached(value: string, candidates: readonly string[], suffixes: boolean): string | undefined {
  const wanted = normalize(value);
  const exact = candidates.find((candidate) => normalize(candidate) === wanted);
  if (exact) return exact;
  if (suffixes) {
    const tail = candidates
      .filter((candidate) => normalize(candidate).length >= 4 && wanted.endsWith(normalize(candidate)))
      .sort((a, b) => b.length - a.length)[0];
    if (tail) return tail;
  }
  // Two edits from six letters on: `colour` → `colors` (a letter dropped, one added) is a common slip.
  const limit = Math.max(wanted.length >= 6 ? 2 : 1, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const d = distance(wanted, normalize(candidate), limit);
    if (d < bestDistance) {
      best = candidate;
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
