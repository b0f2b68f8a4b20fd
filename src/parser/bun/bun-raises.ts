import type { Document } from 'yaml';
import { anchoredEmptyKey } from './properties.js';

// Which of the errors yaml raises Bun raises too: yaml complains of some documents Bun reads, and
// yaml's document is right all the same.

/** yaml errors that Bun does not raise (measured), as long as they are the only ones. */
const TOLERATED = new Set(['KEY_OVER_1024_CHARS']);

/**
 * Errors yaml raises on documents Bun reads, where yaml's document is right all the same: a list or map
 * used as a key after an empty or comment line ("Map comment with trailing content"); a comment first
 * on its line at column 1 inside a flow map, after a value ("Comments must be separated from other
 * tokens": measured, fixtures *-flow-comment-column-1-*).
 */
const yamlSlip = (error: { code: string; message: string; pos: [number, number] }, text: string): boolean =>
  (error.code === 'IMPOSSIBLE' && error.message.startsWith('Map comment with trailing content')) ||
  (error.code === 'MISSING_CHAR' && error.message.startsWith('Comments must be separated') && text.charAt(error.pos[0]) === '#' && (error.pos[0] === 0 || text.charAt(error.pos[0] - 1) === '\n'));

/**
 * A local tag that goes on with a comma (`!a,b`): Bun ends the tag there and reads the plain scalar
 * that starts at the comma (`name: !a,` is ","), as yaml does, which complains. (A `!!` tag, an anchor,
 * or a `!` with no word after it, Bun refuses there.)
 */
function commaAfterTag(error: YamlError, text: string): boolean {
  const at = error.pos[0];
  if (error.code !== 'MISSING_CHAR' || text[at] !== ',' || !error.message.startsWith('Tags and anchors must be separated')) return false;
  const start = Math.max(text.lastIndexOf(' ', at), text.lastIndexOf('\t', at), text.lastIndexOf('\n', at)) + 1;
  return /^![\w-][^\s!,[\]{}]*$/.test(text.slice(start, at));
}

type YamlError = Document.Parsed['errors'][number];

/** Whether an error yaml raises is one Bun raises too (as far as yaml's own reading goes). */
export const bunRaises = (error: YamlError, text: string): boolean =>
  !TOLERATED.has(error.code) && !(error.code === 'BAD_SCALAR_START' && text[error.pos[0]] === ',') && !commaAfterTag(error, text) && !yamlSlip(error, text) && !anchoredEmptyKey(error.code, text, error.pos[0]);

/** Whether yaml found a problem Bun raises too before the first place its composer ran out of stack. */
export function errorBeforeExhaustion(doc: Document.Parsed, text: string): boolean {
  let exhausted = Infinity;
  for (const error of doc.errors) if (error.code === 'RESOURCE_EXHAUSTION') exhausted = Math.min(exhausted, error.pos[0]);
  return doc.errors.some((error) => error.code !== 'RESOURCE_EXHAUSTION' && error.pos[0] < exhausted && bunRaises(error, text));
}
