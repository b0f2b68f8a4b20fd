import type { Alias, Document, Node } from 'yaml';
import { scalarRanges, readDocuments, yaml } from './yaml-engine.js';

// How Bun, the client's YAML engine, reads what yaml reads otherwise (each rule measured with the
// client through cc-oracle; the fixtures in tests/fixtures/oracle hold the cases).

/**
 * Errors yaml raises on documents Bun reads, where yaml's document is right all the same: a list or map
 * used as a key after an empty or comment line ("Map comment with trailing content").
 */
export const yamlSlip = (error: { code: string; message: string }): boolean =>
  error.code === 'IMPOSSIBLE' && error.message.startsWith('Map comment with trailing content');

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
  if (code === 'MULTIPLE_ANCHORS' || code === 'MULTIPLE_TAGS') return repeatedPropertyWording(code, text, start);
  // Anchors or tags before a `?` that follows an entry of its map (`a: b` / `&a ? k`): Bun reads a key
  // going on over lines. (Where the `?` opens a map, propertiesBeforeQuestion reads them as Bun does.)
  if (code === 'BAD_PROP_ORDER' && text.charAt(start) === '?' && PROPERTIES_BEFORE_QUESTION.test(text.slice(text.lastIndexOf('\n', start - 1) + 1, start))) return 'Multiline implicit key';
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
    const indented = continued.every((line) => /^[ \t]/.test(line) && !dashed(line) && (!open || indentOf(line) > start - keyLine) && indentOf(line) > nested);
    const inEntry = entry !== undefined && continued.some((line) => (/^ */.exec(line)?.[0].length ?? 0) < entry);
    return isKey && (first || indented) && !inEntry ? 'Multiline implicit key' : 'Unexpected token';
  }
  // (yaml may point at the blanks before the list's first dash.)
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && message.startsWith('A block sequence may not be used') && header >= start && colonAfterList(text, header, header - lineStart)) return 'Multiline implicit key';
  // A block scalar header with more after it (`|x`, `| x`), a tag or anchor glued to what follows (`&{`),
  // or an unclosed verbatim tag (`!<x`).
  if (/^(Block scalar header includes extra characters|Tags and anchors must be separated|Verbatim tags must end)/.test(message)) return 'Unexpected character';
  // A block scalar whose first lines are blank lines further right than its text: Bun meets that first.
  if (message.startsWith('Block scalars with more-indented leading empty lines')) return 'Unexpected character';
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
    // A line inside it (with something on it) no further right than the key: Bun meets a character.
    const keyIndent = /^[ \t]*/.exec(lines[open] ?? '')?.[0].length ?? 0;
    if (open >= 0) return lines.slice(open + 1).some((line) => /\S/.test(line) && (/^[ \t]*/.exec(line)?.[0].length ?? 0) <= keyIndent) ? 'Unexpected character' : 'Unexpected EOF';
    // A quoted value on the line after its key (`key:` / `  "…`): followed as the key's value.
    const quote = valueQuoteOnOwnLine(text, start);
    if (quote) return unclosedQuoteWording(text, quote.at, quote.indent) ?? 'Unexpected token';
  }
  return BUN_MESSAGES[code] ?? 'Unexpected token';
}

/**
 * The quoted scalar that is the first thing on its line, the line after a `key:` with no value, where
 * the line holding (or nearest before) `at` is that line or one the scalar goes on to: its quote and the
 * key's indentation (the block indentation Bun measures its lines against). Undefined otherwise.
 */
function valueQuoteOnOwnLine(text: string, at: number): { at: number; indent: number } | undefined {
  // (The nearest such line going up is the only candidate: one quoted run is followed, at most.)
  for (let lineStart = text.lastIndexOf('\n', at - 1) + 1, steps = 0; steps < 2_000; steps++) {
    const lead = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 256))?.[0].length ?? 0;
    const quote = lineStart + lead;
    const above = /["']/.test(text.charAt(quote)) ? previousContentLine(text, lineStart) : undefined;
    if (above && /^[ \t]*[^\s#"'\-[{?][^#]*:[ \t]*$/.test(above.text) && holdsPair(above.text)) {
      const indent = indentOf(above.text);
      const run = quotedRun(text, quote, indent);
      // (It must reach `at`.)
      return ('dedented' in run ? run.dedented : run.end) >= at ? { at: quote, indent } : undefined;
    }
    if (lineStart === 0) return undefined;
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  }
  return undefined;
}

/**
 * For a quote first on its line (at `at`) under a finished entry no further left (`a: b` then `'x`):
 * Bun's wording where the quoted scalar never closes, its lines measured against that entry's column
 * (measured; fixtures *-quote-after-entry-*). Undefined when it closes, or elsewhere.
 */
function quoteAfterEntry(text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, at))) return undefined;
  const above = previousContentLine(text, lineStart);
  if (!above || !holdsPair(above.text) || /:[ \t]*$/.test(above.text)) return undefined;
  const indent = indentOf(above.text);
  return at - lineStart <= indent ? unclosedQuoteWording(text, at, indent) : undefined;
}

/**
 * Whether the list whose first dash is at `at` (column `column`) is followed by a `:` line at that
 * column, or at or past its last entry's text (its entries at the column and the lines further right
 * are the list's): a key going on over lines to Bun.
 */
function colonAfterList(text: string, at: number, column: number): boolean {
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
 * Whether the `:` at `at`, first on its line, follows a plain scalar that opens the document (its first
 * line with something on it besides a comment, and no pair), no further left than it: outside any
 * block, Bun reads on over every line as that scalar's (measured; fixtures *-plain-opening-*).
 */
function plainOpening(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, at))) return false;
  const first = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*([^\n]*)/.exec(text)?.[1] ?? '';
  // (A `:` left of the scalar's first line is no value of it: Bun stops there for another reason.)
  return /^[ \t]*(?:[^\s\-?:,[\]{}#&*!|>'"%@`]|[-?:][^\s])/.test(first) && !holdsPair(first) && !/[ \t]#/.test(first) && text.indexOf(first) < lineStart && at - lineStart >= indentOf(first);
}

/**
 * Whether Bun refuses the text of a block scalar whose header is first on its line at `at`, after an
 * entry of a map: empty lines of spaces after the header further right than its first line of text,
 * where that line is further right than the entry (else the scalar is empty and ends there).
 */
function leadingBlanksRefused(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const entry = previousContentLine(text, lineStart);
  if (!entry || !holdsPair(entry.text)) return false;
  let widest = 0;
  for (let from = text.indexOf('\n', at) + 1; from > 0 && from < text.length; from = text.indexOf('\n', from) + 1) {
    const line = lineText(text, from);
    const spaces = /^ */.exec(line)?.[0].length ?? 0;
    if (spaces === line.length) {
      widest = Math.max(widest, spaces);
      continue;
    }
    return spaces > indentOf(entry.text) && spaces < widest;
  }
  return false;
}

/**
 * Whether Bun refuses the block scalar header whose `|` or `>` is at `at`: at most one indentation
 * indicator (1-9) and one chomping indicator, blanks and a comment after blanks, in any order; then a
 * line break, and no tab first on the next line.
 */
function blockHeaderRefused(text: string, at: number): boolean {
  let indicator = false;
  let chomp = false;
  for (let i = at + 1; i < text.length; ) {
    const c = text.charAt(i);
    if (c >= '1' && c <= '9') {
      if (indicator) return true;
      indicator = true;
      i++;
    } else if (c === '-' || c === '+') {
      if (chomp) return true;
      chomp = true;
      i++;
    } else if (c === ' ' || c === '\t') {
      while (text.charAt(i) === ' ' || text.charAt(i) === '\t') i++;
      if (text.charAt(i) === '#') while (i < text.length && text.charAt(i) !== '\n' && text.charAt(i) !== '\r') i++;
    } else if (c === '\r' || c === '\n') {
      const next = c === '\r' && text.charAt(i + 1) === '\n' ? i + 2 : i + 1;
      return text.charAt(next) === '\t';
    } else return true;
  }
  return false;
}

/**
 * For a quoted scalar opening at `start` that never closes: "Unexpected character" when a line inside it
 * (with something on it) starts no further right than `indent` (by default that of the line it opened
 * on), else "Unexpected EOF". Undefined when it closes.
 */
function unclosedQuoteWording(text: string, start: number, indent = leadingSpaces(text, text.lastIndexOf('\n', start - 1) + 1)): string | undefined {
  const run = quotedRun(text, start, indent);
  if ('dedented' in run) return 'Unexpected character';
  return run.end < text.length ? undefined : 'Unexpected EOF';
}

/**
 * Follows the quoted scalar whose quote is at `start` (`''` and `\"` escapes inside): the offset of its
 * closing quote (the text's length when there is none), or the start of the first line inside it with
 * something on it no further right than `indent`, which Bun refuses.
 */
export function quotedRun(text: string, start: number, indent: number): { end: number } | { dedented: number } {
  const quote = text.charCodeAt(start);
  for (let at = start + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // (An escaped line break is a line break all the same: the next line's indentation counts.)
    if (code === 92 && quote === 34) {
      if (text.charCodeAt(at + 1) === 13 && text.charCodeAt(at + 2) === 10) at++;
      else if (text.charCodeAt(at + 1) !== 10) at++;
    } else if (code === quote) {
      if (quote === 39 && text.charCodeAt(at + 1) === 39) at++;
      else return { end: at };
    } else if (code === 10) {
      const lead = /^[ \t]*/.exec(text.slice(at + 1, at + 257))?.[0].length ?? 0;
      const next = text.charAt(at + 1 + lead);
      if (next !== '' && next !== '\n' && next !== '\r' && lead <= indent) return { dedented: at + 1 };
    }
  }
  return { end: text.length };
}

const KEY_CONTENT = /^[^\s:#'"[{\-][^:]*:(?:[ \t]|\r?$)/;

/**
 * Bun's wording where a line's indentation holds a tab (measured on a grid of contexts, fixtures
 * *-tab-indent-*): yaml says "tabs are not allowed as indentation" for a list entry or a plain word
 * too, Bun only for a key ("Unexpected token" otherwise); and where yaml reads a key indented with
 * spaces then a tab as the previous value going on ("nested mappings are not allowed"), Bun meets the
 * tab, once the spaces reach the previous key's indentation.
 */
function tabIndentWording(code: string, text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (code === 'TAB_AS_INDENT') {
    const found = /^( *)\t[ \t]*(.*)$/.exec(line);
    // A tab between a key and its value is no indentation to Bun: yaml complains because the value goes
    // on onto a `key: value` line, which Bun refuses as such ("Unexpected token", as with a space).
    // (Unless that line is itself indented with spaces then a tab: Bun meets that tab, as after a space.)
    if (!found) {
      if (!/^[ \t]*[^\s#][^\t]*:[ \t]*$/.test(text.slice(lineStart, at))) return undefined;
      const value = at + (/^[ \t]*/.exec(text.slice(at, at + 256))?.[0].length ?? 0);
      return tabIndentWording('BLOCK_AS_IMPLICIT_KEY', text, value) ?? 'Unexpected token';
    }
    const [, spaces = '', content = ''] = found;
    if (KEY_CONTENT.test(content)) {
      // A key after spaces then a tab: "Tab…" where the spaces reach an open block's indentation, or go
      // past the deepest; between two of them, "Unexpected token" (measured on a grid; fixtures *-tab-key-*).
      const levels = spaces === '' ? undefined : openLevels(text, lineStart);
      if (!levels) return undefined;
      return levels.includes(spaces.length) || spaces.length > Math.max(...levels) ? undefined : 'Unexpected token';
    }
    // A list entry, a quoted or flow value: "Tab…" where the spaces reach the indentation of the line
    // before (an entry's, a key's, also `key:` alone), unless that line ends in a quoted or flow value.
    // A plain word: "Unexpected token".
    if (!/^[-'"[{]/.test(content)) return 'Unexpected token';
    // (Lines of blanks, a tab among them, are empty lines: the line before is the one above them.)
    let previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    while (previousStart > 0 && /^[ \t]*\r?\n/.test(text.slice(previousStart, lineStart))) previousStart = text.lastIndexOf('\n', previousStart - 2) + 1;
    const previous = text.slice(previousStart, Math.max(previousStart, lineStart - 1)).replace(/\r$/, '');
    if (/["'\]}]\s*(#.*)?$/.test(previous)) return 'Unexpected token';
    const expected = /^ */.exec(previous)?.[0].length ?? 0;
    return spaces.length >= expected ? undefined : 'Unexpected token';
  }
  if (code !== 'BLOCK_AS_IMPLICIT_KEY' && code !== 'MULTILINE_IMPLICIT_KEY') return undefined;
  if (lineEnd < 0) return undefined;
  const keyIndent = /^( *)[^\s#][^:]*:[ \t]/.exec(line)?.[1]?.length;
  if (keyIndent === undefined) return undefined;
  // (A value that opens with an explicit key, `k: ? x`: Bun stops on that line.)
  if (/^\?(?:[ \t]|$)/.test(text.slice(at, at + 2))) return undefined;
  // The first line after the value's own lines (blank ones, a tab among their blanks too, or indented
  // further with spaces only). One of them holding a pair ends the plain value: Bun stops there.
  let next: RegExpExecArray | null = null;
  for (let from = lineEnd + 1; from > 0 && from <= text.length; ) {
    const to = text.indexOf('\n', from);
    const candidate = text.slice(from, to < 0 ? text.length : to);
    from = to < 0 ? -1 : to + 1;
    if (/^\s*$/.test(candidate)) continue;
    next = /^( *)\t[ \t]*(.*)$/.exec(candidate);
    if (next || (/^ */.exec(candidate)?.[0].length ?? 0) <= keyIndent) break;
    if (holdsPair(candidate)) return undefined;
  }
  if (!next || !KEY_CONTENT.test(next[2] ?? '')) return undefined;
  return (next[1] ?? '').length >= keyIndent ? 'Tab characters cannot be used as indentation' : undefined;
}

/**
 * Bun's wording where yaml stops at, or just before, a line that starts with a value indicator (`:`)
 * after a line holding a node but no pair (fixtures *-colon-later-line-*, measured with the client):
 * where a key may start there (in a map, or the first node of a block), Bun reads a multi-line implicit
 * key, "Multiline implicit key"; after a list entry in a list, "Unexpected token". Blank and comment
 * lines between change nothing; a lone carriage return ends a line. Undefined: no opinion.
 */
function colonLineWording(text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  for (const start of [lineStart, lineAfterBlanks(text, at)]) {
    if (start <= 0 && start !== lineStart) continue;
    if (!COLON_LINE.test(text.slice(start, start + 40))) continue;
    const previous = previousContentLine(text, start);
    // (Under an explicit key's `?` line, the `:` is that key's value.)
    if (previous === undefined || holdsPair(previous.text) || /^[ \t]*\?(?:[ \t]|$)/.test(previous.text)) continue;
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

/**
 * The indentations of the maps open at the line starting at `lineStart`: the nearest key line's above
 * it, then each less indented key line's going up (lines that go on with a value are no level).
 * Undefined where a list entry or a tab-indented line makes it unsure.
 */
function openLevels(text: string, lineStart: number): number[] | undefined {
  const levels: number[] = [];
  for (let above = previousContentLine(text, lineStart); above !== undefined; above = previousContentLine(text, above.start)) {
    const lead = /^[ \t]*/.exec(above.text)?.[0] ?? '';
    if (lead.includes('\t') || /^[ \t]*-(?:[ \t]|$)/.test(above.text)) return undefined;
    if (!holdsPair(above.text)) continue;
    if (levels.length === 0 || lead.length < (levels.at(-1) ?? 0)) levels.push(lead.length);
    if (lead.length === 0) break;
  }
  return levels.length > 0 ? levels : undefined;
}

/** A line that starts (after blanks) with a value indicator. */
const COLON_LINE = /^[ \t]*:(?:[ \t]|\r?$|\r?\n)/;
const indentOf = (line: string): number => /^[ \t]*/.exec(line)?.[0].length ?? 0;

/**
 * Whether a line holds a `key: value` pair outside quotes and brackets (a list entry's line counts as
 * no pair: its entry is the node).
 */
export function holdsPair(line: string): boolean {
  const content = line.trimStart();
  if (content.startsWith('- ') || content === '-') return false;
  let depth = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code === 34 || code === 39) {
      // A quoted scalar: skip to its closing quote ('' escapes ' and \ escapes " inside).
      for (i++; i < content.length; i++) {
        const inner = content.charCodeAt(i);
        if (code === 34 && inner === 92) i++;
        else if (inner === code && !(code === 39 && content.charCodeAt(i + 1) === 39)) break;
        else if (inner === code) i++;
      }
    } else if (code === 91 || code === 123) depth++;
    else if ((code === 93 || code === 125) && depth > 0) depth--;
    else if (code === 58 && depth === 0 && (i + 1 === content.length || /[ \t]/.test(content[i + 1] ?? ''))) return true;
  }
  return false;
}

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

/** The start of the first line after the one holding `at` with something on it besides a comment, or 0. */
function lineAfterBlanks(text: string, at: number): number {
  for (let start = text.indexOf('\n', at) + 1; start > 0; start = text.indexOf('\n', start) + 1) {
    const end = text.indexOf('\n', start);
    if (!/^\s*(#.*)?$/.test(text.slice(start, end < 0 ? text.length : end))) return start;
  }
  return 0;
}

/** A line of node properties only: anchors and tags (`&a !t`), nothing else. */
export const PROPERTIES_LINE = /^[ \t]*[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*$/;

/**
 * Bun's wording where yaml finds a second anchor or tag for one node (at `at`): Bun's own ("Multiple
 * anchors", "Multiple tags") once it has read the node, which it does not when the properties stand on
 * lines of their own and the node ends Bun's reading first: an explicit key (`?`) at the first
 * properties' column, or for tags a pair further right (measured; fixtures *-properties-over-lines-*).
 */
function repeatedPropertyWording(code: string, text: string, at: number): string {
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

/** The line that starts at `start`, without its comment or carriage return. */
const lineText = (text: string, start: number): string => {
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '').replace(/[ \t]+#.*$/, '');
};

/**
 * The last line before offset `start` (a line start) with something on it besides a comment: its
 * start, and its text without a trailing comment or carriage return.
 */
function previousContentLine(text: string, start: number): { start: number; text: string } | undefined {
  for (let end = start - 1; end > 0; ) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(from, end).replace(/\r$/, '');
    if (!/^\s*(#.*)?$/.test(line)) return { start: from, text: line.replace(/[ \t]+#.*$/, '') };
    end = from - 1;
  }
  return undefined;
}

/** A `key: "…` or `key: '…` line whose quote does not close on it (a double-quoted one may end in an escaped line break). */
const UNCLOSED_QUOTE = /^[^#"']*?:[ \t]+(?:"(?:[^"\\]|\\.)*\\?\r?|'(?:[^']|'')*)$/;

/** The tags Bun applies to a plain scalar by reading it as usual; `!!str` makes it a string. */
const CORE_TAGS = new Set(['!!int', '!!float', '!!bool', '!!null']);

/**
 * Tags on scalars as Bun reads them (measured with the client): a quoted or block scalar is a string
 * whatever its tag (`!!int "12"` is "12"); on a plain scalar, `!!int`, `!!float`, `!!bool` and
 * `!!null` change nothing (`!!int 1.5` is 1.5) and every other tag (`!!str`, `!!binary`,
 * `!!timestamp`, `!!merge`, `!foo`, `!<tag:yaml.org,2002:int>`) makes it a string. yaml would apply
 * the tag instead: a number, a Buffer, a Date, a merge. An ordered map (`!!omap`) stays a list.
 */
export function applyBunTags(doc: Document.Parsed, text: string): void {
  const { visit, isScalar, YAMLMap, YAMLSeq } = yaml();
  visit(doc, {
    Scalar(_, node) {
      if (node.tag === undefined || !isScalar(node)) return;
      const source = node.source ?? String(node.value);
      const tag = tagAt(text, node.range?.[0] ?? 0)?.tag;
      node.value = node.type === 'PLAIN' && tag !== undefined && CORE_TAGS.has(tag) ? plainValue(source) : source;
      node.tag = undefined;
    },
    // `!!omap [a: 1]` is the list it is written as to Bun (yaml makes it a Map, a map to the checks).
    Seq(_, node) {
      if (node.tag !== 'tag:yaml.org,2002:omap') return undefined;
      const list = new YAMLSeq();
      list.range = node.range;
      list.flow = node.flow;
      list.items = node.items.map((pair) => {
        const entry = new YAMLMap();
        entry.items.push(pair as never);
        return entry;
      });
      return list;
    },
  });
}

/**
 * A list or map used as a key becomes the string JavaScript makes of it, as in Bun: `[name]: x` sets
 * `name` ("a,b" for `[a, b]`, "[object Object]" for a map); yaml would write it as YAML text.
 */
export function stringKeys(doc: Document.Parsed): void {
  const { visit, isCollection, Scalar } = yaml();
  visit(doc, {
    Pair(_, pair) {
      if (!isCollection(pair.key)) return;
      const key = new Scalar(String(pair.key.toJS(doc)));
      COLLECTION_KEYS.add(key);
      pair.key = key;
    },
  });
}

/** Keys stringKeys made of lists and maps: to Bun's merge they are no keys of the map yet. */
const COLLECTION_KEYS = new WeakSet<object>();

/**
 * Where the first double-quoted scalar with a lone surrogate escape is (`"\ud800"`, `"\U0000DC00"`):
 * Bun rejects those and accepts a high and low pair (`"\ud83d\ude00"`), yaml accepts both.
 */
export function loneSurrogateEscape(doc: Document.Parsed, text: string): number | undefined {
  const { visit } = yaml();
  let first: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      if (node.type !== 'QUOTE_DOUBLE' || !node.range) return;
      const at = node.range[0];
      if (first !== undefined && first < at) return;
      // A high surrogate escape must be followed at once by a low one.
      let highEnd = -1;
      for (const match of text.slice(at, node.range[1]).matchAll(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g)) {
        const escape = match[1] ?? '';
        const code = escape.length > 1 ? Number.parseInt(escape.slice(1), 16) : -1;
        const isHigh = escape[0] === 'u' && code >= 0xd800 && code <= 0xdbff;
        const isLow = escape[0] === 'u' && code >= 0xdc00 && code <= 0xdfff;
        const paired = highEnd === match.index;
        if ((escape[0] === 'U' && code >= 0xd800 && code <= 0xdfff) || (isLow && !paired) || (highEnd >= 0 && !(paired && isLow))) {
          first = at;
          return;
        }
        highEnd = isHigh ? match.index + match[0].length : -1;
      }
      if (highEnd >= 0) first = at;
    },
  });
  return first;
}

/**
 * The text with its tags made readable to yaml where Bun reads them and yaml stops: a `!tag` (primary
 * handle) going on with `,` or non-ASCII characters (`!a,b value`, `!aéb value`), not followed by a
 * flow map (measured). The rest of each such tag becomes `_`s: same length, so every offset holds, and
 * still a tag of its own, which makes its value a string as in Bun. Undefined when there is none.
 */
export function tagSlip(docs: Document.Parsed[], text: string): string | undefined {
  const ranges: [number, number][] = [];
  for (const error of docs.flatMap((doc) => doc.errors)) {
    if (!error.message.startsWith('Tags and anchors must be separated')) continue;
    const at = error.pos[0];
    // (A comma ends the tag for Bun as for yaml: the plain scalar that starts there is the value.)
    const char = text.charCodeAt(at);
    if (char < 128) continue;
    // YAML's white space only: a no-break space is part of the tag.
    let start = at;
    while (start > 0 && !/[ \t\r\n]/.test(text[start - 1] ?? '')) start--;
    const token = text.slice(start, at);
    if (!token.startsWith('!') || token.startsWith('!!') || token.startsWith('!<')) continue;
    let end = at;
    while (end < text.length && !/[ \t\r\n]/.test(text[end] ?? '')) end++;
    if (!/^[ \t]*\{/.test(text.slice(end, end + 64))) ranges.push([at, end]);
  }
  if (ranges.length === 0) return undefined;
  // Each round turns at least one `,` or non-ASCII character into `_`: reading again ends.
  const parts: string[] = [];
  let from = 0;
  for (const [at, end] of ranges.sort((x, y) => x[0] - y[0])) {
    if (at < from) continue;
    parts.push(text.slice(from, at), '_'.repeat(end - at));
    from = end;
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/**
 * Links every alias to its anchor in one pass in document order, and returns where the first alias
 * without an earlier anchor of its name is, if any. yaml finds an alias's anchor by walking the
 * document up to the alias, for each alias: a file of 50,000 aliases took 20 s. Each alias is now given
 * the short list it needs (its anchor, itself), which yaml's own lookup walks at once.
 */
export function linkAliases(doc: Document.Parsed): number | undefined {
  let first: number | undefined;
  for (const [alias, target] of aliasTargets(doc)) {
    if (target === undefined && first === undefined) first = alias.range?.[0] ?? 0;
    const resolve = alias.resolve.bind(alias);
    const nodes = target === undefined ? [alias] : [target, alias];
    alias.resolve = (d, ctx) => resolve(d, ctx && (Object.create(ctx, { aliasResolveCache: { value: nodes } }) as typeof ctx));
  }
  return first;
}

/** Each alias of `doc` and the node its anchor names (the last one before it), in document order, in one pass. */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node | undefined> {
  const { visit, isAlias, isNode } = yaml();
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node | undefined>();
  visit(doc, (_, node) => {
    if (isAlias(node)) targets.set(node, anchors.get(node.source));
    else if (isNode(node) && node.anchor) anchors.set(node.anchor, node);
    return undefined;
  });
  return targets;
}

/** The tag token before the value at `at`, and where it starts (a flow indicator before it is not part of it). */
function tagAt(text: string, at: number): { tag: string; start: number } | undefined {
  let end = at;
  for (let token = 0; token < 2; token++) {
    while (end > 0 && /\s/.test(text[end - 1] ?? '')) end--;
    let start = end;
    while (start > 0 && !/[\s[{,]/.test(text[start - 1] ?? '')) start--;
    const written = text.slice(start, end);
    if (written.startsWith('!')) return { tag: written, start };
    if (!written.startsWith('&')) return undefined;
    end = start;
  }
  return undefined;
}

/** What may stand before a block scalar's header on its line: indentation, `- `/`? ` indicators, a key and properties. */
const BEFORE_HEADER = /^[ \t]*(?:(?:[-?]|[&!]\S*)[ \t]+)*(?:[^\s#'"{[][^#]*?:[ \t]+)?(?:[&!]\S*[ \t]+)*$/;
/** After `|` or `>`: blanks, then the indicators, then perhaps blanks and a comment. */
const SPACED_INDICATORS = /^((?:[ \t]*[-+1-9]){1,2})((?:[ \t]+(?:#.*)?)?\r?)$/;

/**
 * Block scalar headers with blanks before their indicators (`| -`, `>\t2`): Bun reads the indicators,
 * yaml refuses the header (measured; fixtures *-spaced-block-header-*). The text with the blanks moved
 * after the indicators (same offsets), or undefined when there is none.
 */
export function spacedBlockHeaders(text: string): string | undefined {
  const edits = new Map<number, { remove: number; insert: string }>();
  // The indentation of the block scalar the lines are in (their text is left as it is), if any.
  let blockAt: number | undefined;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const lineStart = start;
    const line = text.slice(lineStart, end);
    start = end + 1;
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    if (blockAt !== undefined && (indent > blockAt || line.trim() === '')) continue;
    blockAt = undefined;
    const at = line.search(/[|>]/);
    if (at < 0 || !BEFORE_HEADER.test(line.slice(0, at))) continue;
    const written = SPACED_INDICATORS.exec(line.slice(at + 1))?.[1];
    if (written === undefined) {
      if (BLOCK_HEADER.test(line.slice(indent).replace(/(?:^|[ \t]+)#.*$/, '').trimEnd())) blockAt = indent;
      continue;
    }
    const indicators = written.replace(/[ \t]/g, '');
    blockAt = indent;
    // (One chomping indicator and one digit at most; with no blank among them the header is yaml's too.)
    if (indicators === written || !/^(?:[-+][1-9]?|[1-9][-+]?)$/.test(indicators)) continue;
    edits.set(lineStart + at + 1, { remove: written.length, insert: indicators + written.replace(/[-+1-9]/g, '') });
  }
  return edits.size === 0 ? undefined : applyEdits(text, edits);
}

/**
 * A directive (`%YAML 1.2`, `%TAG …`, any `%` line at column 1) where Bun takes none: after a
 * document's content, or before one with no `---` line between ("Unexpected token"); a second `%YAML`
 * before one document is "Multiple YAML directives" (measured; fixtures *-stray-directive-*). yaml
 * reads some of these as text or lets them pass. `quoted`: the ranges of scalars whose lines are
 * text (a top-level scalar's may start at column 1: `foo` then `%YAML 1.2` is the string "foo %YAML 1.2"
 * to both). The first such line, or undefined.
 */
export function strayDirective(text: string, quoted: [number, number][]): { at: number; wording: string } | undefined {
  let prologue = true;
  let yamlDirectives = 0;
  let pending: number | undefined;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const next = end + 1;
    if (line.startsWith('%') && !quoted.some(([from, to]) => from < start && start < to)) {
      if (!prologue) return { at: start, wording: 'Unexpected token' };
      if (/^%YAML(?:[ \t]|\r?$)/.test(line) && ++yamlDirectives > 1) return { at: start, wording: 'Multiple YAML directives' };
      pending ??= start;
    } else if (/^---(?:[ \t]|\r?$)/.test(line)) {
      prologue = false;
      pending = undefined;
      yamlDirectives = 0;
    } else if (/^\.\.\.(?:[ \t]|\r?$)/.test(line)) {
      if (pending !== undefined) return { at: pending, wording: 'Unexpected token' };
      prologue = true;
      yamlDirectives = 0;
    } else if (!/^\s*(?:#.*)?$/.test(line)) {
      if (pending !== undefined) return { at: pending, wording: 'Unexpected token' };
      prologue = false;
    }
    start = next;
  }
  return pending === undefined ? undefined : { at: pending, wording: 'Unexpected token' };
}

/** A block scalar's header (`|`, `>-`, `|2+`) ending a line's content (indentation and comment aside), where a node starts. */
export const BLOCK_HEADER = /(?:^|(?:(?:^|[ \t])(?:[?-]|[&!]\S*)|:)[ \t]+)[|>][1-9+-]*$/;

/** The start of the first line from `from` on with more than blanks on it, no further right than `indent` (or the text's end). */
function blockEnd(text: string, from: number, indent: number): number {
  for (let at = from; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    const lead = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    if (lead < line.replace(/\r$/, '').length && lead <= indent) return at;
    if (end < 0) break;
    at = end + 1;
  }
  return text.length;
}

/**
 * Where the first line of a multi-line quoted value that Bun refuses is: a line that goes on with the
 * value no further right than its key (`x: 'a` then `b'` at column 1): "Unexpected character"
 * (measured; fixtures *-quoted-dedent-*). yaml reads some of these, or stops elsewhere. Values opened
 * as `key: "…` or `- "…` on a line are followed to their closing quote (linear in the text), unless
 * `plainAt` says the quote is inside a plain scalar (a line going on with one; fixtures *-plain-quote-line-*).
 */
export function dedentedQuotedLine(text: string, plainAt?: (offset: number) => boolean): number | undefined {
  for (let lineStart = 0; lineStart < text.length; ) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    // (A block scalar's lines are text: a quote in them opens nothing.)
    const lead = /^[ \t]*/.exec(line)?.[0].length ?? 0;
    if (BLOCK_HEADER.test(line.slice(lead).replace(/(?:^|[ \t]+)#.*$/, '').replace(/[ \t\r]+$/, ''))) {
      lineStart = blockEnd(text, lineEnd + 1, lead);
      continue;
    }
    const opening = /^([ \t]*)(?:(?:- +)?[^\s#"'\-[{][^#"']*?:[ \t]+|- +)(["'])/.exec(line);
    if (!opening) {
      lineStart = lineEnd + 1;
      continue;
    }
    const quote = lineStart + opening[0].length - 1;
    const run = quotedRun(text, quote, opening[1]?.length ?? 0);
    // (A `- '` or `k: "` line that goes on with a plain scalar is text: its quote opens nothing.)
    if ('dedented' in run) {
      if (!plainAt?.(quote)) return run.dedented;
      lineStart = lineEnd + 1;
      continue;
    }
    // Go on from the line the value closed on.
    lineStart = text.indexOf('\n', run.end) + 1 || text.length;
  }
  return undefined;
}

/**
 * Where the first alias Bun refuses is: an alias name that a flow indicator (`,[]{}`) goes on from, in
 * block context (`x: *a,b`). yaml ends the name there and stops at the indicator; Bun stops at the
 * alias: "Unexpected character" (measured; fixtures *-alias-flow-char-*). The alias's offset, so that
 * it comes before the alias being unresolved.
 */
export function badAliasName(doc: Document.Parsed, text: string): number | undefined {
  const { visit } = yaml();
  const errors = doc.errors.map((error) => error.pos[0]);
  let first: number | undefined;
  visit(doc, {
    Alias(_, node) {
      const [start, end] = node.range ?? [0, 0];
      // (In a flow collection the indicator is the collection's own: yaml raises no error at the alias.)
      if (/[,[\]{}]/.test(text.charAt(end)) && errors.some((at) => at >= start && at <= end) && (first === undefined || start < first)) first = start;
    },
  });
  return first;
}

/**
 * Where the first tag Bun refuses is: after its handle (`!`, `!!`, `!name!`), a tag must start with a
 * letter, a digit or `-` (measured: `!=b`, `!.b`, `!_b`, `!'b` and the like are "Unexpected character"
 * in Bun, and fine in yaml). `!<…>` and a lone `!` are fine.
 */
export function badTagStart(doc: Document.Parsed, text: string): number | undefined {
  const { visit, isNode } = yaml();
  let first: number | undefined;
  visit(doc, (_, node) => {
    if (!isNode(node) || node.tag === undefined) return undefined;
    const found = tagAt(text, node.range?.[0] ?? 0);
    if (!found || found.tag.startsWith('!<')) return undefined;
    const suffix = found.tag.replace(/^!(?:[A-Za-z0-9-]*!)?/, '');
    if (suffix !== '' && !/^[A-Za-z0-9-]/.test(suffix) && (first === undefined || found.start < first)) first = found.start;
    return undefined;
  });
  return first;
}

/** What a plain scalar reads as without a tag (YAML 1.2 core schema: null, bool, int, float, or text). */
function plainValue(source: string): unknown {
  try {
    return yaml().parse(source) as unknown;
  } catch {
    return source;
  }
}

/** A line of blanks holding a tab, and perhaps a comment. */
const TAB_LINE = /^[ \t]*\t[ \t]*(?:#.*)?$/gm;

type Token = { start: number; end: number; kind: 'plain' | 'quoted' | 'flow' | 'alias' | 'block' | 'empty' | 'key' };

/**
 * Lines of blanks with a tab in them (and perhaps a comment), as Bun reads them (measured with the
 * client, tests/fixtures/oracle/*-tab-*): what decides is the token before the line.
 * - After a quoted scalar, a flow collection, an alias or a comment, a line starting with a tab makes Bun's first
 *   parse fail (the client's retry, which widens leading tabs, then reads the file): `fail`.
 * - After an empty value (`key:`), the same, unless the line comes right after it, holds no comment,
 *   and a key at column 1 follows.
 * - Right after a block scalar's last line, Bun ends the scalar there and reads on, where yaml stops
 *   ("bad indentation"): `text` is the block with such lines turned into comment lines (same offsets).
 *   After a line with nothing on it (spaces do not count as nothing), or another such line, a line starting with a tab makes Bun fail.
 * - After an empty value, a line led by spaces is a blank one to Bun, where yaml may stop at its tab:
 *   `text` then has it turned into a comment line too.
 * - After a plain scalar, both read on; and Bun reads on past the first two cases within the block's
 *   first top-level entry, and inside a flow collection that goes on after the line.
 */
export function tabLines(doc: Document.Parsed, text: string): { fail: true } | { text: string } | undefined {
  const lines = [...text.matchAll(TAB_LINE)].map((match) => ({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length }));
  if (lines.length === 0) return undefined;
  // One pass over lines, tokens and errors, all in text order (a 1 MiB block of such lines stays linear).
  const tokens = tokensOf(doc).sort((a, b) => a.start - b.start);
  const errors = doc.errors.map((error) => error.pos[0]).sort((a, b) => a - b);
  // Within the first top-level entry, Bun reads on whatever comes before the line.
  const { isMap, isNode } = yaml();
  const second = isMap(doc.contents) ? doc.contents.items[1]?.key : undefined;
  const firstEntryEnd = isNode(second) ? (second.range?.[0] ?? 0) : Infinity;
  const starts = new Set(lines.map((line) => line.start));
  const next = nextContentLine(text);
  const rewrites: number[] = [];
  let last: Token | undefined;
  let nextToken = 0;
  let nextError = 0;
  /** Whether a `#` follows the last token, looked for up to `hashTo`; the indentation of the last block scalar. */
  let hashSeen = false;
  let hashTo = 0;
  let indentOf: number | undefined;
  /** The block scalar such a line has ended. */
  let ended: Token | undefined;
  for (const { start, end } of lines) {
    for (; nextToken < tokens.length && (tokens[nextToken] as Token).start < start; nextToken++) {
      const token = tokens[nextToken] as Token;
      if (!last || token.end > last.end || (token.end === last.end && token.start < last.start)) {
        last = token;
        hashSeen = false;
        hashTo = token.end;
        indentOf = undefined;
      }
    }
    while (nextError < errors.length && (errors[nextError] ?? 0) < start) nextError++;
    if (!last) continue;
    const { kind } = last;
    const tabFirst = text.charCodeAt(start) === 9;
    const afterFirstEntry = last.start >= firstEntryEnd;
    // A comment between the token and the line (on the token's line or a line of its own) counts as such a token.
    if (!hashSeen && hashTo < start) {
      hashSeen = text.slice(hashTo, start).includes('#');
      hashTo = start;
    }
    // Inside a flow collection that goes on past the line, Bun reads on (measured; fixtures *-flow-tab-line-*).
    if (kind === 'flow' && last.end > end) continue;
    const commented = kind !== 'block' && hashSeen;
    if (tabFirst && afterFirstEntry && (kind === 'quoted' || kind === 'flow' || kind === 'alias' || commented)) return { fail: true };
    // A key whose value starts after the line is read as one with an empty value.
    if (tabFirst && afterFirstEntry && (kind === 'empty' || kind === 'key') && !emptyValueReadsOn(text, last.end, start, end, next)) return { fail: true };
    // Led by spaces, after an empty value, the line is a blank one to Bun, where yaml may stop at its tab
    // (measured; fixtures *-empty-tab-line-*): it is read as a comment line.
    if (!tabFirst && (kind === 'empty' || kind === 'key') && nextError < errors.length && (errors[nextError] ?? Infinity) <= end) rewrites.push(start);
    if (kind === 'block') {
      // Spaces up to the scalar's indentation make the tab part of its text (until such a line ended it).
      indentOf ??= blockIndent(text, last.start);
      const indent = last === ended ? Infinity : indentOf;
      if (leadingSpaces(text, start) >= indent) continue;
      const beforeStart = text.lastIndexOf('\n', start - 2) + 1;
      const before = text.slice(beforeStart, start - 1);
      // After a line with nothing on it (not even a space), always; after another such line, past the first top-level entry.
      const afterBlank = /^\r?$/.test(before) || (afterFirstEntry && starts.has(beforeStart) && leadingSpaces(text, beforeStart) < indent);
      // Past the first top-level entry, once a comment line or such a line has ended the block, the next
      // line starting with a tab makes Bun fail too (measured; fixtures *-block-tab-after-*).
      if (tabFirst && afterFirstEntry && (hashSeen || last === ended)) return { fail: true };
      ended = last;
      if (afterBlank && tabFirst) return { fail: true };
      if (nextError < errors.length && (errors[nextError] ?? Infinity) <= end) rewrites.push(start);
    }
  }
  return rewrites.length === 0 ? undefined : { text: applyEdits(text, new Map(rewrites.map((at) => [at, { remove: 1, insert: '#' }]))) };
}

/** `text` with each edit made (at an offset of `text`: remove characters, then insert), in one pass. */
function applyEdits(text: string, edits: Map<number, { remove: number; insert: string }>): string {
  let out = '';
  let from = 0;
  for (const at of [...edits.keys()].sort((a, b) => a - b)) {
    const edit = edits.get(at) ?? { remove: 0, insert: '' };
    out += text.slice(from, at) + edit.insert;
    from = at + edit.remove;
  }
  return out + text.slice(from);
}

const leadingSpaces = (text: string, at: number): number => {
  let count = 0;
  while (text.charCodeAt(at + count) === 32) count++;
  return count;
};

/** The indentation of a block scalar's text: that of its first line with more than spaces (after the header at `header`). */
function blockIndent(text: string, header: number): number {
  // An indentation indicator (`|2`) counts from the indentation of the line the header is on.
  const indicator = /^[|>][+-]?([1-9])|^[|>]([1-9])/.exec(text.slice(header, header + 3));
  if (indicator) return leadingSpaces(text, text.lastIndexOf('\n', header) + 1) + Number(indicator[1] ?? indicator[2]);
  for (let at = text.indexOf('\n', header) + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
    const spaces = leadingSpaces(text, at);
    if (!/^[\r\n]?$/.test(text.charAt(at + spaces))) return spaces;
  }
  return Infinity;
}

/**
 * The start of the first line after `from` with more than blanks on it (-1: none), remembered: asked
 * for lines in text order, the blank lines between share one answer.
 */
function nextContentLine(text: string): (from: number) => number {
  const none = text.length + 1;
  let askedFrom = -1;
  let found = -1;
  return (from) => {
    if (from < askedFrom || from >= found) {
      askedFrom = from;
      found = none;
      for (let at = text.indexOf('\n', from) + 1; at > 0; at = text.indexOf('\n', at) + 1) {
        let i = at;
        while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
        const code = text.charCodeAt(i);
        if (!(code === 10 || code === 13 || Number.isNaN(code))) {
          found = at;
          break;
        }
      }
    }
    return found === none ? -1 : found;
  };
}

/** After `key:` with nothing, Bun reads on past a tab line only when it is the next line, has no comment, and a key at column 1 follows. */
function emptyValueReadsOn(text: string, end: number, start: number, lineEnd: number, next: (from: number) => number): boolean {
  if (!/^:? *\r?\n$/.test(text.slice(end, start))) return false;
  if (text.slice(start, lineEnd).includes('#')) return false;
  const after = next(start);
  return after >= 0 && /^[^\s#-]/.test(text.charAt(after));
}

function tokensOf(doc: Document.Parsed): Token[] {
  const { visit, isCollection } = yaml();
  const tokens: Token[] = [];
  visit(doc, {
    Scalar(key, node) {
      const [start, end] = node.range ?? [0, 0];
      const type = String(node.type);
      const kind = type.startsWith('QUOTE') ? 'quoted' : type.startsWith('BLOCK') ? 'block' : node.value === null && start === end ? 'empty' : key === 'key' ? 'key' : 'plain';
      tokens.push({ start, end, kind });
    },
    Alias(_, node) {
      const [start, end] = node.range ?? [0, 0];
      tokens.push({ start, end, kind: 'alias' });
    },
    Node(_, node) {
      if (isCollection(node) && node.flow && node.range) tokens.push({ start: node.range[0], end: node.range[1], kind: 'flow' });
    },
  });
  return tokens;
}

/**
 * Merge keys as Bun reads them (measured with the client): a `<<` key, quoted or not, merges the maps
 * its value holds (a map, an alias of one, or a list of them) and ignores anything else, where yaml stops
 * at the first source that is not a map. Rewrites the document so yaml merges only the maps.
 */
export function mergeKeys(doc: Document.Parsed): void {
  const { visit, isScalar, isSeq, isMap, isAlias } = yaml();
  // yaml's own lookup walks the document per alias: the targets are found in one pass instead.
  const targets = aliasTargets(doc);
  const resolved = (node: unknown): unknown => (isAlias(node) ? targets.get(node) : node);
  const isMergeSource = (node: unknown): boolean => isMap(resolved(node));
  visit(doc, {
    Pair(_, pair) {
      const { key } = pair;
      if (!isScalar(key) || (key.value !== '<<' && !(typeof key.value === 'symbol' && key.value.description === '<<'))) return undefined;
      const value = resolved(pair.value);
      let keep = false;
      if (isSeq(value)) {
        value.items = value.items.filter(isMergeSource);
        keep = value.items.length > 0;
      } else keep = isMap(value);
      if (!keep) return visit.REMOVE;
      // A quoted `<<` merges too: make it the plain key yaml merges on.
      key.type = 'PLAIN';
      key.value = '<<';
      return undefined;
    },
  });
  // Bun merges in a key unless a string key of that name came before; one written as a list (`[name]`)
  // is not that, so the merged value replaces it (measured; fixtures *-merge-collection-key-*).
  const name = (node: unknown): string | undefined => (isScalar(node) ? String(node.value) : undefined);
  visit(doc, {
    Map(_, map) {
      for (const pair of [...map.items]) {
        if (name(pair.key) !== '<<') continue;
        const value = resolved(pair.value);
        const merged = new Set<string | undefined>();
        for (const source of isSeq(value) ? value.items.map(resolved) : [value]) if (isMap(source)) for (const item of source.items) merged.add(name(item.key));
        const before = map.items.slice(0, map.items.indexOf(pair));
        const written = new Set(before.filter((item) => !COLLECTION_KEYS.has(item.key as object)).map((item) => name(item.key)));
        const replaced = before.filter((item) => COLLECTION_KEYS.has(item.key as object) && merged.has(name(item.key)) && !written.has(name(item.key)));
        if (replaced.length > 0) map.items = map.items.filter((item) => !replaced.includes(item));
      }
    },
  });
}

/**
 * Block scalars with an indentation indicator (`|2`, `>1-`) whose lines hold only spaces: a line with more
 * spaces than the indicator's indentation is text to Bun (spaces), an empty line to yaml (measured:
 * `description: |2` over a line of three spaces loads; fixtures *-indicator-*). Only a scalar yaml read as
 * empty can differ; it gets the spaces, chomped as its header says.
 */
export function indicatorSpaces(doc: Document.Parsed, text: string): void {
  const { visit } = yaml();
  visit(doc, {
    Scalar(_, node) {
      if (node.value !== '' || !String(node.type).startsWith('BLOCK') || !node.range) return;
      const header = /^[|>]([+-]?)([1-9])([+-]?)/.exec(text.slice(node.range[0], node.range[0] + 3));
      if (!header) return;
      const lineStart = text.lastIndexOf('\n', node.range[0]) + 1;
      const indent = leadingSpaces(text, lineStart) + Number(header[2]);
      const lines: string[] = [];
      for (let at = text.indexOf('\n', node.range[0]) + 1; at > 0 && at < text.length; ) {
        const end = text.indexOf('\n', at);
        const line = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, '');
        if (!/^ *$/.test(line)) break;
        lines.push(line.slice(indent));
        if (end < 0) break;
        at = end + 1;
      }
      const last = lines.findLastIndex((line) => line !== '');
      if (last < 0) return;
      const chomp = header[1] || header[3];
      const kept = lines.slice(0, last + 1).join('\n');
      node.value = chomp === '-' ? kept : chomp === '+' ? `${lines.join('\n')}\n` : `${kept}\n`;
    },
  });
}

/** Where a line's comment starts (the line's length without one): a `#` after a blank, outside quotes. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote === '"' && char === '\\') i++;
    else if (quote !== '' && char === quote) quote = '';
    else if (quote === '' && (char === '"' || char === "'")) quote = char;
    else if (quote === '' && char === '#' && (i === 0 || /[ \t]/.test(line[i - 1] ?? ''))) return /[ \t]*$/.exec(line.slice(0, i))?.index ?? i;
  }
  return line.length;
}

/**
 * The starts of the lines holding only closing brackets that close a flow collection opened on a line
 * indented as far as the bracket or further, below the top level: what yaml refuses and Bun reads.
 * Follows the brackets outside quotes and comments.
 */
function dedentedCloserLines(text: string): number[] {
  const found: number[] = [];
  const open: number[] = [];
  let quote = '';
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const closing = quote === '' ? closingLine(line) : undefined;
    // A comma leading a line no further right than the line that opened the collection it is in.
    let dedented = closing !== undefined && closing[1].startsWith(',') && open.length > 0 && (open.at(-1) ?? 0) >= indent;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quote !== '') {
        if (quote === '"' && char === '\\') i++;
        else if (char === quote) {
          if (quote === "'" && line[i + 1] === "'") i++;
          else quote = '';
        }
      } else if (char === '"' || char === "'") quote = char;
      else if (char === '#' && (i === 0 || /[ \t]/.test(line[i - 1] ?? ''))) break;
      else if (char === '[' || char === '{') open.push(indent);
      else if ((char === ']' || char === '}') && open.length > 0) {
        const opener = open.pop() ?? 0;
        if (closing && opener > 0 && opener >= indent) dedented = true;
      }
    }
    if (dedented) found.push(start);
    start = end + 1;
  }
  return found;
}

/** For each line start inside a flow collection, the bracket of the innermost one open there (quotes and comments aside). */
function innermostOpen(text: string): Map<number, string> {
  const found = new Map<number, string>();
  const open: string[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (quote !== '') {
      if (quote === '"' && char === '\\') i++;
      else if (char === quote) quote = quote === "'" && text.charAt(i + 1) === "'" ? (i++, quote) : '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text.charAt(i - 1)))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (char === '[' || char === '{') open.push(char);
    else if ((char === ']' || char === '}') && open.length > 0) open.pop();
    else if (char === '\n' && open.length > 0) found.set(i + 1, open.at(-1) ?? '');
  }
  return found;
}

/**
 * A line that starts (after spaces) with a closing bracket or a comma (Bun reads on after either, at
 * any indentation; measured, fixtures *-flow-comma-line-*): its spaces, what it holds up to its comment
 * (the brackets, and whatever the collection around them goes on with), and the rest.
 */
function closingLine(line: string): [string, string, string] | undefined {
  const spaces = /^([ \t]*)[\]},]/.exec(line)?.[1];
  if (spaces === undefined) return undefined;
  const content = line.slice(spaces.length, commentStart(line)).replace(/[ \t\r]+$/, '');
  return [spaces, content, line.slice(spaces.length + content.length)];
}

/**
 * A multi-line flow collection whose closing bracket is indented less than the key it belongs to:
 * Bun reads it (measured: `x:` / `  tools: [` / `    Read` / `]` loads, fixtures *-closing-*), yaml stops
 * ("must be sufficiently indented"). The text with each such bracket moved to the end of the line
 * before, ahead of its comment (same offsets for what follows), or undefined.
 */
export function dedentedClosers(docs: Document.Parsed[], text: string): string | undefined {
  // yaml's indentation errors on such lines ("must be sufficiently indented", "must start at the same
  // column"); a bracket that closes nothing is another error, and stays.
  const flagged = docs.flatMap((doc) => doc.errors).filter((error) => error.code === 'BAD_INDENT').map((error) => error.pos[0]);
  if (flagged.length === 0) return undefined;
  // yaml loses its way after the first such bracket and flags the later ones as other errors: they are
  // found by following the brackets themselves (one read for them all, not one per bracket).
  const at = [...new Set([...flagged, ...dedentedCloserLines(text)])].sort((a, b) => a - b);
  // All moves are planned on the text as written, then made in one pass (linear in the text).
  const inserts = new Map<number, string>();
  const removals = new Map<number, { remove: number; insert: string }>();
  /** Bracket lines whose brackets move, and the line they went to (a later bracket goes there too). */
  const emptied = new Map<number, number>();
  const lineAt = (start: number): string => {
    const end = text.indexOf('\n', start);
    return text.slice(start, end < 0 ? text.length : end);
  };
  let innermost: Map<number, string> | undefined;
  const lastMoved = new Map<number, string>();
  for (const position of at) {
    const lineStart = text.lastIndexOf('\n', position - 1) + 1;
    if (lineStart === 0 || emptied.has(lineStart) || text.charAt(lineStart - 2) === '\r') continue;
    const line = closingLine(lineAt(lineStart));
    if (!line) continue;
    // The nearest line above with something on it.
    let targetStart = lineStart;
    let target = '';
    while (targetStart > 0) {
      targetStart = text.lastIndexOf('\n', targetStart - 2) + 1;
      targetStart = emptied.get(targetStart) ?? targetStart;
      target = lineAt(targetStart);
      if (target.slice(0, commentStart(target)).trim() !== '') break;
      target = '';
    }
    if (target === '' || target.endsWith('\r')) continue;
    const [spaces, brackets, rest] = line;
    // The brackets go at the end of that line, ahead of its comment; the bracket line keeps its spaces
    // (blanks after the brackets become spaces: a tab left alone on a line is another matter to Bun).
    const insertAt = targetStart + commentStart(target);
    // A comma after a list or map that closed as an item of a list: Bun refuses the line (measured).
    // (What that line ends with may be what an earlier line moved there: its last character is kept.)
    const before = lastMoved.get(insertAt) ?? target.slice(0, commentStart(target)).trimEnd().slice(-1);
    if (brackets.startsWith(',') && (before === ']' || before === '}') && (innermost ??= innermostOpen(text)).get(lineStart) === '[') continue;
    inserts.set(insertAt, (inserts.get(insertAt) ?? '') + brackets);
    lastMoved.set(insertAt, brackets.slice(-1));
    const blanks = /^[ \t]*/.exec(rest)?.[0].length ?? 0;
    // Blanks before the brackets that hold a tab become spaces too (` \t  ]` reads on, measured).
    const lead = spaces.includes('\t') ? spaces.length : 0;
    removals.set(lineStart + spaces.length - lead, { remove: lead + brackets.length + blanks, insert: ' '.repeat(lead + blanks) });
    emptied.set(lineStart, targetStart);
  }
  if (inserts.size === 0) return undefined;
  const edits = new Map<number, { remove: number; insert: string }>();
  for (const [at, insert] of inserts) edits.set(at, { remove: 0, insert });
  for (const [at, removal] of removals) edits.set(at, removal);
  return applyEdits(text, edits);
}

/**
 * An explicit key (`? x`) whose value indicator (`:`) sits further right than the `?`: yaml reads the
 * value, Bun stops ("Unexpected token", measured; fixtures *-explicit-key-*). Where the document has
 * one, the offset of its `:` (the first found).
 */
export function indentedExplicitValue(doc: Document.Parsed, text: string): number | undefined {
  const { visit, isNode, isMap, isPair, isScalar } = yaml();
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair, path) {
      const start = isNode(pair.key) ? pair.key.range?.[0] : undefined;
      // (A map as the key, `? c:`, its own entries, or no key at all, `?`: Bun reads the `:` further right too.)
      // (A map on the lines under a `?` alone is a key like any other: `?` / `  c: x` / ` : v` stops Bun.)
      const holder = path[path.length - 2];
      if (start === undefined || (isScalar(pair.key) && pair.key.value === null)) return undefined;
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
 * key's (`?` / `  tools` / `: v`). Its indentation (dashes and the map's properties included), as a match.
 */
function questionAbove(text: string, lineStart: number): RegExpExecArray | null {
  const above = previousContentLine(text, lineStart);
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
  return lead[2] === '' || /-/.test(lead[1] ?? '') || !followsSibling(text, lineStart, column) ? lead : null;
}
const QUESTION_LEAD = /^( *(?:-[ \t]+)*)((?:[&!]\S*[ \t]+)*)\? */;

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
 * *-colon-later-line-*). At the map's own indentation both read a null key. The offset of the first
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
        // An explicit key (`? k`, `? &a k`, `?` alone, the `?` first on its line) stands at its `?`.
        const keyLine = text.lastIndexOf('\n', start - 1) + 1;
        const nothing = isScalar(key) && key.value === null && key.range[0] === key.range[1];
        // (Or alone on the line above the key's node: `?` / `  k` / `: v`.)
        const question = /^( *)\?(?:[ \t]+(?:[&!]\S*(?:[ \t]+|$))*)?$/.exec(text.slice(keyLine, start)) ?? (!nothing && /^[ \t]*$/.test(text.slice(keyLine, start)) ? questionAbove(text, keyLine) : null);
        const empty = !question && nothing;
        if (empty) {
          const gap = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*:/.exec(text.slice(start, start + 4096));
          if (!gap) return undefined;
          start += gap[0].length - 1;
        }
        const lineStart = text.lastIndexOf('\n', start - 1) + 1;
        // Other `?`s: no opinion.
        if (!question && /\?/.test(text.slice(lineStart, start))) return undefined;
        const at = question ? (question[1] ?? '').length : start - lineStart;
        if (empty && at === propertiesMap) continue;
        propertiesMap = question && isScalar(key) && key.range[0] === key.range[1] && /[&!]/.test(question[0]) ? colonColumnBelow(text, pair.value, (question[1] ?? '').length) : undefined;
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
        previousValueStart = isNode(value) ? value.range?.[0] : undefined;
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

/** A line of blanks with a tab in it, and nothing else. */
const BLANK_TAB_LINE = /^[ \t]*\t[ \t]*$/gm;

/**
 * Lines of blanks with a tab inside a multi-line scalar (quoted or plain): Bun reads them as empty
 * lines (measured; fixtures *-quoted-tab-line-*, *-plain-tab-line-*), yaml counts the spaces before
 * the tab as the line's indentation and, when they are fewer than the scalar needs, stops (a missing
 * quote, a bad indentation). The text with those tabs made spaces (same offsets) when that is all
 * yaml stumbled on, or undefined.
 */
export function scalarTabLines(docs: Document.Parsed[], text: string): string | undefined {
  if (!docs.some((doc) => doc.errors.length > 0)) return undefined;
  const starts: number[] = [];
  const spaced = text.replace(BLANK_TAB_LINE, (line, at: number) => {
    starts.push(at);
    return line.replace(/\t/g, ' ');
  });
  if (starts.length === 0) return undefined;
  const reread = readDocuments(spaced);
  if (reread.some((doc) => doc.errors.length > 0)) return undefined;
  const inside = scalarRanges(reread, ['QUOTE_SINGLE', 'QUOTE_DOUBLE', 'PLAIN']);
  // Both in text order: one sweep (a 1 MiB block of such lines and scalars stays linear).
  inside.sort((a, b) => a[0] - b[0]);
  let reach = -1;
  let next = 0;
  for (const at of starts) {
    // The furthest end of the scalars that start before the line.
    for (; next < inside.length && (inside[next]?.[0] ?? Infinity) < at; next++) reach = Math.max(reach, inside[next]?.[1] ?? -1);
    if (reach <= at) return undefined;
  }
  return spaced;
}

/**
 * A document that is one block scalar (`|` at column 1, no key) whose first line with anything on it
 * is only a tab (and blanks): Bun meets the tab where it looks for the text's indentation ("Unexpected
 * character", measured; fixtures *-top-block-tab-*), yaml reads the line as text. Its offset, or undefined.
 */
export function topBlockTabLine(docs: Document.Parsed[], text: string): number | undefined {
  const { isScalar } = yaml();
  for (const doc of docs) {
    const { contents } = doc;
    if (!isScalar(contents) || (contents.type !== 'BLOCK_LITERAL' && contents.type !== 'BLOCK_FOLDED') || !contents.range) continue;
    for (let at = text.indexOf('\n', contents.range[0]) + 1; at > 0 && at < text.length; at = text.indexOf('\n', at) + 1) {
      const end = text.indexOf('\n', at);
      const line = text.slice(at, end < 0 ? text.length : end);
      if (line === '' || line === '\r') continue;
      if (/^\t[ \t]*\r?$/.test(line)) return at;
      break;
    }
  }
  return undefined;
}

/**
 * Lines of spaces and a tab right after a block scalar's header, no further right than the block's key:
 * Bun ends the block there (an empty one) and reads the line as a blank one, where yaml takes it for a
 * more-indented leading empty line and stops (measured; fixtures *-block-tab-line-*). Further right,
 * at the top level, the line is the block's text (a tab). The text with such lines turned into comment
 * lines (same offsets, as tabLines does after a block's last line), or undefined.
 */
export function blockEndingTabLines(docs: Document.Parsed[], text: string): string | undefined {
  const at = docs.flatMap((doc) => doc.errors).filter((error) => error.message.startsWith('Block scalars with more-indented leading empty lines')).map((error) => error.pos[0]);
  if (at.length === 0) return undefined;
  const blocks = scalarRanges(docs, ['BLOCK_LITERAL', 'BLOCK_FOLDED']);
  const edits = new Map<number, { remove: number; insert: string }>();
  for (const position of at) {
    const lineStart = text.lastIndexOf('\n', position - 1) + 1;
    const lineEnd = text.indexOf('\n', position);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
    if (!/^ +\t[ \t]*$/.test(line)) return undefined;
    const block = blocks.find(([start, end]) => start < lineStart && lineStart <= end);
    if (!block) return undefined;
    const keyLine = text.lastIndexOf('\n', block[0] - 1) + 1;
    const keyIndent = /^ */.exec(text.slice(keyLine, block[0]))?.[0].length ?? 0;
    if ((/^ */.exec(line)?.[0].length ?? 0) > keyIndent) return undefined;
    edits.set(lineStart, { remove: 1, insert: '#' });
  }
  return applyEdits(text, edits);
}

/**
 * An explicit key's value indicator alone on its line (`? k` / `:`), then a line at the same column that
 * starts with an empty key (`: v`): Bun reads an empty value, then a pair of the same map with an empty
 * key; yaml reads that line and the ones after it at that column as a map, the value (measured;
 * fixtures *-empty-explicit-value-*). The pairs are moved up into the map, after the empty value.
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
        if (!above || !new RegExp(`^ {${at - lineStart}}:[ \\t]*(?:#.*)?\\r?$`).test(above.text)) continue;
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
 * Comment lines whose `#` has no blank after it (`#model: opus`, `#: x`), between a `key:` and its
 * value on a line further right: yaml then reads the value and the next key as one key going on over
 * lines ("Multiline implicit key"), Bun skips the comment as any other (measured; fixtures
 * *-glued-comment-line-*). The text with a blank after each such `#` (same offsets; comments are not
 * read), when yaml reads it without errors; undefined otherwise. Lines inside quoted and block scalars
 * are text, and stay.
 */
export function gluedComments(docs: Document.Parsed[], text: string): string | undefined {
  const inside = scalarRanges(docs, ['QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED']);
  let changed = false;
  const spaced = text.replace(/(^|\n)([ \t]*#)([^\s])/g, (match, before: string, hash: string, next: string, at: number) => {
    const position = at + before.length + hash.length;
    if (inside.some(([start, end]) => start < position && position < end)) return match;
    changed = true;
    // (Half of a surrogate pair left alone in a comment is harmless; same length either way.)
    return `${before}${hash} `;
  });
  if (!changed) return undefined;
  return readDocuments(spaced).some((doc) => doc.errors.length > 0) ? undefined : spaced;
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
  if ((lead[1] ?? '').trim() === '' && followsSibling(text, lineStart, column)) return undefined;
  // (Properties alone on the lines right above, `- &a` / `  !t ?`, are the same map's.)
  let properties = lead[2] ?? '';
  for (let above = previousContentLine(text, lineStart); above && /^[ \t]*(?:-[ \t]+)*[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*$/.test(above.text); above = previousContentLine(text, above.start)) {
    properties += ` ${above.text.replace(/^[ \t]*(?:-[ \t]+)*/, '')}`;
    if (/-/.test(above.text.slice(0, indentOf(above.text) + 2))) break;
  }
  const each = properties.trim().split(/[ \t]+/);
  const from = lineStart + column;
  const moved = `${text.slice(0, from)}?${' '.repeat(at - from)}${text.slice(at + 1)}`;
  const repeated = each.filter((p) => p.startsWith('&')).length > 1 ? 'Multiple anchors' : each.filter((p) => p.startsWith('!')).length > 1 ? 'Multiple tags' : undefined;
  return repeated ? { text: moved, repeated } : { text: moved };
}

/** A line's indentation and list markers, then anchors and tags only (up to a `?`). */
const PROPERTIES_BEFORE_QUESTION = /^([ \t]*(?:-[ \t]+)*)((?:[&!]\S*[ \t]+)+)$/;

/** Whether, going up from the line at `lineStart`, the first line no further right than `column` is at that column (an entry of the same block). */
function followsSibling(text: string, lineStart: number, column: number): boolean {
  for (let above = previousContentLine(text, lineStart), steps = 0; above !== undefined && steps < 10_000; above = previousContentLine(text, above.start), steps++) {
    const indent = indentOf(above.text);
    if (indent <= column) return indent === column;
  }
  return false;
}

/**
 * An explicit key with no node, or anchors and tags only (`?`, `? &a`, or `?` then `  !t`), then its
 * `:` further right than the `?` with no value on its line, then a line no further right than that `:`
 * (but right of the `?`): Bun reads the `:` as a map of its own (the key's node), whose entry's value
 * must be further right, and stops at that line ("Unexpected token"; yaml reads the line as the value.
 * Measured; fixtures *-empty-key-value-line-*). Its offset, or undefined.
 */
export function emptyKeyValueLine(text: string): number | undefined {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; offset += (lines[i] ?? '').length + 1, i++) {
    const question = EMPTY_QUESTION.exec((lines[i] ?? '').replace(/\r$/, ''));
    if (!question) continue;
    const column = (question[1] ?? '').length;
    let k = i + 1;
    let at = offset + (lines[i] ?? '').length + 1;
    const skip = (): void => {
      while (k < lines.length && /^[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '')) at += (lines[k++] ?? '').length + 1;
    };
    skip();
    // (The key's anchors and tags on lines of their own, further right.)
    while (k < lines.length && /^ *[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*\r?$/.test(lines[k] ?? '') && indentOf(lines[k] ?? '') > column) {
      at += (lines[k++] ?? '').length + 1;
      skip();
    }
    const colon = /^( *):(?:[ \t]+[&!]\S*)*[ \t]*(?:#.*)?\r?$/.exec(lines[k] ?? '');
    const colonColumn = colon?.[1]?.length ?? -1;
    if (!colon || colonColumn <= column) continue;
    at += (lines[k++] ?? '').length + 1;
    skip();
    const next = lines[k];
    if (next === undefined || /^[ \t]*\t/.test(next)) continue;
    const indent = indentOf(next);
    if (indent > column && indent <= colonColumn) return at;
  }
  return undefined;
}
/** A `?` with nothing after it but anchors and tags (list dashes and the map's properties before it). */
const EMPTY_QUESTION = /^( *(?:-[ \t]+)*)(?:[&!]\S*[ \t]+)*\?(?:[ \t]+[&!]\S*)*[ \t]*(?:[ \t]#.*)?$/;
