import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { blockIndent } from './block-scalars.js';
import { applyEdits, leadingSpaces } from './lines.js';

// Lines of blanks holding a tab, as Bun reads them after each kind of token (quoted, flow, alias,
// empty value, block scalar): where its first parse fails, and where it reads on and yaml would stop.

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
 *   After a line with nothing on it (spaces do not count as nothing), or another such line, or right after
 *   the header, a line starting with a tab makes Bun fail.
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
      const wasEnded = last === ended;
      if (tabFirst && afterFirstEntry && (hashSeen || wasEnded)) return { fail: true };
      ended = last;
      // (Or right after the block's header, `|2` / a tab: measured, fixtures *-block-header-tab-line-*.)
      // (After a blank line, only while the block goes on: once such a line has ended it, within the
      // first top-level entry, Bun reads on; fixtures *-block-tab-line-after-ended-*.)
      if (tabFirst && ((afterBlank && !wasEnded) || beforeStart <= last.start)) return { fail: true };
      if (nextError < errors.length && (errors[nextError] ?? Infinity) <= end) rewrites.push(start);
    }
  }
  return rewrites.length === 0 ? undefined : { text: applyEdits(text, new Map(rewrites.map((at) => [at, { remove: 1, insert: '#' }]))) };
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
