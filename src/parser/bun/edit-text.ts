// Edits that rewrite a text for yaml while its offsets can still be mapped back to the text as written:
// the bare keys made explicit (bareKeys) and the `?` lines put before a `:` map (colonMapKeys).
// (applyEdits in lines.ts makes edits that keep offsets, or whose offsets are not wanted back.)

/** At `at` (an offset of the text as written): `remove` characters, then `insert`. */
export interface Edit {
  at: number;
  remove: number;
  insert: string;
}

/** A text rewritten for yaml, with a map from its offsets back to those of the text as written. */
export interface Rewrite {
  text: string;
  back: (offset: number) => number;
}

/**
 * `text` with each edit made (in order of `at`), in one pass; `starts` receives where each edit starts
 * in the new text, for offsetBack.
 */
export function editText(text: string, edits: readonly Edit[], starts: number[]): string {
  let out = '';
  let from = 0;
  // Where each edit starts in the new text: an offset maps back past the characters added before it.
  let shift = 0;
  for (const { at, remove, insert } of edits) {
    out += text.slice(from, at) + insert;
    from = at + remove;
    starts.push(at + shift);
    shift += insert.length - remove;
  }
  return out + text.slice(from);
}

/** An offset of the text editText returned (`starts` as it filled them), in the text as written. */
export function offsetBack(edits: readonly Edit[], starts: readonly number[], offset: number): number {
  // The last edit starting at or before `offset` (binary search).
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((starts[middle] as number) <= offset) low = middle + 1;
    else high = middle;
  }
  if (low === 0) return offset;
  const last = edits[low - 1] as Edit;
  const inside = offset - (starts[low - 1] as number);
  // Inside an edit: the offset it was made at. Past it: the edits so far made up.
  return inside < last.insert.length ? last.at + Math.min(inside, last.remove) : last.at + last.remove + inside - last.insert.length;
}
