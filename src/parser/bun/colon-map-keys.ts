import { editText, offsetBack, type Edit, type Rewrite } from './edit-text.js';
import { emptyQuestions } from './empty-questions.js';

/**
 * An explicit key with no node on its `?` line (`?`, `? &a`, `- ?`; anchors and tags alone on the lines
 * under it aside), then a line that starts with a value indicator further right than the `?` (`?` /
 * `  : v`): Bun reads that `:` as the first entry of a map, the key's node, whose other entries follow at
 * its column (`  k: v`, `  : w`); yaml reads the `:` as the key's value indicator, and stops at the
 * entries after it (measured; fixtures *-colon-map-key-*). The text with a `?` line inserted before each
 * such `:` line, at its column (yaml then reads the same map), with a map of offsets back and the
 * offset of the first such line; undefined where there is none. A line after that map, left of its
 * column but right of the `?` (`?` / `    : v` / `   &x`), Bun stops at ("Unexpected token"): its
 * offset, `stops` (the first; measured, fixtures *-colon-map-key-*).
 */
export function colonMapKeys(text: string): (Rewrite & { first: number; stops?: number }) | undefined {
  const lines = text.split('\n');
  /** At the `:` lines (offsets in `text`), the `?` line to put before each. */
  const inserts: Edit[] = [];
  let stops: number | undefined;
  for (const { column, k, at } of emptyQuestions(lines)) {
    const colon = /^( *):(?:[ \t]|\r?$)/.exec(lines[k] ?? '');
    const colonColumn = colon?.[1]?.length ?? -1;
    if (colonColumn <= column) continue;
    inserts.push({ at, remove: 0, insert: `${' '.repeat(colonColumn)}?\n` });
    // The first line after that map (left of its column) with something on it: right of the `?`, Bun stops there.
    if (stops !== undefined) continue;
    for (let next = at + (lines[k] ?? '').length + 1, j = k + 1; j < lines.length; next += (lines[j] ?? '').length + 1, j++) {
      const line = lines[j] ?? '';
      if (/^[ \t]*(?:#.*)?\r?$/.test(line)) continue;
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (indent >= colonColumn) continue;
      if (indent > column && line.charAt(indent) !== '\t') stops = next;
      break;
    }
  }
  if (inserts.length === 0) return undefined;
  const starts: number[] = [];
  return {
    text: editText(text, inserts, starts),
    first: (inserts[0] as Edit).at,
    ...(stops === undefined ? {} : { stops }),
    // (Inside an inserted line: the `:` line it stands before.)
    back: (position) => offsetBack(inserts, starts, position),
  };
}
