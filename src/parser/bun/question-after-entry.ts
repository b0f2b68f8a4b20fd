import { followsSibling, indentOf, lineAfterBlanks, lineText } from './lines.js';
import { PROPERTIES_LINE, propertiesAbove } from './properties.js';

// Anchors or tags before a `?` that follows an entry of its map (`a: b` / `&a ? k`): where Bun stops,
// and its words there.

/**
 * Bun's wording for anchors or tags before a `?` (at `at`) that follows an entry of its map (`a: b` /
 * `&a ? k`): a key going on over lines ("Multiline implicit key"), but "Unexpected token" where the first
 * `:` line under it stands further right than the key's node or no further left than the `?`, or the
 * key has none (`&a ?` / `  : v`; measured, fixtures *-properties-before-question-after-entry-*).
 */
export function propertiesBeforeQuestionWording(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = indentOf(text.slice(lineStart, at));
  const node = /^\?[ \t]*((?:[&!]\S*[ \t]+)*)(.*)$/.exec(lineText(text, at));
  let keyColumn = node && node[2] !== '' && !PROPERTIES_LINE.test(node[2] ?? '') ? at - lineStart + (node[0].length - (node[2] ?? '').length) : undefined;
  for (let next = lineAfterBlanks(text, at), steps = 0; next > 0 && steps < 10_000; next = lineAfterBlanks(text, next), steps++) {
    const line = lineText(text, next);
    const column = indentOf(line);
    if (column <= indent || /^[ \t]*\t/.test(line)) break;
    if (PROPERTIES_LINE.test(line)) continue;
    if (/^[ \t]*:(?:[ \t]|$)/.test(line)) return keyColumn !== undefined && column <= keyColumn && column < at - lineStart ? 'Multiline implicit key' : 'Unexpected token';
    keyColumn ??= column;
  }
  return 'Multiline implicit key';
}

/**
 * Where the line holding `at` is anchors and tags then a `?` (`&b ? k`), or anchors and tags alone
 * over such a line, with those alone on the lines right above it (`&a`), after an entry of its map: the offset of that `?` (Bun stops there before it
 * counts the properties; measured, fixtures *-properties-before-question-after-entry-*).
 */
export function questionAfterEntry(text: string, at: number): number | undefined {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  // (The repeat may be on a line of properties only, over the `?` line.)
  for (let steps = 0; lineStart > 0 && PROPERTIES_LINE.test(lineText(text, lineStart)) && steps < 10_000; steps++) lineStart = lineAfterBlanks(text, lineStart);
  if (lineStart === 0 && at > 0) return undefined;
  const lead = /^([ \t]*)((?:[&!]\S*[ \t]+)+)\?(?:[ \t]|\r?$)/.exec(lineText(text, lineStart));
  if (!lead) return undefined;
  const column = (lead[1] ?? '').length;
  return followsSibling(text, propertiesAbove(text, lineStart).start, column) ? lineStart + column + (lead[2] ?? '').length : undefined;
}
