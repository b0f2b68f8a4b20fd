import { colonAfterList } from './colon-line-wording.js';
import { holdsPair, indentOf, previousContentLine } from './lines.js';
import { PROPERTIES_LINE } from './properties.js';
import { quoteAfterEntry, unclosedQuoteWording, valueQuoteOnOwnLine } from './quotes.js';

/**
 * Bun's wording where yaml reports a multi-line implicit key (MULTILINE_IMPLICIT_KEY) at `start`, the key
 * running to `end` (measured with the client): "Multiline implicit key" when it is the block's first key
 * or goes on onto an indented line, "Unexpected token" when a stray line (such as `<example>`) follows
 * other keys; a quoted value yaml takes for the key ends as Bun scans it through.
 */
export function multilineKeyWording(text: string, start: number, end: number): string {
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
