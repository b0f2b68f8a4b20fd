import { blockHeaderRefused, leadingBlanksRefused } from './block-scalars.js';
import { colonAfterList, colonLineWording, plainOpening } from './colon-lines.js';
import { innermostOpen } from './flow-closers.js';
import { followsSibling, holdsPair, indentOf, lineAfterBlanks, lineText, previousContentLine } from './lines.js';
import { PROPERTIES_BEFORE_QUESTION, PROPERTIES_LINE, propertiesAbove, repeatedPropertyWording } from './properties.js';
import { quoteAfterEntry, UNCLOSED_QUOTE, unclosedQuoteWording, valueQuoteOnOwnLine } from './quotes.js';
import { tabIndentWording } from './tab-indent.js';

// Bun's wording for the errors yaml reports: one yaml code stands for several of Bun's, told apart
// by the lines around the error (the other modules supply the cases: quotes, tabs, `:` lines,
// properties, block headers, flow collections). Also the one yaml error Bun has no counterpart for.

/**
 * Errors yaml raises on documents Bun reads, where yaml's document is right all the same: a list or map
 * used as a key after an empty or comment line ("Map comment with trailing content"); a comment first
 * on its line at column 1 inside a flow map, after a value ("Comments must be separated from other
 * tokens": measured, fixtures *-flow-comment-column-1-*).
 */
export const yamlSlip = (error: { code: string; message: string; pos: [number, number] }, text: string): boolean =>
  (error.code === 'IMPOSSIBLE' && error.message.startsWith('Map comment with trailing content')) ||
  (error.code === 'MISSING_CHAR' && error.message.startsWith('Comments must be separated') && text.charAt(error.pos[0]) === '#' && (error.pos[0] === 0 || text.charAt(error.pos[0] - 1) === '\n'));

/** Bun's wording for what yaml reports; the client shows these in its log. */
const BUN_MESSAGES: Record<string, string> = {
  MULTILINE_IMPLICIT_KEY: 'Multiline implicit key',
  TAB_AS_INDENT: 'Tab characters cannot be used as indentation',
  BAD_DQ_ESCAPE: 'Unexpected character',
  TAG_RESOLVE_FAILED: 'Unresolved tag handle',
};

/**
 * Bun's wording for an error yaml reports as `code` (on `source`, the text it points at), where one
 * yaml code stands for several of Bun's (measured with the client):
 * - a multi-line implicit key is "Multiline implicit key" when it is the block's first key or goes on
 *   onto an indented line, "Unexpected token" when a stray line (such as `<example>`) follows other keys;
 * - an unclosed quote is "Unexpected character" when a line inside it starts no further right than
 *   its key (column 1 at the top level), else "Unexpected EOF" (it runs to the end of the frontmatter).
 */
export function bunMessage(code: string, message: string, [start, end]: [number, number], text: string): string {
  // (A second anchor or tag: Bun's own words, whatever the lines around it.)
  // (Unless they stand before a `?` after an entry of its map, where Bun stops first: see below.)
  if (code === 'MULTIPLE_ANCHORS' || code === 'MULTIPLE_TAGS') {
    const question = questionAfterEntry(text, start);
    return question === undefined ? repeatedPropertyWording(code, text, start) : propertiesBeforeQuestionWording(text, question);
  }
  // Anchors or tags before a `?` that follows an entry of its map (`a: b` / `&a ? k`): Bun reads a key
  // going on over lines. (Where the `?` opens a map, propertiesBeforeQuestion reads them as Bun does.)
  if (code === 'BAD_PROP_ORDER' && text.charAt(start) === '?' && PROPERTIES_BEFORE_QUESTION.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return propertiesBeforeQuestionWording(text, start);
  // A `:` line after a plain scalar that opens the document: Bun reads every line up to the `:` as that
  // scalar's (a `?` or `-` at their start included), a key going on over lines.
  if (code === 'UNEXPECTED_TOKEN' && message.startsWith('Unexpected map-value-ind') && plainOpening(text, start)) return 'Multiline implicit key';
  // A block scalar where none can stand (a stray `|--` line after a value): Bun scans its header before
  // it finds it out of place, so a header it refuses is what it reports.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const header = lineStart + (/^[ \t]*/.exec(text.slice(lineStart, lineStart + 256))?.[0].length ?? 0);
  if (header >= start && /[|>]/.test(text.charAt(header)) && (blockHeaderRefused(text, header) || leadingBlanksRefused(text, header)) && !innermostOpen(text).has(lineStart)) return 'Unexpected character';
  // So is an anchor or alias with no name (`& more`, `* item`): Bun refuses it as it scans it.
  if (header >= start && /[&*]/.test(text.charAt(header)) && /^(?:[\s,[\]{}]|$)/.test(text.charAt(header + 1)) && !innermostOpen(text).has(lineStart)) return 'Unexpected character';
  const colon = colonLineWording(text, start);
  if (colon) return colon;
  const tabbed = tabIndentWording(code, text, start);
  if (tabbed) return tabbed;
  if (code === 'MULTILINE_IMPLICIT_KEY') {
    // A quoted value on the line after its key (`key:` / `"…` at any column): Bun scans it through first.
    const quote = /["']/.test(text.charAt(start)) ? valueQuoteOnOwnLine(text, start) : undefined;
    const wording = quote && quote.at === start ? unclosedQuoteWording(text, quote.at, quote.indent) : undefined;
    if (wording) return wording;
    // So is one first on its line after a finished entry (no further right than it, as the retry leaves
    // a line that only closed a quote): the entry's map is what its lines are measured against.
    const own = /["']/.test(text.charAt(start)) ? quoteAfterEntry(text, start) : undefined;
    if (own !== undefined) return own;
    // A key that starts with a reserved character (`@`, a backtick), or under a line of only an anchor
    // or a tag indented further right than the key: Bun stops before it is a key.
    const keyLine = text.lastIndexOf('\n', start - 1) + 1;
    const above = previousContentLine(text, keyLine)?.text ?? '';
    if (/^[@`]/.test(text.slice(start, start + 1)) || (PROPERTIES_LINE.test(above) && indentOf(above) > start - keyLine)) {
      return 'Unexpected token';
    }
    // A list where a key goes: with a `:` line at its column after it, a key going on over lines.
    if (/^-(?:[ \t]|\r?\n|$)/.test(text.slice(start, start + 2)) && colonAfterList(text, start, start - keyLine)) return 'Multiline implicit key';
    // The content of an explicit key (`? k`, `? ? k`, `? &a k`, `? "k`) going on over lines to a `:`.
    if (/^[ \t]*(?:\?[ \t]+)+(?:[&!]\S*[ \t]+)*$/.test(text.slice(keyLine, start))) return 'Unexpected token';
    // "Multiline implicit key" for a real key (a `:` follows) that is the block's first, at column 1
    // (only blank and comment lines before it), or that goes on onto indented lines; otherwise the
    // lines are stray ones: "Unexpected token".
    const continued = text.slice(start, end).split('\n').slice(1);
    // (The `:` may stand on a later line, at any column: Bun ends the key, then finds its value indicator.)
    const isKey = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*:/.test(text.slice(end, end + 4096));
    const before = text.slice(0, start);
    const first = (before === '' || before.endsWith('\n')) && before.split('\n').every((line) => /^[ \t]*(#.*)?\r?$/.test(line));
    // (In a nested map past its first entry, Bun measures the key's lines against the map's own
    // indentation: a line no further right than the key ends it, and the key is a stray line.)
    const open = openSibling(text, keyLine, start - keyLine);
    // (After an entry whose value is a list or map further right, Bun measures them against that.)
    const nested = nestedBefore(text, keyLine, start - keyLine);
    // A list entry's text going on onto a key line left of the entry's text is "Unexpected token" (measured).
    const entry = /^([ \t]*- +)/.exec(text.slice(text.lastIndexOf('\n', start - 1) + 1, start + 1))?.[1]?.length;
    // (A `- ` line goes on with a list entry's text too, no further left than that text.)
    const dashed = (line: string): boolean => /^[ \t]*- /.test(line) && (entry === undefined || indentOf(line) < entry);
    // (An explicit key's value, `: v`: its lines no further left than it; fixtures *-explicit-value-key-lines-*.)
    const value = /^[ \t]*:[ \t]+$/.test(text.slice(keyLine, start)) ? start - keyLine : 0;
    const indented = continued.every((line) => /^[ \t]/.test(line) && !dashed(line) && (!open || indentOf(line) > start - keyLine) && indentOf(line) > nested && indentOf(line) >= value);
    const inEntry = entry !== undefined && continued.some((line) => (/^ */.exec(line)?.[0].length ?? 0) < entry);
    return isKey && (first || indented) && !inEntry ? 'Multiline implicit key' : 'Unexpected token';
  }
  // (yaml may point at the blanks before the list's first dash.)
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && message.startsWith('A block sequence may not be used') && header >= start && colonAfterList(text, header, header - lineStart)) return 'Multiline implicit key';
  // A block scalar header with more after it (`|x`, `| x`), a tag or anchor glued to what follows (`&{`),
  // or an unclosed verbatim tag (`!<x`).
  if (/^(Block scalar header includes extra characters|Tags and anchors must be separated|Verbatim tags must end)/.test(message)) return 'Unexpected character';
  // A block scalar whose first lines are blank lines further right than its text: Bun meets that first.
  // (Text after the tab on that line, ` \ttext`, is a token Bun does not take there: fixtures *-block-tab-then-text-*.)
  if (message.startsWith('Block scalars with more-indented leading empty lines')) return /^[ \t]*\t[ \t]*[^\s#]/.test(lineText(text, lineStart)) ? 'Unexpected token' : 'Unexpected character';
  if (message.startsWith('Not a YAML token') && /[|>][-+0-9]*[ \t]+$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return 'Unexpected character';
  // A comment glued to a block scalar's header (`|#c`, `>2#c`).
  if (message.startsWith('Comments must be separated') && /[|>][-+0-9]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return 'Unexpected character';
  // `*` names no anchor: as the very last character Bun runs out of input; before anything (a line end too),
  // it meets a character.
  if (code === 'BAD_ALIAS') return text.slice(end) === '' ? 'Unexpected EOF' : 'Unexpected character';
  // A quoted value on a line of its own further right than a finished entry: Bun reads it through before
  // it finds it out of place, so an unclosed one ends as the value of the entry's key would. (This is
  // mostly what the client's retry makes of a line that opened a quote or a bracket it did not close.)
  if (code === 'BAD_INDENT' && /^[ \t]*$/.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start)) && !innermostOpen(text).has(text.lastIndexOf('\n', start - 1) + 1)) {
    // (yaml may point at a comment line before it.)
    const gap = /^(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]*/.exec(text.slice(start, start + 4096))?.[0] ?? '';
    const quote = start + gap.length;
    const above = previousContentLine(text, text.lastIndexOf('\n', start - 1) + 1);
    if (/["']/.test(text.charAt(quote)) && above && holdsPair(above.text)) return unclosedQuoteWording(text, quote, indentOf(above.text)) ?? 'Unexpected token';
    // An alias with no name there (`*]`, `* ,`): Bun meets the character first.
    if (text.charAt(quote) === '*' && /^[\s,[\]{}]?$/.test(text.charAt(quote + 1)) && above && holdsPair(above.text)) return 'Unexpected character';
  }
  // A quoted value right after another (`"a "" b`): Bun reads the second one through, so an unclosed one
  // meets a line too far left ("Unexpected character") or the end ("Unexpected EOF").
  if (code === 'UNEXPECTED_TOKEN' && /^Unexpected (?:double|single)-quoted-scalar at node end/.test(message)) return unclosedQuoteWording(text, start) ?? 'Unexpected token';
  if (code === 'MISSING_CHAR' && message.startsWith('Missing closing')) {
    const lines = text.split('\n');
    const open = lines.findIndex((line) => UNCLOSED_QUOTE.test(line));
    // A line inside it (with something on it) no further right than the key (a list entry's dash
    // before it counts: fixtures *-quoted-key-quoted-dedent-*): Bun meets a character.
    const keyIndent = /^[ \t]*(?:-[ \t]+)*/.exec(lines[open] ?? '')?.[0].length ?? 0;
    if (open >= 0) return lines.slice(open + 1).some((line) => /\S/.test(line) && (/^[ \t]*/.exec(line)?.[0].length ?? 0) <= keyIndent) ? 'Unexpected character' : 'Unexpected EOF';
    // A quoted value on the line after its key (`key:` / `  "…`): followed as the key's value.
    const quote = valueQuoteOnOwnLine(text, start);
    if (quote) return unclosedQuoteWording(text, quote.at, quote.indent) ?? 'Unexpected token';
  }
  return BUN_MESSAGES[code] ?? 'Unexpected token';
}

/**
 * The indentation of the list or map right before the line at `lineStart` that is further right than
 * `column` (the nearest line above that is a list entry or a pair), where it is the value of the entry
 * above it (`key:` alone), or -1: the block a key's scalar on that line is scanned in, whose
 * indentation its later lines must pass.
 */
function nestedBefore(text: string, lineStart: number, column: number): number {
  const collection = (line: string): boolean => /^[ \t]*-(?:[ \t]|$)/.test(line) || holdsPair(line);
  let nearest = -1;
  let first: string | undefined;
  for (let above = previousContentLine(text, lineStart), steps = 0; above && steps < 1_000; above = previousContentLine(text, above.start), steps++) {
    if (indentOf(above.text) <= column) {
      // (Only where the entry's value is that collection: `key:` alone, then an entry or a pair.)
      return /:[ \t]*\r?$/.test(above.text) && first !== undefined && collection(first) ? nearest : -1;
    }
    if (nearest < 0 && collection(above.text)) nearest = indentOf(above.text);
    first = above.text;
  }
  return -1;
}

/**
 * Whether the line at `lineStart`, whose content starts at column `indent` (> 0), has a sibling above
 * it: going up past lines further right, the first line at most that far right is at that column.
 */
function openSibling(text: string, lineStart: number, indent: number): boolean {
  if (indent === 0 || !/^[ \t]*$/.test(text.slice(lineStart, lineStart + indent))) return false;
  for (let above = previousContentLine(text, lineStart), steps = 0; above !== undefined && steps < 10_000; above = previousContentLine(text, above.start), steps++) {
    const at = indentOf(above.text);
    if (at <= indent) return at === indent;
  }
  return false;
}

/**
 * Bun's wording for anchors or tags before a `?` (at `at`) that follows an entry of its map (`a: b` /
 * `&a ? k`): a key going on over lines ("Multiline implicit key"), but "Unexpected token" where the first
 * `:` line under it stands further right than the key's node or no further left than the `?`, or the
 * key has none (`&a ?` / `  : v`; measured, fixtures *-properties-before-question-after-entry-*).
 */
function propertiesBeforeQuestionWording(text: string, at: number): string {
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
function questionAfterEntry(text: string, at: number): number | undefined {
  let lineStart = text.lastIndexOf('\n', at - 1) + 1;
  // (The repeat may be on a line of properties only, over the `?` line.)
  for (let steps = 0; lineStart > 0 && PROPERTIES_LINE.test(lineText(text, lineStart)) && steps < 10_000; steps++) lineStart = lineAfterBlanks(text, lineStart);
  if (lineStart === 0 && at > 0) return undefined;
  const lead = /^([ \t]*)((?:[&!]\S*[ \t]+)+)\?(?:[ \t]|\r?$)/.exec(lineText(text, lineStart));
  if (!lead) return undefined;
  const column = (lead[1] ?? '').length;
  return followsSibling(text, propertiesAbove(text, lineStart).start, column) ? lineStart + column + (lead[2] ?? '').length : undefined;
}
