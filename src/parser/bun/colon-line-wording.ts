import { holdsPair, indentOf, lineAfterBlanks, lineText, previousContentLine } from './lines.js';
import { PROPERTIES_LINE } from './properties.js';
import { questionAbove } from './question-above.js';

// Lines that start with a value indicator (`:`): where Bun reads a key going on over lines
// ("Multiline implicit key") or stops ("Unexpected token"), after a plain scalar or a list. (A key
// whose `:` sits on a later line: key-colon-on-later-line.ts; an empty key indented deeper than its
// map's keys: indented-empty-key.ts.)

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
