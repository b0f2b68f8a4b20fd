import { indentOf } from './lines.js';

// Explicit keys with no node on their `?` line, where a `:` line under them may stand further right
// (read by emptyKeyValueLine and colonMapKeys).

/** A `?` with nothing after it but anchors and tags (list dashes and the map's properties before it). */
const EMPTY_QUESTION = /^( *(?:-[ \t]+)*)(?:[&!]\S*[ \t]+)*\?(?:[ \t]+[&!]\S*)*[ \t]*(?:[ \t]#.*)?$/;

/**
 * Each explicit key with no node on its `?` line (EMPTY_QUESTION), with the `?`'s column, and the first
 * line after it that is neither blank (or a comment) nor the key's anchors and tags on a line of their
 * own further right: its index `k` and offset `at`.
 */
export function* emptyQuestions(lines: string[]): Generator<{ column: number; k: number; at: number }> {
  let offset = 0;
  for (let i = 0; i < lines.length; offset += (lines[i] ?? '').length + 1, i++) {
    const question = EMPTY_QUESTION.exec((lines[i] ?? '').replace(/\r$/, ''));
    if (!question) continue;
    const column = (question[1] ?? '').length;
    let k = i + 1;
    let at = offset + (lines[i] ?? '').length + 1;
    while (k < lines.length && (/^[ \t]*(?:#.*)?\r?$/.test(lines[k] ?? '') || (/^ *[&!]\S*(?:[ \t]+[&!]\S*)*[ \t]*\r?$/.test(lines[k] ?? '') && indentOf(lines[k] ?? '') > column))) {
      at += (lines[k++] ?? '').length + 1;
    }
    yield { column, k, at };
  }
}
