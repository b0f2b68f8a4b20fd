import { blockHeaderRefused, leadingBlanksRefused } from './block-scalars.js';
import { colonAfterList, colonLineWording, plainOpening } from './colon-line-wording.js';
import { innermostOpen } from './flow-closers.js';
import { holdsPair, indentOf, lineText, previousContentLine } from './lines.js';
import { multilineKeyWording } from './multiline-key-wording.js';
import { PROPERTIES_BEFORE_QUESTION, repeatedPropertyWording } from './properties.js';
import { propertiesBeforeQuestionWording, questionAfterEntry } from './question-after-entry.js';
import { UNCLOSED_QUOTE, unclosedQuoteWording, valueQuoteOnOwnLine } from './quotes.js';
import { tabIndentWording } from './tab-indent.js';

// Bun's wording for the errors yaml reports: one yaml code stands for several of Bun's, told apart
// by the lines around the error (the other modules supply the cases: quotes, tabs, `:` lines,
// properties, block headers, flow collections, multi-line keys).

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
  if (code === 'MULTILINE_IMPLICIT_KEY') return multilineKeyWording(text, start, end);
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
