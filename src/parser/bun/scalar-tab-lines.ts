import type { Document } from 'yaml';
import { scalarRanges, readDocuments, yaml } from '../yaml-engine.js';
import { applyEdits } from './lines.js';

// Lines of blanks holding a tab inside or right after a scalar: empty lines of a quoted or plain
// scalar to Bun, the end of a block scalar after its header, or a tab Bun refuses where a top-level
// block scalar's text starts.

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
