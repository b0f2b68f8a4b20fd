import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { questionAbove } from './question-above.js';
import { holdsPair, indentOf, lineAfterBlanks, lineText, previousContentLine, propertiesStart } from './lines.js';
import { PROPERTIES_LINE, propertiesAbove } from './properties.js';

// Lines that start with a value indicator (`:`): where Bun reads a key going on over lines
// ("Multiline implicit key") or stops ("Unexpected token"), after a plain scalar, a list, a key whose
// `:` sits on a later line, or as an empty key indented deeper than its map's keys.

/**
 * Whether the list whose first dash is at `at` (column `column`) is followed by a `:` line at that
 * column, or at or past its last entry's text (its entries at the column and the lines further right
 * are the list's): a key going on over lines to Bun.
 */
export function colonAfterList(text: string, at: number, column: number): boolean {
  /** Where the text of the last entry starts: a `:` line further right than the list's column, at or past it, is that text's. */
  let entryText = column + (/^-[ \t]*/.exec(text.slice(at, at + 256))?.[0].length ?? 1);
  for (let from = text.indexOf('\n', at) + 1; from > 0 && from < text.length; from = text.indexOf('\n', from) + 1) {
    const line = lineText(text, from);
    if (/^[ \t]*(?:#.*)?$/.test(line)) continue;
    const indent = indentOf(line);
    const colon = /^[ \t]*:(?:[ \t]|$)/.test(line);
    if (indent > column && colon) return indent >= entryText;
    if (indent === column && /^[ \t]*-(?:[ \t]|$)/.test(line)) entryText = column + (/^-[ \t]*/.exec(line.slice(indent))?.[0].length ?? 1);
    else if (indent <= column) return indent === column && colon;
  }
  return false;
}

/**
 * Whether the `:` at `at`, first on its line, follows a plain scalar that opens the document (its first
 * line with something on it besides a comment, and no pair), no further left than it: outside any
 * block, Bun reads on over every line as that scalar's (measured; fixtures *-plain-opening-*).
 */
export function plainOpening(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, at))) return false;
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*([^\n]*)/.exec(text)?.[1] ?? '';
  // (A `:` left of the scalar's first line is no value of it: Bun stops there for another reason.)
  return /^[ \t]*(?:[^\s\-?:,[\]{}#&*!|>'"%@`]|[-?:][^\s])/.test(first) && !holdsPair(first) && !/[ \t]#/.test(first) && text.indexOf(first) < lineStart && at - lineStart >= indentOf(first);
}

/**
 * Bun's wording where yaml stops at, or just before, a line that starts with a value indicator (`:`)
 * after a line holding a node but no pair (fixtures *-colon-later-line-*, measured with the client):
 * where a key may start there (in a map, or the first node of a block), Bun reads a multi-line implicit
 * key, "Multiline implicit key"; after a list entry in a list, "Unexpected token". Blank and comment
 * lines between change nothing; a lone carriage return ends a line. Undefined: no opinion.
 */
export function colonLineWording(text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  for (const start of [lineStart, lineAfterBlanks(text, at)]) {
    if (start <= 0 && start !== lineStart) continue;
    if (!COLON_LINE.test(text.slice(start, start + 40))) continue;
    const previous = previousContentLine(text, start);
    // (Under an explicit key's `?` line, or its node on the lines under a `?` alone, the `:` is that key's value.)
    if (previous === undefined || holdsPair(previous.text) || /^[ \t]*\?(?:[ \t]|$)/.test(previous.text) || nodeUnderQuestion(text, previous)) continue;
    const indent = indentOf(previous.text);
    const colon = indentOf(text.slice(start, start + 40));
    // A block scalar header takes the more indented lines after it as its text.
    if (/^[ \t]*(- +)?[|>]/.test(previous.text) && colon > indent) continue;
    // Right of an anchor or tag alone on a line where a key goes (no further right than the line above):
    // Bun opens a map there, the value of that empty key, and stops after it.
    if (colon > indent && PROPERTIES_LINE.test(previous.text)) {
      const before = previousContentLine(text, previous.start);
      if (before === undefined || indentOf(before.text) >= indent) return 'Unexpected token';
    }
    const context = contextAt(text, previous.start, indent, previous.text);
    // Right of a list entry's text, the `:` goes on with the entry's node, unless it sits at the column
    // of a pair the entry holds (an empty key there); between the dash and the text, only in a map.
    const entry = /^([ \t]*- +)(.*)$/.exec(previous.text);
    if (entry && colon > indent) {
      const text = (entry[1] ?? '').length;
      if (colon < text) return context === 'list' ? 'Unexpected token' : 'Multiline implicit key';
      return colon === text && holdsPair(entry[2] ?? '') ? 'Unexpected token' : 'Multiline implicit key';
    }
    if (context === 'list') return 'Unexpected token';
    // Left of a node that opens its block: no key goes on there.
    if (colon < indent && context === 'first') return 'Unexpected token';
    return 'Multiline implicit key';
  }
  return undefined;
}

/** Whether `line` is an explicit key's node on a line of its own under its `?` alone, further right (`?` / `  k`). */
function nodeUnderQuestion(text: string, line: { start: number; text: string }): boolean {
  const question = questionAbove(text, line.start);
  return question !== null && indentOf(line.text) > (question[1] ?? '').length;
}

/** A line that starts (after blanks) with a value indicator. */
const COLON_LINE = /^[ \t]*:(?:[ \t]|\r?$|\r?\n)/;

/**
 * Where the node on the line at `start` (indented `indent`) sits: in a list or a map (the nearest line
 * above it at the same indentation is a list entry, or not), or first in its block (then a list entry
 * opens a list).
 */
function contextAt(text: string, start: number, indent: number, line: string): 'list' | 'map' | 'first' {
  const isEntry = (content: string): boolean => /^[ \t]*-(?:[ \t]|$)/.test(content);
  // (A list whose first entry follows a pair at its column is a key of that map, as Bun reads it.)
  let entries = isEntry(line);
  for (let above = previousContentLine(text, start); above !== undefined; above = previousContentLine(text, above.start)) {
    const depth = indentOf(above.text);
    if (depth < indent) break;
    if (depth === indent) {
      if (!isEntry(above.text)) return holdsPair(above.text) || !entries ? 'map' : 'list';
      entries = true;
    }
  }
  return entries ? 'list' : 'first';
}

/**
 * A block-map key whose value indicator (`:`) sits on a later line (`foo` then `  : v`, blank or
 * comment lines between or not): yaml reads the pair, Bun refuses the multi-line implicit key (measured;
 * fixtures *-colon-later-line-*). An explicit key (`? foo`, `- ? foo`, `? &a` / `  foo`, `?` / `  &a foo`)
 * may do this (fixtures *-question-*-key-*, *-key-properties-under-question-*). The offset of the first such
 * key, or undefined.
 */
export function keyColonOnLaterLine(doc: Document.Parsed, text: string): number | undefined {
  const { visit, isNode, isScalar } = yaml();
  let found: number | undefined;
  visit(doc, {
    Map(_, map) {
      if (map.flow) return visit.SKIP;
      for (const pair of map.items) {
        const key = pair.key;
        if (!isNode(key) || !key.range || (isScalar(key) && key.value === null)) continue;
        const [start, end] = key.range;
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        if (/^[ \t]*(?:-[ \t]+)*(?:[&!]\S*[ \t]+)*\?/.test(text.slice(lineStart, start)) || (/^[ \t]*(?:[&!]\S*(?:[ \t]+|$))*$/.test(text.slice(lineStart, start)) && questionAbove(text, lineStart))) continue;
        // From the key's end: blanks, comments and line breaks, then the `:`.
        const after = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)+[ \t]*:(?=[ \t]|\r?\n|$)/.exec(text.slice(end, end + 4096));
        if (after && (found === undefined || start < found)) found = start;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Bun's wording for a key found by keyColonOnLaterLine at `at`: "Multiline implicit key", but where the
 * key is only an anchor or a tag alone on its line (an empty node) and the `:` further right than they
 * are, "Unexpected token" (Bun opens a map there; measured, fixtures *-properties-then-colon-*).
 */
export function laterColonWording(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/[ \t]+#.*$/, '').replace(/[ \t\r]+$/, '');
  if (!PROPERTIES_LINE.test(line) || lineEnd < 0) return 'Multiline implicit key';
  const colon = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*([ \t]*):/.exec(text.slice(lineEnd + 1, lineEnd + 4097));
  return colon && (colon[1] ?? '').length > indentOf(line) ? 'Unexpected token' : 'Multiline implicit key';
}

/**
 * An empty key (`: v` alone on its line) indented deeper than the keys of its map (`a: b` then
 * `  : v`): yaml reads another pair, Bun stops ("Unexpected token", measured; fixtures
 * *-colon-later-line-*). At the map's own indentation both read a null key. An explicit key whose
 * node is anchors or tags alone on the lines under its `?` (`?` / `  &a` / ` :`) stands at its `?`,
 * and that `:` is its value's (fixtures *-properties-under-question-colon-*); an empty key with anchors
 * or tags before its `:` (`&c : w`) stands where they start (fixtures *-anchored-empty-key-*). The offset of the first
 * such `:`, or undefined.
 */
export function indentedEmptyKey(doc: Document.Parsed, text: string): { at: number; wording: string } | undefined {
  const { visit, isMap, isNode, isScalar, isSeq } = yaml();
  let found: { at: number; wording: string } | undefined;
  visit(doc, {
    Map(_, map) {
      if (map.flow) return visit.SKIP;
      let column: number | undefined;
      let previousValueStart: number | undefined;
      let previousKeyEnd = 0;
      let previousExplicit = false;
      /** The column of the `:` lines under an explicit key of properties only (`? &a` / `   : x`): Bun's map there. */
      let propertiesMap: number | undefined;
      for (const pair of map.items) {
        const key = pair.key;
        if (!isNode(key) || !key.range) return undefined;
        // (yaml's range of a map used as a key may start after its first key.)
        const inner = isMap(key) ? key.items[0]?.key : undefined;
        let start = Math.min(key.range[0], isNode(inner) ? (inner.range?.[0] ?? Infinity) : Infinity);
        // An explicit key (`? k`, `? &a k`, `?` alone, the `?` first on its line or after a list entry's
        // dashes, `- ? k`: fixtures *-list-question-*-empty-key-*) stands at its `?`.
        const keyLine = text.lastIndexOf('\n', start - 1) + 1;
        // (A tag on it, `!u : w`, may make it an empty string to yaml; fixtures *-tag-then-tagged-empty-key-*.)
        const nothing = isScalar(key) && (key.value === null || key.value === '') && key.range[0] === key.range[1];
        // (Or alone on the line above the key's node: `?` / `  k` / `: v`.)
        // (Or an explicit key of properties only on lines of their own under it: `?` / `  &a` / ` :`.)
        const lead = text.slice(keyLine, start);
        const under = nothing && PROPERTIES_LINE.test(lead) ? questionAbove(text, propertiesAbove(text, keyLine).start) : null;
        const question = /^( *(?:-[ \t]+)*)\?(?:[ \t]+(?:[&!]\S*(?:[ \t]+|$))*)?$/.exec(lead) ?? under ?? (!nothing && /^[ \t]*$/.test(lead) ? questionAbove(text, keyLine) : null);
        const empty = !question && nothing;
        if (empty) {
          const gap = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*:/.exec(text.slice(start, start + 4096));
          if (!gap) return undefined;
          start += gap[0].length - 1;
        }
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        // Other `?`s: no opinion.
        if (!question && /\?/.test(text.slice(lineStart, start))) return undefined;
        // (An empty key with anchors or tags before its `:`, `&c : w`, stands where they start.)
        const properties = empty ? /^([ \t]*)(?:[&!]\S*[ \t]+)+$/.exec(text.slice(lineStart, start)) : null;
        const at = question ? (question[1] ?? '').length : properties ? (properties[1] ?? '').length : start - lineStart;
        if (empty && at === propertiesMap) continue;
        propertiesMap = question && isScalar(key) && key.range[0] === key.range[1] && (under !== null || /[&!]/.test(question[0])) ? colonColumnBelow(text, pair.value, (question[1] ?? '').length) : undefined;
        if (column === undefined) column = at;
        else if (empty && at > column && (found === undefined || start < found.at)) {
          // After `key:` alone on its line, Bun takes the value's first line for a key going on over lines
          // (unless the `:` is left of it); so it does after an explicit key's value (`? k` / `: v`).
          const ownLine = previousValueStart !== undefined && (previousExplicit || text.slice(previousKeyEnd, previousValueStart).includes('\n'));
          const valueColumn = previousValueStart === undefined ? 0 : previousValueStart - (text.lastIndexOf('\n', previousValueStart - 1) + 1);
          found = { at: start, wording: ownLine && at >= valueColumn ? 'Multiline implicit key' : 'Unexpected token' };
        }
        previousKeyEnd = key.range[1];
        // (A block list's entries: Bun measures the `:` against the text of the last one, `- a` / `  : v`.)
        let value = pair.value;
        while (isSeq(value) && !value.flow && isNode(value.items[value.items.length - 1])) value = value.items[value.items.length - 1];
        // (Its anchors and tags, `: !t v`, are where it starts.)
        previousValueStart = isNode(value) && value.range ? propertiesStart(text, value.range[0]) : undefined;
        previousExplicit = Boolean(question);
      }
      return undefined;
    },
  });
  return found;
}

/**
 * For an explicit key of properties only (`? &a`), the column of its value's `:` when that starts a line
 * further right than the `?` (at `indent`): Bun reads a map there, the node of the properties.
 */
function colonColumnBelow(text: string, value: unknown, indent: number): number | undefined {
  const { isNode } = yaml();
  const valueStart = isNode(value) ? value.range?.[0] : undefined;
  if (valueStart === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', valueStart - 1) + 1;
  const colon = /^( *):(?=[ \t])/.exec(text.slice(lineStart, valueStart));
  return colon && (colon[1] ?? '').length > indent ? (colon[1] ?? '').length : undefined;
}
