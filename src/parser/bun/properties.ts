import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { followsSibling, holdsPair, indentOf, lineAfterBlanks, lineText, previousContentLine } from './lines.js';

// Node properties (anchors and tags) on lines of their own or before an explicit key's `?`: when a
// second one is Bun's "Multiple anchors"/"Multiple tags" and when Bun stops first, and properties
// before a `?` that Bun reads as its map's.

/** A line of node properties only: anchors and tags (`&a !t`), nothing else. */
export const PROPERTIES_LINE = /^[ \t]*[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*$/;

/**
 * Bun's wording where yaml finds a second anchor or tag for one node (at `at`): Bun's own ("Multiple
 * anchors", "Multiple tags") once it has read the node, which it does not when the properties stand on
 * lines of their own and the node ends Bun's reading first: an explicit key (`?`) at the first
 * properties' column, or for tags a pair further right (measured; fixtures *-properties-over-lines-*).
 */
export function repeatedPropertyWording(code: string, text: string, at: number): string {
  const wording = code === 'MULTIPLE_ANCHORS' ? 'Multiple anchors' : 'Multiple tags';
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0 || !PROPERTIES_LINE.test(text.slice(lineStart, lineEnd).replace(/[ \t]+#.*$/, '').replace(/\r$/, ''))) return wording;
  for (let above = previousContentLine(text, lineStart); above && PROPERTIES_LINE.test(above.text); above = previousContentLine(text, lineStart)) lineStart = above.start;
  // (The properties of one line only, the first, would be no repeat: yaml found one on a later line.)
  const column = indentOf(text.slice(lineStart));
  let node = lineAfterBlanks(text, at);
  while (node > 0 && PROPERTIES_LINE.test(lineText(text, node))) node = lineAfterBlanks(text, node);
  if (node === 0) return wording;
  return repeatEndsEarly(code, column, lineText(text, node)) ? 'Unexpected token' : wording;
}

/**
 * Whether Bun stops before it reports a second anchor or tag (`code`) given on lines of their own, the
 * first at column `column`, because the node after them (`line`, indentation included) ends its reading
 * first: an explicit key's `?` at that column or, for tags, a pair further right (it opens a map, that
 * node). Measured; fixtures *-properties-over-lines-*.
 */
export function repeatEndsEarly(code: string, column: number, line: string): boolean {
  const indent = indentOf(line);
  if (indent === column && /^[ \t]*\?(?:[ \t]|$)/.test(line)) return true;
  return code === 'MULTIPLE_TAGS' && indent > column && !/^[ \t]*[?:](?:[ \t]|$)/.test(line) && holdsPair(line);
}

/**
 * Anchors or tags written before an explicit key's `?` on its line (`&a ? name`, `- !t ?`), where yaml
 * stops ("Anchors and tags must be after the ? indicator"; offset `at`, the `?`). Where the `?` opens a
 * block map (first in the document, under a `key:` further left, after a `- `), Bun reads them as that
 * map's properties, as it does on a line of their own above it (a tag on a map changes nothing): the
 * text with the `?` moved to where the properties start, blanks after it (same length: offsets of keys
 * and values stay). Where these properties (with those alone on the lines right above, `- &a` /
 * `  !t ?`) give the map two anchors or two tags, Bun's error (`repeated`), which Bun raises only once
 * it has read on (a problem in what follows comes first). Undefined where the `?` follows an entry
 * of its map (Bun stops there: see bunMessage). Measured; fixtures *-properties-before-question-*.
 */
export function propertiesBeforeQuestion(text: string, at: number): { text: string; repeated?: string } | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lead = PROPERTIES_BEFORE_QUESTION.exec(text.slice(lineStart, at));
  if (!lead || text.charAt(at) !== '?') return undefined;
  const column = (lead[1] ?? '').length;
  // (Properties alone on the lines right above, `- &a` / `  !t ?`, are the same map's. Where the `?`
  // follows an entry of its map, Bun stops; those properties' lines are no entry.)
  const above = propertiesAbove(text, lineStart);
  if ((lead[1] ?? '').trim() === '' && followsSibling(text, above.start, column)) return undefined;
  const each = `${lead[2] ?? ''} ${above.properties}`.trim().split(/[ \t]+/);
  const from = lineStart + column;
  const moved = `${text.slice(0, from)}?${' '.repeat(at - from)}${text.slice(at + 1)}`;
  const repeated = each.filter((p) => p.startsWith('&')).length > 1 ? 'Multiple anchors' : each.filter((p) => p.startsWith('!')).length > 1 ? 'Multiple tags' : undefined;
  return repeated ? { text: moved, repeated } : { text: moved };
}

/** A line's indentation and list markers, then anchors and tags only (up to a `?`). */
export const PROPERTIES_BEFORE_QUESTION = /^([ \t]*(?:-[ \t]+)*)((?:[&!]\S*[ \t]+)+)$/;

/**
 * The anchors and tags alone on the lines right above `lineStart` (`&a` / `!t ? k`, or `- &a` / `  !t ?`,
 * whose dash ends them): the properties of the node on the line at `lineStart`, and the start of the
 * first of those lines (`lineStart` where there are none). Measured; fixtures *-properties-above-question-*.
 */
export function propertiesAbove(text: string, lineStart: number): { start: number; properties: string } {
  let properties = '';
  let start = lineStart;
  for (let above = previousContentLine(text, lineStart); above && /^[ \t]*(?:-[ \t]+)*[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*$/.test(above.text); above = previousContentLine(text, above.start)) {
    properties += ` ${above.text.replace(/^[ \t]*(?:-[ \t]+)*/, '')}`;
    start = above.start;
    if (/-/.test(above.text.slice(0, indentOf(above.text) + 2))) break;
  }
  return { start, properties };
}

/**
 * A second anchor yaml finds for one node (at `at`, code `code`) that leads an empty key on its line
 * (`k: &a` / `  &c : w`, or after an anchor on a line of its own): Bun reads the first as the map's
 * anchor and this one as its key's, and reads on (measured; fixtures *-anchor-then-anchored-empty-key-*).
 */
export function anchoredEmptyKey(code: string, text: string, at: number): boolean {
  if (code !== 'MULTIPLE_ANCHORS' || text.charAt(at) !== '&') return false;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, at)) && /^(?:[&!]\S*[ \t]+)+:(?:[ \t]|\r?$)/.test(lineText(text, at));
}

/**
 * Where anchoredEmptyKey tolerates a second anchor (`k: &a` / `  &c : w`), yaml keeps the last for the
 * map; Bun gives the map the first and the empty key the second (aliases to either resolve: measured,
 * fixtures *-anchor-then-anchored-empty-key-alias-*). The anchors are set so in `doc`.
 */
export function anchorEmptyKeys(doc: Document.Parsed, text: string): void {
  const { visit, isScalar } = yaml();
  const at = new Set(doc.errors.filter((e) => anchoredEmptyKey(e.code, text, e.pos[0])).map((e) => e.pos[0]));
  if (at.size === 0) return;
  visit(doc, {
    Map(_, map) {
      const key = map.items[0]?.key;
      if (map.flow || !isScalar(key) || key.value !== null || !key.range || !map.anchor) return undefined;
      // The key's line: its anchor (the one yaml gave the map) and the `:`; the map's own anchor before it.
      const lineStart = text.lastIndexOf('\n', key.range[0] - 1) + 1;
      const own = /^[ \t]*&(\S+)/.exec(text.slice(lineStart, key.range[0]));
      if (!own || own[1] !== map.anchor || !at.has(lineStart + (own[0].length - own[1].length - 1))) return undefined;
      const first = /&([^\s&!]\S*)(?:[ \t]+(?:![^\s]*|#[^\n]*))*[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*$/.exec(text.slice(Math.max(0, lineStart - 4096), lineStart));
      if (!first) return undefined;
      key.anchor = map.anchor;
      map.anchor = first[1];
      return undefined;
    },
  });
}
