import type { Document } from 'yaml';
import { scalarRanges, readDocuments } from '../yaml-engine.js';

// Comment lines with no blank after the `#`, which yaml can read into a key and Bun skips.

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
