import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { editText, offsetBack, type Edit, type Rewrite } from './edit-text.js';
import { followsSibling, holdsPair, indentOf, previousContentLine } from './lines.js';
import { PROPERTIES_LINE, propertiesAbove } from './properties.js';

// Explicit keys (`? k`) as Bun reads them: where their `:` may stand, the `?` line a key's node
// belongs to, empty values and empty keys after them, and the lines of a map used as such a key.

/**
 * An explicit key (`? x`) whose value indicator (`:`) sits further right than the `?`: yaml reads the
 * value, Bun stops ("Unexpected token", measured; fixtures *-explicit-key-*). Where the document has
 * one, the offset of its `:` (the first found).
 */
export function indentedExplicitValue(doc: Document.Parsed, text: string): number | undefined {
  const { visit, isCollection, isNode, isMap, isPair, isScalar } = yaml();
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair, path) {
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      // (A map as the key, `? c:`, its own entries, or no key at all, `?`: Bun reads the `:` further right too.)
      // (A map on the lines under a `?` alone is a key like any other: `?` / `  c: x` / ` : v` stops Bun.)
      const holder = path[path.length - 2];
      if (start === undefined || (isScalar(pair.key) && pair.key.value === null)) return undefined;
      // (In a flow collection Bun reads the `:` wherever it stands: fixtures *-flow-explicit-key-*.)
      const parent = path[path.length - 1];
      if (isCollection(parent) && parent.flow) return undefined;
      // (Properties alone, `? !t` or on a line of their own under the `?`, then a `:` further right: Bun
      // reads a map there, the properties' node; see emptyKeyValueLine.)
      if (isScalar(pair.key) && pair.key.range?.[0] === pair.key.range?.[1] && /^[ \t]*(?:(?:-[ \t]+)*(?:[&!]\S*[ \t]+)*\?[ \t]+)?[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return undefined;
      if (isPair(holder) && holder.key === path[path.length - 1]) return undefined;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let question: RegExpExecArray | null;
      if (isMap(pair.key)) {
        // (yaml's range of such a map may start after its first key, or at a `?` of its own.)
        const first = pair.key.items[0]?.key;
        const mapStart = Math.min(start, isNode(first) ? (first.range?.[0] ?? Infinity) : Infinity);
        const mapLine = text.lastIndexOf('\n', mapStart - 1) + 1;
        question = /^[ \t]*(?:\?[ \t]+)*$/.test(text.slice(mapLine, mapStart)) ? questionAbove(text, mapLine) : null;
      } else question = questionLead(text, lineStart, text.slice(lineStart, start)) ?? questionAbove(text, lineStart);
      if (!question) return undefined;
      // The first line after the key with something on it (comments aside): its `:`, further right?
      const keyEnd = isNode(pair.key) ? (pair.key.range?.[1] ?? start) : start;
      // (yaml's range of a map key may end in the blanks that lead the next line.)
      const endLine = text.lastIndexOf('\n', keyEnd - 1) + 1;
      const from = endLine > start && /^[ \t]*$/.test(text.slice(endLine, keyEnd)) ? endLine : text.indexOf('\n', keyEnd - 1) + 1;
      for (let at = from; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
        const end = text.indexOf('\n', at);
        const line = text.slice(at, end < 0 ? text.length : end);
        if (/^\s*(#.*)?$/.test(line)) continue;
        const colon = /^( *):(?=[ \t]|\r?$)/.exec(line);
        if (colon && (colon[1] ?? '').length > (question[1] ?? '').length) found = at + (colon[1] ?? '').length;
        break;
      }
      return found === undefined ? undefined : visit.BREAK;
    },
  });
  return found;
}

/**
 * An explicit key's `?` alone on the nearest line above `lineStart` with something on it (comments
 * aside), or with anchors and tags only (`? &a`, the key's), list entries' dashes before it (`- ?`) or,
 * where it opens its map, that map's anchors and tags (`&a ?`): the node on the lines below is that
 * key's (`?` / `  tools` / `: v`). Lines of anchors and tags only between are that node's (`?` / ` &a` /
 * `   k`; measured, fixtures *-properties-lines-under-question-*). Its indentation (dashes and the map's
 * properties included), as a match.
 */
export function questionAbove(text: string, lineStart: number): RegExpExecArray | null {
  let above = previousContentLine(text, lineStart);
  while (above && PROPERTIES_LINE.test(above.text)) above = previousContentLine(text, above.start);
  return above && /^[ \t]*(?:-[ \t]+)*(?:[&!]\S*[ \t]+)*\?(?:[ \t]+[&!]\S*)*[ \t]*$/.test(above.text) ? questionLead(text, above.start, above.text) : null;
}

/**
 * The start of an explicit key's line (`line`, from `lineStart`) up to and past its `?`: the column of
 * the map it is an entry of (list dashes before it count, and anchors and tags before it where it opens
 * that map: the map's properties, `&a ? k`), as the match's first group. Null when the line does not
 * start so, or where such properties come after an entry of the map (Bun stops there).
 */
function questionLead(text: string, lineStart: number, line: string): RegExpExecArray | null {
  const lead = QUESTION_LEAD.exec(line);
  if (!lead) return null;
  const column = (lead[1] ?? '').length;
  return lead[2] === '' || /-/.test(lead[1] ?? '') || !followsSibling(text, propertiesAbove(text, lineStart).start, column) ? lead : null;
}
const QUESTION_LEAD = /^( *(?:-[ \t]+)*)((?:[&!]\S*[ \t]+)*)\? */;

/**
 * An explicit key's value indicator alone on its line (`? k` / `:`), then a line at the same column that
 * starts with an empty key (`: v`): Bun reads an empty value, then a pair of the same map with an empty
 * key; yaml reads that line and the ones after it at that column as a map, the value (measured;
 * fixtures *-empty-explicit-value-*; anchors or tags after that `:`, `: !t`, change nothing: fixtures
 * *-empty-explicit-value-properties-*). The pairs are moved up into the map, after the empty value.
 */
export function emptyExplicitValues(doc: Document.Parsed, text: string): void {
  const { visit, isMap, isScalar, Scalar } = yaml();
  visit(doc, {
    Map(_, map) {
      if (map.flow) return undefined;
      for (let i = 0; i < map.items.length; i++) {
        const pair = map.items[i];
        const value = pair?.value;
        if (!isMap(value) || value.flow || !value.range) continue;
        const first = value.items[0]?.key;
        if (!isScalar(first) || first.value !== null || !first.range || first.range[0] !== first.range[1] || first.range[0] !== value.range[0]) continue;
        const at = value.range[0];
        const lineStart = text.lastIndexOf('\n', at - 1) + 1;
        if (text.charAt(at) !== ':' || !/^ *$/.test(text.slice(lineStart, at))) continue;
        const above = previousContentLine(text, lineStart);
        if (!above || !new RegExp(`^ {${at - lineStart}}:(?:[ \\t]+[&!]\\S*)*[ \\t]*(?:#.*)?\\r?$`).test(above.text)) continue;
        if (pair) pair.value = new Scalar(null);
        map.items.splice(i + 1, 0, ...value.items);
      }
      return undefined;
    },
  });
}

/**
 * An explicit key that is a map on its `?` line (`? x: b`), then a line further right than the `?` but
 * not as far right as the map's keys (`? x: b` / ` c` / `: v`): Bun ends the map's value and the map
 * before that line, and stops at it ("Unexpected token"); yaml drops the line or reads it into the
 * value (measured; fixtures *-explicit-map-key-lines-*). The offset of the first such line, or undefined.
 */
export function explicitMapKeyContinuation(docs: Document.Parsed[], text: string): number | undefined {
  const { visit, isMap, isNode } = yaml();
  let found: number | undefined;
  for (const doc of docs) {
    visit(doc, {
      Pair(_, pair) {
        const key = pair.key;
        if (!isMap(key) || key.flow || !key.range) return undefined;
        // (yaml's range of such a map may start after its first key.)
        const first = key.items[0]?.key;
        const keyStart = Math.min(key.range[0], isNode(first) ? (first.range?.[0] ?? Infinity) : Infinity);
        const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
        const question = /^( *)\?[ \t]+$/.exec(text.slice(lineStart, keyStart));
        if (!question) return undefined;
        const column = keyStart - lineStart;
        // The first line after the key with something on it (comments aside). (yaml's range of such a
        // map may end in the blanks that lead the next line.)
        const endLine = text.lastIndexOf('\n', key.range[1] - 1);
        const from = endLine + 1 > keyStart && /^[ \t]*$/.test(text.slice(endLine + 1, key.range[1])) ? endLine : text.indexOf('\n', Math.max(key.range[1] - 1, key.range[0]));
        for (let at = from; at >= 0 && at < text.length; at = text.indexOf('\n', at + 1)) {
          const end = text.indexOf('\n', at + 1);
          const line = text.slice(at + 1, end < 0 ? text.length : end);
          if (/^[ \t]*(?:#.*)?\r?$/.test(line)) continue;
          // (Bun counts the spaces that lead a line; a tab ends its indentation.)
          const spaces = /^ */.exec(line)?.[0].length ?? 0;
          if (spaces > (question[1] ?? '').length && spaces < column && (found === undefined || at + 1 < found)) found = at + 1;
          break;
        }
        return undefined;
      },
    });
  }
  return found;
}

/**
 * An explicit key with no node, or anchors and tags only (`?`, `? &a`, or `?` then `  !t`), then its
 * `:` further right than the `?` with no value on its line, then a line no further right than that `:`
 * (but right of the `?`): Bun reads the `:` as a map of its own (the key's node), whose entry's value
 * must be further right, and stops at that line ("Unexpected token"; yaml reads the line as the value.
 * Measured; fixtures *-empty-key-value-line-*). A line at that `:`'s column that is an entry of that map
 * (`k: v`, `: v`, `? k`) or a list (the entry's value) Bun reads on (fixtures *-empty-key-value-entry-*).
 * Its offset, or undefined.
 */
export function emptyKeyValueLine(text: string): number | undefined {
  const lines = text.split('\n');
  for (const question of emptyQuestions(lines)) {
    const { column } = question;
    let { k, at } = question;
    const skip = (): void => {
      while (k < lines.length && /^[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '')) at += (lines[k++] ?? '').length + 1;
    };
    const colon = /^( *):(?:[ \t]+[&!]\S*)*[ \t]*(?:#.*)?\r?$/.exec(lines[k] ?? '');
    const colonColumn = colon?.[1]?.length ?? -1;
    if (!colon || colonColumn <= column) continue;
    at += (lines[k++] ?? '').length + 1;
    skip();
    const next = lines[k];
    if (next === undefined || /^[ \t]*\t/.test(next)) continue;
    const indent = indentOf(next);
    // (At that `:`'s column, an entry of that map, `k: v`, `: v`, `? k`, or a list, its value, reads on.)
    if (indent > column && (indent < colonColumn || (indent === colonColumn && !holdsPair(next) && !/^[ \t]*[?-](?:[ \t]|\r?$)/.test(next)))) return at;
  }
  return undefined;
}
/** A `?` with nothing after it but anchors and tags (list dashes and the map's properties before it). */
const EMPTY_QUESTION = /^( *(?:-[ \t]+)*)(?:[&!]\S*[ \t]+)*\?(?:[ \t]+[&!]\S*)*[ \t]*(?:[ \t]#.*)?$/;

/**
 * Each explicit key with no node on its `?` line (EMPTY_QUESTION), with the `?`'s column, and the first
 * line after it that is neither blank (or a comment) nor the key's anchors and tags on a line of their
 * own further right: its index `k` and offset `at`.
 */
function* emptyQuestions(lines: string[]): Generator<{ column: number; k: number; at: number }> {
  let offset = 0;
  for (let i = 0; i < lines.length; offset += (lines[i] ?? '').length + 1, i++) {
    const question = EMPTY_QUESTION.exec((lines[i] ?? '').replace(/\r$/, ''));
    if (!question) continue;
    const column = (question[1] ?? '').length;
    let k = i + 1;
    let at = offset + (lines[i] ?? '').length + 1;
    while (k < lines.length && (/^[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '') || (/^ *[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*\r?$/.test(lines[k] ?? '') && indentOf(lines[k] ?? '') > column))) {
      at += (lines[k++] ?? '').length + 1;
    }
    yield { column, k, at };
  }
}

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
