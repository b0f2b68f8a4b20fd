import { holdsPair } from './bun/index.js';
import type { Line } from './bare-key-lines.js';
import { isEntry, PLAIN_START } from './bare-key-lines.js';

// Bun's wording where it stops at a bare key: a scalar left of the list or map before it, a list
// right after an explicit key, or properties over lines that repeat an anchor or a tag.

/**
 * For a bare key on line `i` that is a scalar going on over lines (a block scalar's text, a plain or
 * quoted scalar's later lines, up to line `next`), after the entry on `owner`: Bun's wording when that
 * entry's value is a list or map (on lines further right, or inline after its `? `) whose indentation
 * those lines do not pass; else undefined.
 */
export function scalarLeftOfCollection(lines: Line[], owner: Line, i: number, next: number): string | undefined {
  const line = lines[i] as Line;
  const block = /^[|>]/.test(line.content);
  const quoted = /^["']/.test(line.content);
  if (!block && !quoted && !PLAIN_START.test(line.content)) return undefined;
  let j = i - 1;
  while (j > 0 && lines[j] !== owner) j--;
  let nested: Line | undefined;
  for (let k = j + 1; k < i && !nested; k++) {
    const between = lines[k] as Line;
    if (!between.blank && !between.inScalar) nested = between;
  }
  let collection: number | undefined;
  if (nested && nested.indent > line.indent && (isEntry(nested.content) || holdsPair(nested.content) || /^[?:](?:[ \t]|$)/.test(nested.content))) collection = nested.indent;
  else {
    // A list or map may also open on the entry's own line, after its `? `.
    const inline = /^\?[ \t]+(?=-[ \t]|[^\s#'"[{][^#]*?:(?:[ \t]|$))/.exec(owner.content)?.[0].length;
    if (inline === undefined) return undefined;
    collection = owner.indent + inline;
  }
  // How far right the scalar's later lines are: a block's indentation (its indicator, or its first line).
  const digit = block ? /^[|>][-+]?([1-9])/.exec(line.content)?.[1] : undefined;
  let indent = digit === undefined ? undefined : line.indent + Number(digit);
  for (let k = i + 1; k < (block ? lines.length : next) && (indent === undefined || !block); k++) {
    const inner = lines[k] as Line;
    // (A quoted scalar's later lines are those inside its quotes; a plain one's, every line further right.)
    if (quoted ? inner.inScalar && inner.content !== '' : !inner.blank) indent = Math.min(indent ?? Infinity, inner.indent);
  }
  if (indent === undefined || indent > collection) return undefined;
  return quoted ? 'Unexpected character' : 'Unexpected token';
}

/**
 * Bun's wording where it stops at a list right after an explicit key (`? k` then `- a` at its column,
 * line `i`; `next`, the first line after the list): Bun takes the list's nodes for a key, so a value
 * indicator (`:`) that comes after a node that ended on a line above (`- [a]` then `: v`), or inside a
 * plain scalar that went on over lines (`- a` then `  b: c`), is "Multiline implicit key" (measured;
 * fixtures *-list-after-explicit-key-*). Pairs on lines of their own (`- a: b`, a key `model: m` after
 * the list), a `?` first, or no `:` at all: "Unexpected token".
 */
export function listAfterExplicitKey(lines: Line[], i: number, next: number): string {
  const listIndent = (lines[i] as Line).indent;
  /** The block indentation of a plain scalar that ends the line above (it goes on onto lines further right). */
  let plain: number | undefined;
  for (let k = i; k <= next && k < lines.length; k++) {
    const line = lines[k] as Line;
    if (line.blank) {
      if (line.comment) plain = undefined;
      continue;
    }
    if (line.inScalar || line.tabbed) continue;
    if (k > i && plain !== undefined && line.indent > plain) {
      if (/:(?:[ \t]|$)/.test(line.content)) return 'Multiline implicit key';
      if (line.comment) plain = undefined;
      continue;
    }
    const marker = /^(?:-(?:[ \t]+|$))*/.exec(line.content)?.[0] ?? '';
    const content = line.content.slice(marker.length);
    if (k > i) {
      if (/^\?(?:[ \t]|$)/.test(content)) return 'Unexpected token';
      if (/^:(?:[ \t]|$)/.test(content)) return 'Multiline implicit key';
      if (marker === '' && line.indent <= listIndent) return 'Unexpected token';
    }
    // The node this line ends with: a plain scalar goes on over lines right of its map or list.
    const value = holdsPair(content) ? /:[ \t]+(.*)$/.exec(content)?.[1] : content;
    const lastEntry = marker.replace(/-[ \t]*$/, '').length;
    plain = value !== undefined && PLAIN_START.test(value) && !line.comment ? (value === content ? line.indent + lastEntry : line.indent + marker.length) : undefined;
  }
  return 'Unexpected token';
}

/**
 * Bun's wording for properties over several lines (`&a` / `&b`) that give one node two anchors
 * ("Multiple anchors") or two tags ("Multiple tags"), or undefined.
 */
export function repeatedProperty(lines: Line[]): string | undefined {
  let anchors = 0;
  let tags = 0;
  for (const line of lines) {
    for (const property of line.content.split(/[ \t]+/)) {
      if (property.startsWith('&')) anchors++;
      else if (property.startsWith('!')) tags++;
    }
  }
  return anchors > 1 ? 'Multiple anchors' : tags > 1 ? 'Multiple tags' : undefined;
}
