import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { BLOCK_HEADER } from './block-scalars.js';
import { holdsPair, indentOf, leadingSpaces, previousContentLine } from './lines.js';

// Quoted scalars as Bun scans them: followed to their closing quote, stopped by a line no further
// right than their key ("Unexpected character") or by the end ("Unexpected EOF"), and escapes of lone
// surrogates, which Bun refuses.

/**
 * The quoted scalar that is the first thing on its line, the line after a `key:` with no value, where
 * the line holding (or nearest before) `at` is that line or one the scalar goes on to: its quote and the
 * key's indentation (the block indentation Bun measures its lines against). Undefined otherwise.
 */
export function valueQuoteOnOwnLine(text: string, at: number): { at: number; indent: number } | undefined {
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
export function quoteAfterEntry(text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, at))) return undefined;
  const above = previousContentLine(text, lineStart);
  if (!above || !holdsPair(above.text) || /:[ \t]*$/.test(above.text)) return undefined;
  const indent = indentOf(above.text);
  return at - lineStart <= indent ? unclosedQuoteWording(text, at, indent) : undefined;
}

/**
 * For a quoted scalar opening at `start` that never closes: "Unexpected character" when a line inside it
 * (with something on it) starts no further right than `indent` (by default that of the line it opened
 * on), else "Unexpected EOF". Undefined when it closes.
 */
export function unclosedQuoteWording(text: string, start: number, indent = leadingSpaces(text, text.lastIndexOf('\n', start - 1) + 1)): string | undefined {
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

/** A `key: "…` or `key: '…` line (the key quoted or not) whose quote does not close on it (a double-quoted one may end in an escaped line break). */
export const UNCLOSED_QUOTE = /^(?:[^#"']*?|[ \t]*(?:- +)?(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*):[ \t]+(?:"(?:[^"\\]|\\.)*\\?\r?|'(?:[^']|'')*)$/;

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
 * as `key: "…`, `"key": "…` or `- "…` on a line are followed to their closing quote (linear in the text), unless
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
    // (A quoted key, `"k": "…`, opens the value as a plain one does: fixtures *-quoted-key-quoted-dedent-*.)
    const opening = /^([ \t]*)(?:(?:- +)?(?:[^\s#"'\-[{][^#"']*?|"(?:[^"\\\n]|\\.)*"[ \t]*|'(?:[^'\n]|'')*'[ \t]*):[ \t]+|- +)(["'])/.exec(line);
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
