import type { Document } from 'yaml';
import { yaml } from '../yaml-engine.js';
import { indentOf } from './lines.js';
import { PROPERTIES_LINE } from './properties.js';
import { questionAbove } from './question-above.js';

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
