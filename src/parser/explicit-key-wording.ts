import { PROPERTIES_LINE } from './bun/index.js';
import type { Line } from './bare-key-lines.js';

/**
 * Bun's wording where anchors or tags alone on a line (at `first`) stand over an explicit key after an
 * entry of the map (`&a` / `? k`), with no `?` after that key's lines (up to `end`), once a `:` line
 * further right follows: a key going on over lines ("Multiline implicit key") where a node stands for
 * the key (on the `?` line or the line under it) no further right than that `:`; "Unexpected token"
 * where the key has no node or the `:` is further right than it (measured; fixtures
 * *-properties-over-explicit-key-*). Undefined with no `:` line.
 */
export function explicitKeyWording(lines: Line[], first: number, end: number): string | undefined {
  const properties = lines[first] as Line;
  let keyColumn: number | undefined;
  let question = true;
  for (let k = first + 1; k < end; k++) {
    const line = lines[k] as Line;
    if (line.blank || line.inScalar || PROPERTIES_LINE.test(line.content)) continue;
    if (question && /^\?(?:[ \t]|$)/.test(line.content) && line.indent === properties.indent) {
      question = false;
      const node = /^\?[ \t]*((?:[&!]\S*[ \t]+)*)(.*)$/.exec(line.content);
      if (node && node[2] !== '' && !PROPERTIES_LINE.test(node[2] ?? '')) keyColumn = line.content.length - (node[2] ?? '').length + line.indent;
      continue;
    }
    if (line.indent <= properties.indent) return undefined;
    if (/^:(?:[ \t]|$)/.test(line.content)) return keyColumn !== undefined && line.indent <= keyColumn ? 'Multiline implicit key' : 'Unexpected token';
    keyColumn ??= line.indent;
  }
  return undefined;
}
